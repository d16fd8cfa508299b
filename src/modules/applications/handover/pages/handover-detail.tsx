// One hand-over: its manifest hash, the receipt upload (with the receipt format explained), the 「今すぐ消去」 button
// once it is due, and the 消去記録. Ids, counts, dates and receipt numbers only.
import { t } from '../../../../platform/http/language.ts';
import { formatInstant } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { DisposalRecord, Handover } from '../store.ts';
import { HANDOVER_PATH, handoverStatus, handoverTitle } from './handover-form.tsx';

export interface HandoverDetailProps {
  csrfToken: string;
  handover: Handover;
  disposals: DisposalRecord[];
  retentionDays: number;
  /** True when the disposal may run now (confirmed, dispose_after passed, not yet disposed of). */
  due: boolean;
  notice?: { kind: 'error' | 'done'; text: string } | undefined;
}

/** The page of one hand-over. */
export function HandoverDetailPage(ctx: PageContext & HandoverDetailProps) {
  const { lang, handover: h } = ctx;
  const self = `${HANDOVER_PATH}/${h.handoverId}`;
  const facts: Array<[string, string]> = [
    [t(lang, '引渡しID', 'Hand-over id'), h.handoverId],
    [t(lang, '状況', 'Status'), handoverStatus(lang, h)],
    [t(lang, '手続き', 'Procedure'), h.procedureId],
    [t(lang, '期間', 'Period'), `${h.periodFrom} – ${h.periodTo}`],
    [t(lang, '件数', 'Applications'), String(h.applicationCount)],
    [t(lang, '文字コード', 'Encoding'), h.encoding === 'sjis' ? 'Shift_JIS (CP932)' : 'UTF-8'],
    [t(lang, 'manifest.json の SHA-256', 'SHA-256 of manifest.json'), h.manifestSha256],
    [t(lang, '出力', 'Exported'), `${formatInstant(h.createdAt)} ${h.createdBy}`],
    [t(lang, '受領確認', 'Receipt confirmed'), h.confirmedAt ? `${formatInstant(h.confirmedAt)} ${h.confirmedBy ?? ''}` : '—'],
    [t(lang, '消去予定', 'To be disposed of from'), h.disposeAfter ? formatInstant(h.disposeAfter) : '—'],
    [t(lang, '消去', 'Disposed of'), h.disposedAt ? formatInstant(h.disposedAt) : '—'],
  ];
  return (
    <ConsoleLayout {...ctx} title={handoverTitle(lang)}>
      <h1 safe>{t(lang, '引渡しの詳細', 'Hand-over')}</h1>
      <p><a href={HANDOVER_PATH} safe>{t(lang, '引渡しの一覧へ戻る', 'Back to the hand-overs')}</a></p>
      {ctx.notice ? <p class={ctx.notice.kind === 'error' ? 'notice notice-error' : 'notice'} role={ctx.notice.kind === 'error' ? 'alert' : 'status'} safe>{ctx.notice.text}</p> : ''}
      <dl class="facts">{facts.map(([k, v]) => <><dt safe>{k}</dt><dd safe>{v}</dd></>)}</dl>
      {h.confirmedAt ? '' : (
        <section aria-labelledby="receipt-heading">
          <h2 id="receipt-heading" safe>{t(lang, '受領ファイルの登録', 'Upload the receipt')}</h2>
          <p safe>{t(lang,
            `基幹システム側で ZIP を読み、manifest.json の各ファイルの SHA-256 を確かめたら、次の形の JSON ファイル（UTF-8）を作って登録してください。引渡しID・ハッシュ値・件数がすべて一致したときだけ受領を確認し、${ctx.retentionDays} 日後からこの窓口の申請データを消去します。`,
            `Once the core system has read the ZIP and checked every file's SHA-256 against manifest.json, it writes a JSON file (UTF-8) of this form; upload it here. The receipt is confirmed only when the id, the hash and the count all match, and the portal's copy is disposed of ${ctx.retentionDays} days later.`)}</p>
          <pre safe>{`{ "handoverId": "${h.handoverId}", "manifestSha256": "<SHA-256 of manifest.json>", "received": ${h.applicationCount} }`}</pre>
          <form method="post" action={`${self}/receipt`} enctype="multipart/form-data" class="form">
            <input type="hidden" name="csrf" value={ctx.csrfToken} />
            <div class="field">
              <label for="receipt-file" safe>{t(lang, '受領ファイル（JSON）', 'Receipt file (JSON)')}</label>
              <input id="receipt-file" name="receipt" type="file" required accept=".json,application/json" />
            </div>
            <button type="submit" class="button" safe>{t(lang, '受領を確認する', 'Confirm the receipt')}</button>
          </form>
        </section>
      )}
      {ctx.due ? (
        <form method="post" action={`${self}/dispose`} class="form">
          <input type="hidden" name="csrf" value={ctx.csrfToken} />
          <p safe>{t(lang, '保存期間が過ぎました。定期処理を待たずに消去できます。', 'The retention period has passed: the data can be disposed of now, without waiting for the scheduled job.')}</p>
          <button type="submit" class="button" safe>{t(lang, '今すぐ消去', 'Dispose of now')}</button>
        </form>
      ) : ''}
      <h2 safe>{t(lang, '消去記録', 'Disposal records')}</h2>
      {ctx.disposals.length === 0 ? <p safe>{t(lang, 'まだありません。', 'None yet.')}</p> : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col" safe>{t(lang, '消去日時', 'Disposed at')}</th>
              <th scope="col" safe>{t(lang, '実施者', 'By')}</th>
              <th scope="col" safe>{t(lang, '理由', 'Reason')}</th>
              <th scope="col" safe>{t(lang, '件数', 'Applications')}</th>
              <th scope="col" safe>{t(lang, '受付番号', 'Receipt numbers')}</th>
            </tr>
          </thead>
          <tbody>
            {ctx.disposals.map((d) => (
              <tr>
                <td safe>{formatInstant(d.disposedAt)}</td>
                <td safe>{d.disposedBy}</td>
                <td safe>{d.reason}</td>
                <td safe>{String(d.applicationCount)}</td>
                <td safe>{d.receiptNumbers.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
