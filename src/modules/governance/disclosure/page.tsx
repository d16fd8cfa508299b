// 開示等の請求 in the console: the requests with the form to record a new one; and one request's page — the resident
// as looked for, everything the files hold about them, what was disposed of, who accessed their records when, and
// the decision. The same content prints as the report's PDF.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { requestKinds, requestOutcomes } from './domain/request.ts';
import type { Holdings } from './holdings.ts';
import type { DisclosureRequest } from './store.ts';

/** The desk's address; a request is at /:id, its report at /:id/report.pdf. */
export const DISCLOSURE_PATH = '/console/governance/disclosure';

type Bilingual = { ja: string; en: string };

interface Common extends PageContext {
  csrf: string;
  notice?: PageNotice | undefined;
}

const when = (at: Date | null) => (at ? new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—');
const text = (lang: Lang, v: string | Bilingual) => (typeof v === 'string' ? v : v[lang]);

/** How the request looks for the resident, as the page and the PDF say it. */
export function searchText(lang: Lang, r: DisclosureRequest, files: ReadonlyMap<string, Bilingual>): string {
  return 'fileId' in r.search
    ? t(lang, `${files.get(r.search.fileId)?.ja ?? r.search.fileId} の本人キー ${r.search.key}`, `person key ${r.search.key} in ${files.get(r.search.fileId)?.en ?? r.search.fileId}`)
    : t(lang, `氏名カナ ${r.search.kana}・生年月日 ${r.search.birthDate}`, `name in kana ${r.search.kana}, born ${r.search.birthDate}`);
}

/** The list of requests and the form for a new one. */
export function DisclosureListPage(p: Common & { requests: readonly DisclosureRequest[]; files: ReadonlyArray<{ fileId: string; title: Bilingual }>; today: string }) {
  const { lang } = p;
  const title = t(lang, '開示等の請求', 'Disclosure requests');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <h2 safe>{t(lang, '請求の受付', 'Record a request')}</h2>
      <form method="post" action={DISCLOSURE_PATH} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <div class="field"><label for="req-kind" safe>{t(lang, '請求の種類', 'Kind')}</label>
          <select id="req-kind" name="kind">{Object.entries(requestKinds).map(([k, v]) => <option value={k}>{v[lang]}</option>)}</select></div>
        <div class="field"><label for="req-received" safe>{t(lang, '受付日', 'Received on')}</label><input id="req-received" name="receivedOn" type="date" required value={p.today} /></div>
        <fieldset>
          <legend safe>{t(lang, '本人の探し方（本人確認の後に入力）: 本人のキー、または氏名カナと生年月日', 'How to find the resident (after checking identity): a person key, or name in kana with date of birth')}</legend>
          <div class="field"><label for="req-file" safe>{t(lang, 'ファイル', 'File')}</label>
            <select id="req-file" name="fileId"><option value="" safe>{t(lang, '（キーで探すとき）', '(when searching by key)')}</option>{p.files.map((f) => <option value={f.fileId} safe>{f.title[lang]}</option>)}</select></div>
          <div class="field"><label for="req-key" safe>{t(lang, '本人のキー（複数の値は | で区切る）', 'Person key (several values joined by |)')}</label><input id="req-key" name="key" maxlength="300" autocomplete="off" /></div>
          <div class="field"><label for="req-kana" safe>{t(lang, '氏名カナ', 'Name in kana')}</label><input id="req-kana" name="kana" maxlength="100" autocomplete="off" /></div>
          <div class="field"><label for="req-birth" safe>{t(lang, '生年月日', 'Date of birth')}</label><input id="req-birth" name="birthDate" type="date" /></div>
        </fieldset>
        <div class="field"><label for="req-note" safe>{t(lang, '請求の内容', 'What is requested')}</label><textarea id="req-note" name="note" maxlength="2000" rows="3"></textarea></div>
        <button type="submit" class="button" safe>{t(lang, '受け付ける', 'Record')}</button>
      </form>
      <h2 safe>{t(lang, '請求一覧', 'Requests')}</h2>
      {p.requests.length === 0
        ? <p safe>{t(lang, '請求はありません。', 'No requests.')}</p>
        : <table class="data-table" id="disclosure-requests">
            <caption safe>{t(lang, '受付日の新しい順', 'Latest first')}</caption>
            <thead><tr>{[t(lang, '受付番号', 'Request'), t(lang, '受付日', 'Received'), t(lang, '種類', 'Kind'), t(lang, '決定', 'Outcome')].map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
            <tbody>
              {p.requests.map((r) => (
                <tr data-request={r.requestId}>
                  <th scope="row"><a href={`${DISCLOSURE_PATH}/${r.requestId}`} safe>{r.requestId.slice(0, 8)}</a></th>
                  <td safe>{r.receivedOn}</td>
                  <td>{requestKinds[r.kind][lang]}</td>
                  <td>{requestOutcomes[r.outcome][lang]}</td>
                </tr>
              ))}
            </tbody>
          </table>}
    </ConsoleLayout>
  );
}

function HoldingTables({ lang, holdings }: { lang: Lang; holdings: Holdings['holdings'] }) {
  if (holdings.length === 0) return <p id="disclosure-holdings" safe>{t(lang, '該当する記録はありません。', 'No records found.')}</p>;
  return (
    <div id="disclosure-holdings">
      {holdings.map((h) => (
        <table class="data-table" data-file={h.fileId} data-table={h.table}>
          <caption safe>{`${h.fileTitle[lang]}（${h.table}）`}</caption>
          <thead><tr>{h.labels.map((l) => <th scope="col" safe>{l[lang]}</th>)}</tr></thead>
          <tbody>{h.rows.map((row) => <tr>{row.map((v) => <td safe>{text(lang, v)}</td>)}</tr>)}</tbody>
        </table>
      ))}
    </div>
  );
}

/** One request: the holdings, the disposals, the access record and the decision form. */
export function DisclosureRequestPage(p: Common & { request: DisclosureRequest; holdings: Holdings; fileTitles: ReadonlyMap<string, Bilingual> }) {
  const { lang, request: r, holdings: h } = p;
  const title = t(lang, `${requestKinds[r.kind].ja} ${r.requestId.slice(0, 8)}`, `${requestKinds[r.kind].en} ${r.requestId.slice(0, 8)}`);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <p><a href={DISCLOSURE_PATH} safe>{t(lang, '請求一覧に戻る', 'Back to the requests')}</a>{' '}
        <a href={`${DISCLOSURE_PATH}/${r.requestId}/report.pdf`} safe>{t(lang, '開示資料（PDF）', 'Report (PDF)')}</a></p>
      <dl class="facts">
        <dt safe>{t(lang, '受付日', 'Received on')}</dt><dd safe>{r.receivedOn}</dd>
        <dt safe>{t(lang, '本人の探し方', 'Looked for by')}</dt><dd safe>{searchText(lang, r, p.fileTitles)}</dd>
        <dt safe>{t(lang, '請求の内容', 'Requested')}</dt><dd safe>{r.requestNote || '—'}</dd>
        <dt safe>{t(lang, '決定', 'Outcome')}</dt><dd safe>{`${requestOutcomes[r.outcome][lang]}${r.decidedOn ? ` ${r.decidedOn} ${r.decidedBy ?? ''}` : ''}`}</dd>
        <dt safe>{t(lang, '該当した本人', 'Persons found')}</dt><dd safe>{h.persons.length ? h.persons.map((x) => `${p.fileTitles.get(x.fileId)?.[lang] ?? x.fileId}: ${x.personKey}`).join(t(lang, '、', ', ')) : t(lang, 'なし', 'none')}</dd>
      </dl>
      <h2 safe>{t(lang, '保有個人情報', 'Personal data held')}</h2>
      <HoldingTables lang={lang} holdings={h.holdings} />
      <h2 safe>{t(lang, '保存期間満了により消去した記録', 'Records disposed of after their retention')}</h2>
      {h.disposals.length === 0
        ? <p id="disclosure-disposals" safe>{t(lang, 'なし', 'None')}</p>
        : <ul id="disclosure-disposals">{h.disposals.map((d) => <li safe>{`${d.description}（${d.disposed ? t(lang, `消去 ${when(d.approvedAt)}`, `disposed of ${when(d.approvedAt)}`) : d.disposed === false ? t(lang, '消去時に既になし', 'already gone') : t(lang, '消去承認待ち', 'waiting for approval')}）`}</li>)}</ul>}
      <h2 safe>{t(lang, '閲覧等の記録（操作ログ）', 'Who accessed the records (audit log)')}</h2>
      {h.accesses.length === 0
        ? <p id="disclosure-accesses" safe>{t(lang, '記録はありません。', 'No accesses recorded.')}</p>
        : <table class="data-table" id="disclosure-accesses">
            <caption safe>{t(lang, '新しい順', 'Latest first')}</caption>
            <thead><tr>{[t(lang, '日時', 'When'), t(lang, '職員', 'Staff'), t(lang, '部課', 'Department'), t(lang, '操作', 'Operation'), t(lang, '結果', 'Outcome')].map((x) => <th scope="col" safe>{x}</th>)}</tr></thead>
            <tbody>{h.accesses.map((a) => <tr><td safe>{when(a.at)}</td><td safe>{`${a.userName} (${a.userId})`}</td><td safe>{a.department}</td><td safe>{a.operation}</td><td safe>{a.outcome}</td></tr>)}</tbody>
          </table>}
      <h2 safe>{t(lang, '決定の記録', 'Record the decision')}</h2>
      <form method="post" action={`${DISCLOSURE_PATH}/${r.requestId}/outcome`} class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <div class="field"><label for="out-outcome" safe>{t(lang, '決定', 'Outcome')}</label>
          <select id="out-outcome" name="outcome">{Object.entries(requestOutcomes).map(([k, v]) => k === r.outcome ? <option value={k} selected>{v[lang]}</option> : <option value={k}>{v[lang]}</option>)}</select></div>
        <div class="field"><label for="out-date" safe>{t(lang, '決定日', 'Decided on')}</label><input id="out-date" name="decidedOn" type="date" value={r.decidedOn ?? ''} /></div>
        <div class="field"><label for="out-note" safe>{t(lang, '理由等', 'Reasons')}</label><textarea id="out-note" name="note" maxlength="2000" rows="3" safe>{r.outcomeNote}</textarea></div>
        <button type="submit" class="button" safe>{t(lang, '記録する', 'Record')}</button>
      </form>
    </ConsoleLayout>
  );
}
