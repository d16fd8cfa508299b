// 返還金（債権）: the list by collection status, one receivable with its payments, and the forms: raise (調定),
// record a payment (収納), write off (不納欠損); the 返還金納付通知書 as PDF.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick, yen } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { casePath } from '../../console/pages/ledger-page.tsx';
import { Choice, Field, FormBase, RECEIVABLES_PATH, receivablePath } from '../../payments/pages/common.tsx';
import { receivableReasons, type ReceivableStatus, receivableStatuses } from '../domain.ts';
import type { Receivable, ReceivablePayment } from '../store.ts';

type Bilingual = { ja: string; en: string };

export type RaiseForm = Record<'programme' | 'residentNumber' | 'amount' | 'reason' | 'reasonNote' | 'noticeDate' | 'dueDate', string>;

/** The raise form's fields, for the list page and the case section. */
export function RaiseFields({ lang, form, errors, fixedTarget }: { lang: Lang; form: RaiseForm; errors: Partial<Record<keyof RaiseForm, Bilingual>>; fixedTarget: boolean }) {
  return (
    <>
      {fixedTarget
        ? <><input type="hidden" name="programme" value={form.programme} /><input type="hidden" name="residentNumber" value={form.residentNumber} /></>
        : <><input type="hidden" name="programme" value={form.programme} /><Field lang={lang} id="v-resident" name="residentNumber" label={{ ja: '住記個人番号', en: 'Registry number' }} value={form.residentNumber} error={errors.residentNumber} required /></>}
      <Field lang={lang} id="v-amount" name="amount" type="number" label={{ ja: '返還金額（円）', en: 'Amount (yen)' }} value={form.amount} error={errors.amount} required />
      <Choice lang={lang} id="v-reason" name="reason" label={{ ja: '返還の理由', en: 'Reason' }} options={receivableReasons} value={form.reason} />
      <Field lang={lang} id="v-note" name="reasonNote" label={{ ja: '理由の説明（通知書に印字）', en: 'Explanation (printed on the notice)' }} value={form.reasonNote} error={errors.reasonNote} />
      <Field lang={lang} id="v-notice" name="noticeDate" type="date" label={{ ja: '通知日（調定日）', en: 'Notice date' }} value={form.noticeDate} error={errors.noticeDate} required />
      <Field lang={lang} id="v-due" name="dueDate" type="date" label={{ ja: '納期限', en: 'Due date' }} value={form.dueDate} error={errors.dueDate} required />
    </>
  );
}

export interface ReceivablesPageProps extends PageContext {
  csrf: string;
  status: ReceivableStatus | '';
  rows: Receivable[];
  mayManage: boolean;
  form: RaiseForm;
  errors: Partial<Record<keyof RaiseForm, Bilingual>>;
  notice?: PageNotice | undefined;
}

export function ReceivablesPage(p: ReceivablesPageProps) {
  const { lang } = p;
  const title = t(lang, '返還金（債権管理）', 'Receivables');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <form method="get" action={RECEIVABLES_PATH} class="form filters">
        <Choice lang={lang} id="f-status" name="status" label={{ ja: '収納状況', en: 'Status' }} options={{ '': { ja: 'すべて', en: 'All' }, ...receivableStatuses }} value={p.status} />
        <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>
      </form>
      <table class="table">
        <caption safe>{t(lang, '返還金', 'Receivables')}</caption>
        <thead><tr>
          <th scope="col" safe>{t(lang, '債権番号', 'Number')}</th><th scope="col" safe>{t(lang, '住記個人番号', 'Registry number')}</th>
          <th scope="col" safe>{t(lang, '返還金額', 'Amount')}</th><th scope="col" safe>{t(lang, '収納済額', 'Collected')}</th>
          <th scope="col" safe>{t(lang, '理由', 'Reason')}</th><th scope="col" safe>{t(lang, '納期限', 'Due')}</th><th scope="col" safe>{t(lang, '収納状況', 'Status')}</th>
        </tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td><a href={receivablePath(r.receivableId)} safe>{String(r.receivableId)}</a></td>
              <td><a href={casePath(r.residentNumber, r.programmeId)} safe>{r.residentNumber}</a></td>
              <td class="number" safe>{yen(lang, r.amount)}</td><td class="number" safe>{yen(lang, r.collected)}</td>
              <td safe>{pick(lang, receivableReasons[r.reason])}</td><td safe>{r.dueDate}</td><td safe>{pick(lang, receivableStatuses[r.status])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.mayManage ? (
        <form method="post" action={RECEIVABLES_PATH} class="form">
          <h2 safe>{t(lang, '返還金の調定', 'Raise a receivable')}</h2>
          <FormBase csrf={p.csrf} />
          <RaiseFields lang={lang} form={p.form} errors={p.errors} fixedTarget={false} />
          <button type="submit" class="button" safe>{t(lang, '返還金を調定', 'Raise the receivable')}</button>
        </form>
      ) : ''}
    </ConsoleLayout>
  );
}

