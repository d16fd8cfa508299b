// 保存期間・消去 in the console: for each retention source what is due and not yet proposed, the files disposed of by
// a mechanism of their own, the batches waiting for approval (those waiting over 30 days apart, as overdue), one
// batch's records with the approval button, and the disposed batches with their 消去証明書.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../shell/pages/page-context.ts';
import { type BatchStanding, OVERDUE_DAYS } from './domain/approval.ts';
import type { RetentionBatch, RetentionItem } from './store.ts';

/** The page's address; a batch is at /batches/:id, its certificate at /batches/:id/certificate.pdf, its records at /batches/:id/records.csv. */
export const RETENTION_PATH = '/console/governance/retention';

/** Records a batch's page lists at most; the CSV has them all. */
export const BATCH_PAGE_ITEMS = 300;

type Bilingual = { ja: string; en: string };

/** One source as the page lists it. */
export interface SourceRow {
  id: string;
  title: Bilingual;
  fileTitle: Bilingual;
  rule: Bilingual;
  method: Bilingual;
  /** Due and in no batch yet, counted up to 1,000; `more` when there are more than counted. */
  due: number;
  more: boolean;
  waiting: number;
}

/** A file disposed of without the scheduler, as the page lists it. */
export interface OtherRow {
  fileId: string;
  fileTitle: Bilingual;
  tables: readonly string[];
  rule: Bilingual;
  mechanism: Bilingual;
  where: string;
}

export interface BatchRow extends RetentionBatch {
  standing: BatchStanding;
  title: Bilingual;
}

/** What a page of the console shows besides the context. */
interface Common extends PageContext {
  csrf: string;
  mayApprove: boolean;
  /** The outcome of the last post, good or bad. */
  notice?: PageNotice | undefined;
}

