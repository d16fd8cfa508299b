// 入力内容の確認: every answer as it will be submitted, files by name, a change link per answer, the fee computed by
// the server, and the one button that submits (or goes to payment). Nothing on this page is sent back but the csrf.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { formatWareki } from '../../../platform/text/index.ts';
import { PortalLayout } from '../../../platform/ui/layout.tsx';
import type { AttachmentMeta } from '../attachments/index.ts';
import { type FieldDefinition, type ProcedureDefinition, protectedCategories } from '../domain/procedure.ts';
import { errorTarget } from './portal-fields.tsx';
import { pick, type PortalPageContext, yen } from './portal-common.tsx';

export interface ConfirmPageProps extends PortalPageContext {
  definition: ProcedureDefinition;
  formHref: string;
  submitAction: string;
  csrfToken: string;
  values: Record<string, unknown>;
  files: AttachmentMeta[];
  feeYen: number;
  copies: number;
  correcting: boolean;
}

/** An answer as the resident reads it back: dates with their 和暦, choices by label, a 個人番号 masked but its last 4. */
export function displayValue(lang: Lang, f: FieldDefinition, v: unknown, files: AttachmentMeta[]): string {
  if (f.type === 'file') return files.filter((a) => a.fieldId === f.id).map((a) => a.fileName).join('、') || t(lang, '（なし）', '(none)');
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return t(lang, '（未入力）', '(not given)');
  if (f.type === 'checkbox') return v === true ? t(lang, 'はい', 'Yes') : t(lang, 'いいえ', 'No');
  if (f.type === 'choice') {
    const labels = new Map((f.options ?? []).map((o) => [o.value, pick(lang, o.label)]));
    return (Array.isArray(v) ? v : [v]).map((x) => labels.get(String(x)) ?? String(x)).join('、');
  }
  if ((f.type === 'date' || f.type === 'wareki_date') && typeof v === 'string') {
    try {
      return `${v}（${formatWareki(v)}）`;
    } catch {
      return v;
    }
  }
  if (f.category === 'individual_number' && typeof v === 'string') return `********${v.slice(-4)}`;
  // As typed, without grouping: the form's numbers are counts and years, and the year 2025 must not read "2,025".
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The confirm page. */
export function ConfirmPage(p: ConfirmPageProps) {
  const { lang, definition } = p;
  const title = t(lang, '入力内容の確認', 'Check your answers');
  return (
    <PortalLayout {...p} title={`${title} - ${pick(lang, definition.title)}`}>
      <h1 safe>{title}</h1>
      <p safe>{pick(lang, definition.title)}</p>
      <dl class="facts answers">
        {definition.fields.map((f) => (
          <div class="answer">
            <dt safe>{pick(lang, f.label)}</dt>
            <dd>
              <span class={protectedCategories.includes(f.category) ? 'answer-value protected' : 'answer-value'} safe>{displayValue(lang, f, p.values[f.id], p.files)}</span>{' '}
              <a href={`${p.formHref}#${errorTarget(f)}`}>
                <span safe>{t(lang, '修正', 'Change')}</span><span class="visually-hidden" safe>{` ${pick(lang, f.label)}`}</span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      {p.feeYen > 0 && !p.correcting ? (
        <div class="notice fee">
          <p><span safe>{t(lang, '手数料: ', 'Fee: ')}</span><strong safe>{yen(lang, p.feeYen)}</strong>
            {definition.fee?.copiesField ? <span safe>{t(lang, `（${yen(lang, definition.fee.yen)} × ${p.copies}通）`, ` (${yen(lang, definition.fee.yen)} × ${p.copies})`)}</span> : ''}</p>
          <p safe>{t(lang, '次の画面で決済代行事業者の画面に移動し、お支払いが確認できた時点で申請が完了します。', 'Next you go to the payment provider; the application is submitted once the payment is confirmed.')}</p>
        </div>
      ) : ''}
      <form method="post" action={p.submitAction} class="form">
        <input type="hidden" name="csrf" value={p.csrfToken} />
        <div class="actions">
          <button type="submit" class="button" safe>{p.correcting ? t(lang, '再提出する', 'Submit again')
            : p.feeYen > 0 ? t(lang, `支払いへ進む（${yen(lang, p.feeYen)}）`, `Continue to payment (${yen(lang, p.feeYen)})`) : t(lang, '申請する', 'Submit the application')}</button>
          <a class="button button-secondary" href={p.formHref} safe>{t(lang, '入力画面に戻る', 'Back to the form')}</a>
        </div>
      </form>
    </PortalLayout>
  );
}