export interface ReceivablePageProps extends PageContext {
  csrf: string;
  receivable: Receivable;
  payments: ReceivablePayment[];
  mayManage: boolean;
  paymentForm: { paidOn: string; amount: string };
  errors: Partial<Record<'paidOn' | 'amount' | 'reason', Bilingual>>;
  notice?: PageNotice | undefined;
}

export function ReceivablePage(p: ReceivablePageProps) {
  const { lang, receivable: r } = p;
  const path = receivablePath(r.receivableId);
  const title = t(lang, `返還金 ${r.receivableId}`, `Receivable ${r.receivableId}`);
  const open = r.status === 'open' || r.status === 'partial';
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <dl class="summary">
        <dt safe>{t(lang, '住記個人番号', 'Registry number')}</dt><dd><a href={casePath(r.residentNumber, r.programmeId)} safe>{r.residentNumber}</a></dd>
        <dt safe>{t(lang, '返還金額', 'Amount')}</dt><dd safe>{yen(lang, r.amount)}</dd>
        <dt safe>{t(lang, '収納済額・未納額', 'Collected, still owed')}</dt><dd safe>{`${yen(lang, r.collected)} / ${yen(lang, r.amount - r.collected)}`}</dd>
        <dt safe>{t(lang, '理由', 'Reason')}</dt><dd safe>{pick(lang, receivableReasons[r.reason]) + (r.reasonNote ? `（${r.reasonNote}）` : '')}</dd>
        <dt safe>{t(lang, '通知日・納期限', 'Notice, due')}</dt><dd safe>{`${r.noticeDate} / ${r.dueDate}`}</dd>
        <dt safe>{t(lang, '収納状況', 'Status')}</dt><dd safe>{pick(lang, receivableStatuses[r.status]) + (r.writtenOffReason ? `（${r.writtenOffReason}）` : '')}</dd>
      </dl>
      {p.mayManage ? <p><a class="button" href={`${path}/notice.pdf`} safe>{t(lang, '返還金納付通知書（PDF）', 'Repayment notice (PDF)')}</a></p> : ''}
      <table class="table">
        <caption safe>{t(lang, '収納履歴', 'Payments')}</caption>
        <thead><tr><th scope="col" safe>{t(lang, '番号', 'No.')}</th><th scope="col" safe>{t(lang, '収納日', 'Paid on')}</th><th scope="col" safe>{t(lang, '納付額', 'Amount')}</th><th scope="col" safe>{t(lang, '登録者', 'By')}</th></tr></thead>
        <tbody>{p.payments.map((x) => <tr><td class="number" safe>{String(x.paymentNumber)}</td><td safe>{x.paidOn}</td><td class="number" safe>{yen(lang, x.amount)}</td><td safe>{x.recordedBy}</td></tr>)}</tbody>
      </table>
      {p.mayManage && open ? (
        <>
          <form method="post" action={`${path}/payments`} class="form">
            <h2 safe>{t(lang, '納付の登録', 'Record a payment')}</h2>
            <FormBase csrf={p.csrf} />
            <Field lang={lang} id="p-paidOn" name="paidOn" type="date" label={{ ja: '収納日', en: 'Paid on' }} value={p.paymentForm.paidOn} error={p.errors.paidOn} required />
            <Field lang={lang} id="p-amount" name="amount" type="number" label={{ ja: '納付額（円）', en: 'Amount (yen)' }} value={p.paymentForm.amount} error={p.errors.amount} required />
            <button type="submit" class="button" safe>{t(lang, '納付を登録', 'Record the payment')}</button>
          </form>
          <form method="post" action={`${path}/write-off`} class="form">
            <h2 safe>{t(lang, '不納欠損', 'Write off')}</h2>
            <FormBase csrf={p.csrf} />
            <Field lang={lang} id="w-reason" name="reason" label={{ ja: '不納欠損の理由（時効・死亡・所在不明など）', en: 'Why (limitation, death, whereabouts unknown…)' }} value="" error={p.errors.reason} required />
            <button type="submit" class="button button-secondary" safe>{t(lang, '不納欠損として処理', 'Write off what is owed')}</button>
          </form>
        </>
      ) : ''}
    </ConsoleLayout>
  );
}
