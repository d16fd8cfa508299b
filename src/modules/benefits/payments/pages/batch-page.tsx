// 振込バッチ: its state, totals and who prepared and approved it; the actions its state and the staff member allow
// (approve — not by the preparer —, the bank file, settle, returns, cancel); the targets left out for want of an
// account; and its transfers 200 at a time with the account masked.
import type { Children } from '@kitajs/html';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { casePath } from '../../console/pages/ledger-page.tsx';
import { batchStates, batchStepAllowed, itemResults, returnReasons } from '../domain/batch.ts';
import type { BatchRow, ItemRow } from '../store.ts';
import { batchPath, Choice, FormBase } from './common.tsx';

export interface BatchPageProps extends PageContext {
  csrf: string;
  batch: BatchRow;
  counts: Record<keyof typeof itemResults, { count: number; amount: number }>;
  items: ItemRow[];
  names: Map<string, string>;
  next: string | undefined;
  loginId: string;
  may: { prepare: boolean; approve: boolean };
  notice?: PageNotice | undefined;
}

function ItemsForm(p: { lang: Lang; csrf: string; action: string; id: string; legend: string; hint: string; button: string; children?: Children }) {
  return (
    <form method="post" action={p.action} class="form">
      <FormBase csrf={p.csrf} />
      <h3 safe>{p.legend}</h3>
      <div class="field">
        <label for={p.id} safe>{t(p.lang, '振込明細番号（1行に1つ、またはカンマ区切り）', 'Item numbers (one a line, or separated by commas)')}</label>
        <p class="hint" safe>{p.hint}</p>
        <textarea id={p.id} name="items" rows="3"></textarea>
      </div>
      {p.children}
      <button type="submit" class="button" safe>{p.button}</button>
    </form>
  );
}

function Actions(p: BatchPageProps) {
  const { lang, batch: b } = p;
  const path = batchPath(b.batchId);
  const own = b.preparedBy === p.loginId;
  return (
    <section>
      <h2 safe>{t(lang, '操作', 'Actions')}</h2>
      {p.may.approve && batchStepAllowed(b.state, 'approve') ? (own
        ? <p class="notice" role="status" safe>{t(lang, 'このバッチはあなたが作成したため承認できません（二者確認）。', 'You prepared this batch, so someone else must approve it (four eyes).')}</p>
        : (
          <form method="post" action={`${path}/approve`} class="form">
            <FormBase csrf={p.csrf} />
            <button type="submit" class="button" safe>{t(lang, '承認して振込ファイルを作成', 'Approve and write the bank file')}</button>
          </form>
        )) : ''}
      {p.may.approve && (b.state === 'approved' || b.state === 'settled')
        ? <p><a class="button" href={`${path}/file`} safe>{t(lang, '総合振込ファイルをダウンロード', 'Download the bank file')}</a></p> : ''}
      {p.may.approve && batchStepAllowed(b.state, 'settle') ? (
        <ItemsForm lang={lang} csrf={p.csrf} action={`${path}/settle`} id="s-items" legend={t(lang, '振込済の登録', 'Record as paid')}
          hint={t(lang, '空欄のときは振込待ちの明細すべてを振込済にします。', 'Empty: every pending transfer is recorded as paid.')} button={t(lang, '振込済を登録', 'Record as paid')} />
      ) : ''}
      {p.may.prepare && p.counts.paid.count > 0 ? (
        <ItemsForm lang={lang} csrf={p.csrf} action={`${path}/returns`} id="r-items" legend={t(lang, '振込不能・組戻しの登録', 'Record returned transfers')}
          hint={t(lang, '銀行からの振込不能明細の番号を入力します。対象者は「振込不能（口座訂正待ち）」になります。', 'The numbers from the bank’s list of returned transfers; their targets await a corrected account.')} button={t(lang, '振込不能を登録', 'Record as returned')}>
          <Choice lang={lang} id="r-reason" name="reason" label={{ ja: '理由', en: 'Reason' }} options={returnReasons} value="no_account" />
          <div class="field"><label for="r-note" safe>{t(lang, '備考（銀行の記載など）', 'Note (the bank’s words)')}</label><input id="r-note" name="note" type="text" maxlength="200" /></div>
        </ItemsForm>
      ) : ''}
      {p.may.prepare && p.counts.paid.count > 0 ? (
        <form method="post" action={`${path}/returns-file`} enctype="multipart/form-data" class="form">
          <FormBase csrf={p.csrf} />
          <h3 safe>{t(lang, '振込不能明細ファイルから登録', 'Record returns from the bank’s file')}</h3>
          <div class="field">
            <label for="rf-file" safe>{t(lang, '明細番号を1列目に持つファイル（CSV・テキスト、UTF-8またはShift_JIS）', 'A file with the item number in its first column (CSV or text, UTF-8 or Shift_JIS)')}</label>
            <input id="rf-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" />
          </div>
          <Choice lang={lang} id="rf-reason" name="reason" label={{ ja: '理由', en: 'Reason' }} options={returnReasons} value="no_account" />
          <button type="submit" class="button" safe>{t(lang, 'ファイルの明細を振込不能として登録', 'Record the file’s transfers as returned')}</button>
        </form>
      ) : ''}
      {p.may.prepare && batchStepAllowed(b.state, 'cancel') && p.counts.paid.count + p.counts.returned.count === 0 ? (
        <form method="post" action={`${path}/cancel`} class="form">
          <FormBase csrf={p.csrf} />
          <button type="submit" class="button button-secondary" safe>{t(lang, 'このバッチを取り消す', 'Cancel this batch')}</button>
        </form>
      ) : ''}
    </section>
  );
}

