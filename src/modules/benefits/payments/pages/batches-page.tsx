// 振込バッチ一覧: the latest batches with their state and totals (no person), and the clerk's form to prepare a new
// one: the programme, the 振込指定日 (a bank business day) and, if wanted, at most how many transfers.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { batchStates } from '../domain/batch.ts';
import type { BatchRow } from '../store.ts';
import { approvedBy } from './batch-page.tsx';
import { batchPath, Choice, Field, FormBase, PAYMENTS_PATH, RECEIVABLES_PATH, REPORT_PATH, SETTINGS_PATH } from './common.tsx';

type Bilingual = { ja: string; en: string };

export interface PrepareForm {
  programme: string;
  transferDate: string;
  limit: string;
}

export interface BatchesPageProps extends PageContext {
  csrf: string;
  batches: BatchRow[];
  programmes: Record<string, Bilingual>;
  mayPrepare: boolean;
  form: PrepareForm;
  errors: Partial<Record<keyof PrepareForm, Bilingual>>;
  notice?: PageNotice | undefined;
}

function Links({ lang }: { lang: Lang }) {
  return (
    <p>
      <a href={REPORT_PATH} safe>{t(lang, '支払報告', 'Payment report')}</a>{' '}
      <a href={RECEIVABLES_PATH} safe>{t(lang, '返還金（債権）', 'Receivables')}</a>{' '}
      <a href={SETTINGS_PATH} safe>{t(lang, '振込依頼人設定', 'Payment settings')}</a>
    </p>
  );
}

export function BatchesPage(p: BatchesPageProps) {
  const { lang } = p;
  const title = t(lang, '振込バッチ', 'Payment batches');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <Links lang={lang} />
      {p.mayPrepare ? (
        <form method="post" action={PAYMENTS_PATH} class="form">
          <h2 safe>{t(lang, '振込バッチの作成', 'Prepare a batch')}</h2>
          <p safe>{t(lang, '支給決定済で未払いの対象者のうち、口座が登録されている方を振込バッチにします。口座のない方は作成後の画面に一覧表示します。', 'Takes the decided, unpaid targets with an account; those without one are listed on the batch’s page.')}</p>
          <FormBase csrf={p.csrf} />
          <Choice lang={lang} id="b-programme" name="programme" label={{ ja: '給付事業', en: 'Programme' }} options={p.programmes} value={p.form.programme} />
          <Field lang={lang} id="b-date" name="transferDate" type="date" label={{ ja: '振込指定日', en: 'Transfer date' }} value={p.form.transferDate} error={p.errors.transferDate} required hint={{ ja: '銀行営業日', en: 'A bank business day' }} />
          <Field lang={lang} id="b-limit" name="limit" type="number" label={{ ja: '最大件数（空欄はすべて）', en: 'At most (empty: all)' }} value={p.form.limit} error={p.errors.limit} />
          <button type="submit" class="button" safe>{t(lang, '振込バッチを作成', 'Prepare the batch')}</button>
        </form>
      ) : ''}
      <table class="table">
        <caption safe>{t(lang, '最近の振込バッチ', 'Latest batches')}</caption>
        <thead><tr>
          <th scope="col" safe>{t(lang, 'バッチ番号', 'Batch')}</th><th scope="col" safe>{t(lang, '給付事業', 'Programme')}</th>
          <th scope="col" safe>{t(lang, '振込指定日', 'Transfer date')}</th><th scope="col" safe>{t(lang, '状態', 'State')}</th>
          <th scope="col" safe>{t(lang, '件数', 'Transfers')}</th><th scope="col" safe>{t(lang, '金額', 'Amount')}</th>
          <th scope="col" safe>{t(lang, '口座なし', 'No account')}</th><th scope="col" safe>{t(lang, '作成', 'Prepared')}</th><th scope="col" safe>{t(lang, '承認', 'Approved')}</th>
        </tr></thead>
        <tbody>
          {p.batches.map((b) => (
            <tr>
              <td><a href={batchPath(b.batchId)} safe>{String(b.batchId)}</a></td>
              <td safe>{p.programmes[b.programmeId] ? pick(lang, p.programmes[b.programmeId]!) : b.programmeId}</td>
              <td safe>{b.transferDate}</td><td safe>{pick(lang, batchStates[b.state])}</td>
              <td class="number" safe>{String(b.itemCount)}</td><td class="number" safe>{yen(lang, b.totalAmount)}</td>
              <td class="number" safe>{String(b.leftOut.length)}</td>
              <td safe>{`${b.preparedBy} ${formatInstant(b.preparedAt)}`}</td><td safe>{approvedBy(b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConsoleLayout>
  );
}
