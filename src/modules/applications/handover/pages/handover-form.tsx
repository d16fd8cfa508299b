// 基幹システム引渡し: the form that exports a bundle (procedure, period, encoding, states) and the list of hand-overs
// made, each linking to its page (receipt, disposal). Ids, counts and dates only: no resident's data on this page.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { type ApplicationState, applicationStates } from '../../domain/state.ts';
import type { Handover } from '../store.ts';

/** The hand-over's address; a hand-over's page is `${HANDOVER_PATH}/<id>`. */
export const HANDOVER_PATH = '/console/applications/handover';

/** The states a bundle may carry (submitted ones); approved and completed are ticked by default. */
export const EXPORTABLE_STATES: readonly ApplicationState[] = ['received', 'under_review', 'returned', 'resubmitted', 'approved', 'rejected', 'completed'];
export const DEFAULT_STATES: readonly ApplicationState[] = ['approved', 'completed'];

/** The form as sent (re-shown as typed after a refusal). */
export interface HandoverForm {
  procedureId: string;
  from: string;
  to: string;
  encoding: 'utf8' | 'sjis';
  states: ApplicationState[];
}

export interface HandoverFormProps {
  csrfToken: string;
  procedures: Array<{ id: string; title: string }>;
  form: HandoverForm;
  handovers: Handover[];
  problem?: string | undefined;
}

export const handoverTitle = (lang: Lang): string => t(lang, '基幹システム引渡し', 'Hand-over to core systems');

/** Where a hand-over stands, in words. */
export function handoverStatus(lang: Lang, h: Handover): string {
  if (h.disposedAt) return t(lang, '消去済み', 'Disposed of');
  if (h.confirmedAt) return t(lang, '受領確認済み（消去待ち）', 'Receipt confirmed (awaiting disposal)');
  return t(lang, '受領確認待ち', 'Awaiting receipt');
}

/** The form and the list. */
export function HandoverFormPage(ctx: PageContext & HandoverFormProps) {
  const { lang, form } = ctx;
  return (
    <ConsoleLayout {...ctx} title={handoverTitle(lang)}>
      <h1 safe>{handoverTitle(lang)}</h1>
      <p safe>{t(lang,
        '手続きと申請日の期間を選ぶと、まだ引き渡していない申請を ZIP ファイル（applications.csv・添付書類・manifest.json）として出力し、引渡し済みにします。基幹システム側の受領ファイルを登録し、保存期間が過ぎると、この窓口の申請データは消去されます。',
        'Choose a procedure and a period of submission: the applications not yet handed over are exported as a ZIP file (applications.csv, attachments, manifest.json) and marked handed over. Once the core system\'s receipt is uploaded and the retention period has passed, the portal\'s copy is disposed of.')}</p>
      {ctx.problem ? <p class="notice notice-error" role="alert" safe>{ctx.problem}</p> : ''}
      <form method="post" action={HANDOVER_PATH} class="form">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="handover-procedure" safe>{t(lang, '手続き', 'Procedure')}</label>
          <select id="handover-procedure" name="procedureId" required>
            {ctx.procedures.map((p) => <option value={p.id} selected={p.id === form.procedureId} safe>{p.title}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="handover-from" safe>{t(lang, '申請日（から）', 'Submitted from')}</label>
          <input id="handover-from" name="from" type="date" required value={form.from} />
        </div>
        <div class="field">
          <label for="handover-to" safe>{t(lang, '申請日（まで）', 'Submitted until')}</label>
          <input id="handover-to" name="to" type="date" required value={form.to} />
        </div>
        <fieldset class="field">
          <legend safe>{t(lang, '含める状態（まだ引き渡していない申請のみ）', 'States to include (applications not yet handed over only)')}</legend>
          {EXPORTABLE_STATES.map((s) => (
            <label>
              <input type="checkbox" name="states" value={s} checked={form.states.includes(s)} />
              <span safe>{t(lang, applicationStates[s].ja, applicationStates[s].en)}</span>
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="handover-encoding" safe>{t(lang, 'CSV の文字コード', 'CSV encoding')}</label>
          <select id="handover-encoding" name="encoding">
            <option value="utf8" selected={form.encoding === 'utf8'}>UTF-8</option>
            <option value="sjis" selected={form.encoding === 'sjis'}>Shift_JIS (CP932)</option>
          </select>
        </div>
        <button type="submit" class="button" safe>{t(lang, '出力して引渡し済みにする', 'Export and mark handed over')}</button>
      </form>
      <h2 safe>{t(lang, 'これまでの引渡し', 'Hand-overs made')}</h2>
      {ctx.handovers.length === 0 ? <p safe>{t(lang, 'まだありません。', 'None yet.')}</p> : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col" safe>{t(lang, '出力日時', 'Exported at')}</th>
              <th scope="col" safe>{t(lang, '手続き', 'Procedure')}</th>
              <th scope="col" safe>{t(lang, '期間', 'Period')}</th>
              <th scope="col" safe>{t(lang, '件数', 'Applications')}</th>
              <th scope="col" safe>{t(lang, '状況', 'Status')}</th>
            </tr>
          </thead>
          <tbody>
            {ctx.handovers.map((h) => (
              <tr>
                <td><a href={`${HANDOVER_PATH}/${h.handoverId}`} safe>{formatInstant(h.createdAt)}</a></td>
                <td safe>{h.procedureId}</td>
                <td safe>{`${h.periodFrom} – ${h.periodTo}`}</td>
                <td safe>{String(h.applicationCount)}</td>
                <td safe>{handoverStatus(lang, h)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