/** Who approved and when, or a dash. */
export const approvedBy = (b: BatchRow): string => (b.approvedBy ? `${b.approvedBy} ${formatInstant(b.approvedAt)}` : '—');

export function BatchPage(p: BatchPageProps) {
  const { lang, batch: b } = p;
  const title = t(lang, `振込バッチ ${b.batchId}`, `Payment batch ${b.batchId}`);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <dl class="summary">
        <dt safe>{t(lang, '状態', 'State')}</dt><dd safe>{pick(lang, batchStates[b.state])}</dd>
        <dt safe>{t(lang, '振込指定日', 'Transfer date')}</dt><dd safe>{b.transferDate}</dd>
        <dt safe>{t(lang, '件数・金額', 'Transfers, amount')}</dt><dd safe>{`${b.itemCount} / ${yen(lang, b.totalAmount)}`}</dd>
        <dt safe>{t(lang, '作成', 'Prepared')}</dt><dd safe>{`${b.preparedBy} ${formatInstant(b.preparedAt)}`}</dd>
        <dt safe>{t(lang, '承認', 'Approved')}</dt><dd safe>{approvedBy(b)}</dd>
        <dt safe>{t(lang, 'ファイルのSHA-256', 'File SHA-256')}</dt><dd><code safe>{b.fileSha256 ?? '—'}</code></dd>
      </dl>
      <table class="table">
        <caption safe>{t(lang, '結果別', 'By result')}</caption>
        <thead><tr><th scope="col" safe>{t(lang, '結果', 'Result')}</th><th scope="col" safe>{t(lang, '件数', 'Count')}</th><th scope="col" safe>{t(lang, '金額', 'Amount')}</th></tr></thead>
        <tbody>
          {Object.entries(p.counts).map(([k, v]) => <tr><th scope="row" safe>{pick(lang, itemResults[k as keyof typeof itemResults])}</th><td class="number" safe>{String(v.count)}</td><td class="number" safe>{yen(lang, v.amount)}</td></tr>)}
        </tbody>
      </table>
      <Actions {...p} />
      {b.leftOut.length > 0 ? (
        <section>
          <h2 safe>{t(lang, `口座がないため除外した対象者（${b.leftOut.length}人）`, `Left out for want of an account (${b.leftOut.length})`)}</h2>
          <ul>{b.leftOut.slice(0, 500).map((n) => <li><a href={casePath(n, b.programmeId)} safe>{n}</a></li>)}</ul>
        </section>
      ) : ''}
      <table class="table">
        <caption safe>{t(lang, '振込明細', 'Transfers')}</caption>
        <thead><tr>
          <th scope="col" safe>{t(lang, '明細番号', 'Item')}</th><th scope="col" safe>{t(lang, '住記個人番号', 'Registry number')}</th><th scope="col" safe>{t(lang, '氏名', 'Name')}</th>
          <th scope="col" safe>{t(lang, '金額', 'Amount')}</th><th scope="col" safe>{t(lang, '金融機関・支店', 'Bank, branch')}</th><th scope="col" safe>{t(lang, '口座', 'Account')}</th>
          <th scope="col" safe>{t(lang, '受取人名', 'Payee')}</th><th scope="col" safe>{t(lang, '結果', 'Result')}</th>
        </tr></thead>
        <tbody>
          {p.items.map((i) => (
            <tr>
              <td class="number" safe>{String(i.itemNumber)}</td>
              <td><a href={casePath(i.residentNumber, b.programmeId)} safe>{i.residentNumber}</a></td>
              <td safe>{p.names.get(i.residentNumber) ?? ''}</td>
              <td class="number" safe>{yen(lang, i.amount)}</td>
              <td safe>{`${i.bankCode} ${i.bankKana} / ${i.branchCode} ${i.branchKana}`}</td>
              <td safe>{`****${i.accountNumberLast3}`}</td>
              <td safe>{i.holderKana}</td>
              <td safe>{pick(lang, itemResults[i.result]) + (i.returnReason ? `（${pick(lang, returnReasons[i.returnReason])}）` : '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.next ? <p><a href={p.next} safe>{t(lang, '次の200件', 'Next 200')}</a></p> : ''}
    </ConsoleLayout>
  );
}
