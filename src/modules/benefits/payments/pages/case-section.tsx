// The payments part of a person's case page (contracts: props { lang, csrf, data, may, back }): every transfer with its
// batch, date, amount, masked account and result; a paid one may be recorded as returned (振込不能・組戻し); the
// receivables with their status, and, when more was paid than decided or for 不正受給, the form to raise one. Each form
// comes back to `back`.
import type { Capability } from '../../../../platform/access/capabilities.ts';
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { todayInJapan } from '../../../../platform/text/index.ts';
import { pick, yen } from '../../../../platform/ui/format.ts';
import { RaiseFields } from '../../receivables/pages/receivables-page.tsx';
import { receivableReasons, receivableStatuses } from '../../receivables/domain.ts';
import type { PaymentCase } from '../case.ts';
import { batchStates, itemResults, returnReasons } from '../domain/batch.ts';
import { batchPath, Choice, FormBase, RECEIVABLES_PATH, receivablePath } from './common.tsx';

export interface PaymentCaseSectionProps {
  lang: Lang;
  csrf: string;
  data: PaymentCase;
  may: (capability: Capability) => boolean;
  back: string;
  /** Today (YYYY-MM-DD), the raise form's notice date; today in Japan when not given. */
  today?: string;
}

export function PaymentCaseSection({ lang, csrf, data, may, back, today }: PaymentCaseSectionProps) {
  const noticeDate = today ?? todayInJapan();
  return (
    <section class="case-section" aria-labelledby="payments-heading">
      <h2 id="payments-heading" safe>{t(lang, '振込・返還金', 'Transfers and receivables')}</h2>
      <p safe>{t(lang, `支給決定額 ${yen(lang, data.decided)}、振込済額 ${yen(lang, data.paid)}`, `Decided ${yen(lang, data.decided)}, paid ${yen(lang, data.paid)}`)}</p>
      {data.transfers.length === 0 ? <p safe>{t(lang, '振込はまだありません。', 'No transfer yet.')}</p> : (
        <table class="table">
          <caption safe>{t(lang, '振込', 'Transfers')}</caption>
          <thead><tr>
            <th scope="col" safe>{t(lang, 'バッチ・明細', 'Batch, item')}</th><th scope="col" safe>{t(lang, '振込指定日', 'Transfer date')}</th><th scope="col" safe>{t(lang, '金額', 'Amount')}</th>
            <th scope="col" safe>{t(lang, '口座', 'Account')}</th><th scope="col" safe>{t(lang, '結果', 'Result')}</th><th scope="col" safe>{t(lang, '操作', 'Action')}</th>
          </tr></thead>
          <tbody>
            {data.transfers.map((x) => (
              <tr>
                <td><a href={batchPath(x.batchId)} safe>{`${x.batchId}-${x.itemNumber}`}</a></td>
                <td safe>{`${x.transferDate}（${pick(lang, batchStates[x.batchState])}）`}</td>
                <td class="number" safe>{yen(lang, x.amount)}</td>
                <td safe>{`${x.bankCode}-${x.branchCode} ${x.maskedAccount}`}</td>
                <td safe>{pick(lang, itemResults[x.result]) + (x.returnReason ? `（${pick(lang, returnReasons[x.returnReason])}${x.returnNote ? `: ${x.returnNote}` : ''}）` : '')}</td>
                <td>
                  {x.result === 'paid' && may('benefits.payments.prepare') ? (
                    <form method="post" action={`${batchPath(x.batchId)}/returns`} class="form inline">
                      <FormBase csrf={csrf} back={back} />
                      <input type="hidden" name="items" value={String(x.itemNumber)} />
                      <Choice lang={lang} id={`cr-reason-${x.batchId}-${x.itemNumber}`} name="reason" label={{ ja: '理由', en: 'Reason' }} options={returnReasons} value="no_account" />
                      <button type="submit" class="button button-secondary" safe>{t(lang, '振込不能を登録', 'Record as returned')}</button>
                    </form>
                  ) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.receivables.length > 0 ? (
        <table class="table">
          <caption safe>{t(lang, '返還金', 'Receivables')}</caption>
          <thead><tr>
            <th scope="col" safe>{t(lang, '債権番号', 'Number')}</th><th scope="col" safe>{t(lang, '返還金額', 'Amount')}</th><th scope="col" safe>{t(lang, '収納済額', 'Collected')}</th>
            <th scope="col" safe>{t(lang, '理由', 'Reason')}</th><th scope="col" safe>{t(lang, '納期限', 'Due')}</th><th scope="col" safe>{t(lang, '収納状況', 'Status')}</th>
          </tr></thead>
          <tbody>
            {data.receivables.map((r) => (
              <tr>
                <td><a href={receivablePath(r.receivableId)} safe>{String(r.receivableId)}</a></td>
                <td class="number" safe>{yen(lang, r.amount)}</td><td class="number" safe>{yen(lang, r.collected)}</td>
                <td safe>{pick(lang, receivableReasons[r.reason])}</td><td safe>{r.dueDate}</td><td safe>{pick(lang, receivableStatuses[r.status])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : ''}
      {data.paid > 0 && may('benefits.receivables.manage') ? (
        <form method="post" action={RECEIVABLES_PATH} class="form">
          <h3 safe>{t(lang, '返還金の調定', 'Raise a receivable')}</h3>
          {data.overpaid > 0 ? <p class="notice" role="status" safe>{t(lang, `支給決定額を超えて ${yen(lang, data.overpaid)} 振り込まれています。`, `${yen(lang, data.overpaid)} was paid beyond the decision.`)}</p> : ''}
          <FormBase csrf={csrf} back={back} />
          <RaiseFields lang={lang} fixedTarget errors={{}} form={{
            programme: data.programmeId, residentNumber: data.residentNumber, amount: data.overpaid > 0 ? String(data.overpaid) : '',
            reason: data.overpaid > 0 ? 'decision_reduced' : 'improper_receipt', reasonNote: '', noticeDate, dueDate: '',
          }} />
          <button type="submit" class="button" safe>{t(lang, '返還金を調定', 'Raise the receivable')}</button>
        </form>
      ) : ''}
    </section>
  );
}
