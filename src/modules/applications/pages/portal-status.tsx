// 申請状況の確認: receipt number and e-mail in, the state and its history out (dates and states only, never who on the
// staff side acted); for a returned application the reason and a fresh link to correct it.
import { t } from '../../../platform/http/language.ts';
import { PortalLayout } from '../../../platform/ui/layout.tsx';
import { formatReceiptNumber } from '../domain/receipt-number.ts';
import { type ApplicationState, applicationStates } from '../domain/state.ts';
import { formatInstant } from '../receipt-mail.ts';
import { Notice, pick, type PortalPageContext } from './portal-common.tsx';

export interface StatusResult {
  receiptNumber: string;
  procedureTitle: { ja: string; en: string };
  state: ApplicationState;
  history: Array<{ at: Date; state: ApplicationState }>;
  returnedReason: string | null;
  correctHref: string | null;
}

export interface StatusPageProps extends PortalPageContext {
  csrfToken: string;
  receiptInput: string;
  problem?: string | undefined;
  result?: StatusResult | undefined;
}

/** The lookup form, and the result when one was found. */
export function StatusPage(p: StatusPageProps) {
  const { lang } = p;
  const title = t(lang, '申請状況の確認', 'Check the status of an application');
  const r = p.result;
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {r ? (
        <section aria-labelledby="status-result">
          <h2 id="status-result" safe>{t(lang, `受付番号 ${formatReceiptNumber(r.receiptNumber)}`, `Receipt number ${formatReceiptNumber(r.receiptNumber)}`)}</h2>
          <dl class="facts">
            <dt safe>{t(lang, '手続き', 'Procedure')}</dt><dd safe>{pick(lang, r.procedureTitle)}</dd>
            <dt safe>{t(lang, '現在の状況', 'Current status')}</dt><dd><strong safe>{pick(lang, applicationStates[r.state])}</strong></dd>
          </dl>
          {r.state === 'returned' ? (
            <div class="notice">
              <p safe>{t(lang, '申請が差し戻されています。内容を修正して再提出してください。', 'Your application was returned for correction. Please correct it and submit it again.')}</p>
              {r.returnedReason ? <p><span safe>{t(lang, '理由: ', 'Reason: ')}</span><span safe>{r.returnedReason}</span></p> : ''}
              {r.correctHref ? <p><a class="button" href={r.correctHref} safe>{t(lang, '修正して再提出する', 'Correct and resubmit')}</a></p> : ''}
            </div>
          ) : ''}
          <h3 safe>{t(lang, '経過', 'History')}</h3>
          <ol class="history">
            {r.history.map((h) => <li><span safe>{formatInstant(lang, h.at)}</span>{' '}<span safe>{pick(lang, applicationStates[h.state])}</span></li>)}
          </ol>
        </section>
      ) : ''}
      <Notice text={p.problem} error />
      <form method="post" action="/applications/status" class="form" novalidate>
        <input type="hidden" name="csrf" value={p.csrfToken} />
        <div class="field">
          <label for="status-receipt" safe>{t(lang, '受付番号（12桁）', 'Receipt number (12 digits)')}</label>
          <input id="status-receipt" name="receiptNumber" value={p.receiptInput} inputmode="numeric" autocomplete="off" />
        </div>
        <div class="field">
          <label for="status-email" safe>{t(lang, '申請時のメールアドレス', 'Email address given in the application')}</label>
          <input id="status-email" name="email" type="email" autocomplete="email" />
        </div>
        <button type="submit" class="button" safe>{t(lang, '確認する', 'Check')}</button>
      </form>
    </PortalLayout>
  );
}