const number = (n: number) => n.toLocaleString('en-US');
const when = (at: Date | null) => (at ? new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—');

/** Who approved when, or a dash while waiting. */
const approval = (b: RetentionBatch): string => (b.approvedBy ? `${when(b.approvedAt)} ${b.approvedBy}` : '—');

const standingName = (lang: Lang, s: BatchStanding) =>
  s === 'disposed' ? t(lang, '消去済み', 'Disposed of') : s === 'overdue' ? t(lang, `承認待ち（${OVERDUE_DAYS}日超過）`, `Waiting over ${OVERDUE_DAYS} days`) : t(lang, '承認待ち', 'Waiting for approval');

function SourceTable({ lang, sources }: { lang: Lang; sources: readonly SourceRow[] }) {
  return (
    <table class="data-table" id="retention-sources">
      <caption safe>{t(lang, '保存期間の満了した記録（対象ごと）', 'Records past their retention, by kind')}</caption>
      <thead>
        <tr>{[t(lang, '対象', 'Records'), t(lang, '個人情報ファイル', 'File'), t(lang, '保存期間', 'Retention'), t(lang, '消去の方法', 'Method'), t(lang, '未抽出', 'Due, not proposed'), t(lang, '承認待ち', 'Waiting')]
          .map((h) => <th scope="col" safe>{h}</th>)}</tr>
      </thead>
      <tbody>
        {sources.map((s) => (
          <tr data-source={s.id}>
            <th scope="row" safe>{s.title[lang]}</th>
            <td safe>{s.fileTitle[lang]}</td>
            <td safe>{s.rule[lang]}</td>
            <td safe>{s.method[lang]}</td>
            <td data-due safe>{s.more ? t(lang, `${number(s.due)}件以上`, `${number(s.due)} or more`) : number(s.due)}</td>
            <td data-waiting safe>{String(s.waiting)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OtherTable({ lang, others }: { lang: Lang; others: readonly OtherRow[] }) {
  return (
    <table class="data-table" id="retention-others">
      <caption safe>{t(lang, '抽出・承認によらず、それぞれの仕組みで消去されるデータ', 'Data disposed of by a mechanism of its own, without batches')}</caption>
      <thead>
        <tr>{[t(lang, '個人情報ファイル', 'File'), t(lang, 'テーブル', 'Tables'), t(lang, '保存期間', 'Retention'), t(lang, '消去の仕組み', 'Mechanism'), t(lang, '所在', 'Where')]
          .map((h) => <th scope="col" safe>{h}</th>)}</tr>
      </thead>
      <tbody>
        {others.map((o) => (
          <tr data-file={o.fileId}>
            <th scope="row" safe>{o.fileTitle[lang]}</th>
            <td><code safe>{o.tables.join(', ')}</code></td>
            <td safe>{o.rule[lang]}</td>
            <td safe>{o.mechanism[lang]}</td>
            <td><code safe>{o.where}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BatchTable({ lang, batches, caption, id }: { lang: Lang; batches: readonly BatchRow[]; caption: string; id: string }) {
  if (batches.length === 0) return <p id={id} safe>{t(lang, `${caption}: なし`, `${caption}: none`)}</p>;
  return (
    <table class="data-table" id={id}>
      <caption safe>{caption}</caption>
      <thead>
        <tr>{[t(lang, 'バッチ', 'Batch'), t(lang, '対象', 'Records'), t(lang, '件数', 'Count'), t(lang, '状態', 'State'), t(lang, '抽出', 'Proposed'), t(lang, '承認', 'Approved'), t(lang, '消去証明書', 'Certificate')]
          .map((h) => <th scope="col" safe>{h}</th>)}</tr>
      </thead>
      <tbody>
        {batches.map((b) => (
          <tr data-batch={b.batchId} data-standing={b.standing}>
            <th scope="row"><a href={`${RETENTION_PATH}/batches/${b.batchId}`} safe>{b.batchId.slice(0, 8)}</a></th>
            <td safe>{b.title[lang]}</td>
            <td safe>{b.disposedCount === null ? String(b.recordCount) : `${b.disposedCount} / ${b.recordCount}`}</td>
            <td safe>{standingName(lang, b.standing)}</td>
            <td safe>{`${when(b.proposedAt)} ${b.proposedBy}`}</td>
            <td safe>{approval(b)}</td>
            <td>{b.status === 'disposed' ? <a href={`${RETENTION_PATH}/batches/${b.batchId}/certificate.pdf`} safe>{t(lang, 'PDF', 'PDF')}</a> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The retention overview. */
export function RetentionPage(p: Common & { asOf: string; sources: readonly SourceRow[]; others: readonly OtherRow[]; batches: readonly BatchRow[] }) {
  const { lang } = p;
  const title = t(lang, '保存期間・消去', 'Retention and disposal');
  const overdue = p.batches.filter((b) => b.standing === 'overdue');
  const waiting = p.batches.filter((b) => b.standing === 'waiting');
  const disposed = p.batches.filter((b) => b.standing === 'disposed');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <p safe>{t(lang,
        `保存期間の満了した記録は毎晩抽出され、承認されるまで消去されません。抽出した者は自分の抽出を承認できません。${p.asOf} 現在。`,
        `Records past their retention are proposed every night and nothing is disposed of until approved; whoever proposed a batch cannot approve it. As of ${p.asOf}.`)}</p>
      <SourceTable lang={lang} sources={p.sources} />
      {p.mayApprove
        ? <form method="post" action={`${RETENTION_PATH}/propose`} class="form">
            <input type="hidden" name="csrf" value={p.csrf} />
            <button type="submit" class="button" safe>{t(lang, '今すぐ抽出', 'Propose now')}</button>
          </form>
        : ''}
      <OtherTable lang={lang} others={p.others} />
      <h2 safe>{t(lang, '期限超過', 'Overdue')}</h2>
      <BatchTable lang={lang} batches={overdue} id="retention-overdue" caption={t(lang, `${OVERDUE_DAYS}日を超えて承認待ちのバッチ`, `Batches waiting over ${OVERDUE_DAYS} days`)} />
      <h2 safe>{t(lang, '承認待ち', 'Waiting for approval')}</h2>
      <BatchTable lang={lang} batches={waiting} id="retention-waiting" caption={t(lang, '承認待ちのバッチ', 'Batches waiting for approval')} />
      <h2 safe>{t(lang, '消去済み・消去証明書', 'Disposed of, with certificates')}</h2>
      <BatchTable lang={lang} batches={disposed} id="retention-disposed" caption={t(lang, '消去したバッチ', 'Batches disposed of')} />
    </ConsoleLayout>
  );
}

/** One batch: its facts, its records and, while waiting, the approval. */
export function RetentionBatchPage(p: Common & { batch: BatchRow; facts: ReadonlyArray<[string, string]>; items: readonly RetentionItem[] }) {
  const { lang, batch } = p;
  const title = t(lang, `消去バッチ ${batch.batchId.slice(0, 8)}`, `Disposal batch ${batch.batchId.slice(0, 8)}`);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <p><a href={RETENTION_PATH} safe>{t(lang, '保存期間・消去に戻る', 'Back to retention and disposal')}</a></p>
      <dl class="facts">{p.facts.map(([label, value]) => <><dt safe>{label}</dt><dd safe>{value}</dd></>)}</dl>
      {batch.status === 'disposed'
        ? <p><a href={`${RETENTION_PATH}/batches/${batch.batchId}/certificate.pdf`} safe>{t(lang, '消去証明書（PDF）', 'Certificate of disposal (PDF)')}</a></p>
        : p.mayApprove
          ? <form method="post" action={`${RETENTION_PATH}/batches/${batch.batchId}/approve`} class="form">
              <input type="hidden" name="csrf" value={p.csrf} />
              <button type="submit" class="button" safe>{t(lang, `${number(batch.recordCount)}件の消去を承認する`, `Approve the disposal of ${number(batch.recordCount)} records`)}</button>
            </form>
          : ''}
      <p id="retention-records-csv">
        <a href={`${RETENTION_PATH}/batches/${batch.batchId}/records.csv`} safe>{t(lang, '記録の一覧（CSV、全件）', 'All records of the batch (CSV)')}</a>
        {' '}
        <a href={`${RETENTION_PATH}/batches/${batch.batchId}/records.csv?encoding=sjis`} safe>{t(lang, '同（Shift_JIS）', 'The same in Shift_JIS')}</a>
      </p>
      <table class="data-table" id="retention-items">
        <caption safe>{p.items.length > 0 && p.items.length < batch.recordCount
          ? t(lang, `バッチの記録（${number(batch.recordCount)}件のうち先頭${number(p.items.length)}件。全件はCSVで）`, `Records of the batch (the first ${number(p.items.length)} of ${number(batch.recordCount)}; all of them in the CSV)`)
          : t(lang, 'バッチの記録', 'Records of the batch')}</caption>
        <thead>
          <tr>{[t(lang, '記録', 'Record'), t(lang, 'キー', 'Key'), t(lang, '満了日', 'Due'), t(lang, '結果', 'Outcome')].map((h) => <th scope="col" safe>{h}</th>)}</tr>
        </thead>
        <tbody>
          {p.items.map((i) => (
            <tr data-record={i.recordKey}>
              <th scope="row" safe>{i.description}</th>
              <td><code safe>{i.recordKey}</code></td>
              <td safe>{i.dueOn}</td>
              <td safe>{i.disposed === null ? t(lang, '承認待ち', 'waiting') : i.disposed ? t(lang, '消去', 'disposed of') : t(lang, '既になし', 'already gone')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConsoleLayout>
  );
}
