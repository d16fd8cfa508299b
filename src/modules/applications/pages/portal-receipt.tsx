// 受付完了 (the receipt: number, procedure, when, amount paid, what happens next) and the pages of a payment still
// open: 決済の確認中 (refreshes itself with a meta refresh, no script) and 決済できませんでした (try again).
import { t } from '../../../platform/http/language.ts';
import { PortalLayout } from '../../../platform/ui/layout.tsx';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { formatReceiptNumber } from '../domain/receipt-number.ts';
import { formatInstant, nextSteps } from '../receipt-mail.ts';
import { pick, type PortalPageContext, yen } from './portal-common.tsx';

export interface ReceiptPageProps extends PortalPageContext {
  definition: ProcedureDefinition;
  receiptNumber: string;
  submittedAt: Date | null;
  paidYen: number;
  resubmitted: boolean;
  mailed: boolean;
}

/** The receipt page. */
export function ReceiptPage(p: ReceiptPageProps) {
  const { lang } = p;
  const title = p.resubmitted ? t(lang, '再提出を受け付けました', 'Your corrected application was received') : t(lang, '申請を受け付けました', 'Your application was received');
  return (
    <PortalLayout {...p} title={title}>
      <div class="notice receipt" role="status">
        <h1 safe>{title}</h1>
        <p><span safe>{t(lang, '受付番号', 'Receipt number')}</span><br /><strong class="receipt-number" safe>{formatReceiptNumber(p.receiptNumber)}</strong></p>
      </div>
      <dl class="facts">
        <dt safe>{t(lang, '手続き', 'Procedure')}</dt><dd safe>{pick(lang, p.definition.title)}</dd>
        {p.submittedAt ? <><dt safe>{t(lang, '受付日時', 'Received')}</dt><dd safe>{formatInstant(lang, p.submittedAt)}</dd></> : ''}
        {p.paidYen > 0 ? <><dt safe>{t(lang, 'お支払い金額', 'Amount paid')}</dt><dd safe>{yen(lang, p.paidYen)}</dd></> : ''}
      </dl>
      <h2 safe>{t(lang, 'このあとの流れ', 'What happens next')}</h2>
      <p safe>{nextSteps(lang, p.definition)}</p>
      {p.mailed ? <p safe>{t(lang, '受付番号を記載したメールを送信しました。', 'We have sent an email with the receipt number.')}</p> : ''}
      <p safe>{t(lang, '受付番号は控えておいてください（印刷または画面の保存をおすすめします）。', 'Please note the receipt number (print or save this page).')}</p>
      <p><a href="/applications/status" safe>{t(lang, '申請状況を確認する', 'Check the status of an application')}</a></p>
    </PortalLayout>
  );
}

/** Seconds between the pending page's own refreshes. */
export const PENDING_REFRESH_SECONDS = 5;

/** Waiting for the gateway's confirmation: the page reloads itself until the application is received or the payment fails. */
export function PaymentPendingPage(p: PortalPageContext & { definition: ProcedureDefinition; amountYen: number; refreshHref: string }) {
  const { lang } = p;
  const title = t(lang, '決済の確認中です', 'Confirming your payment');
  return (
    <PortalLayout {...p} title={title}>
      <meta http-equiv="refresh" content={`${PENDING_REFRESH_SECONDS};url=${p.refreshHref}`} />
      <h1 safe>{title}</h1>
      <p role="status" safe>{t(lang, `決済代行事業者からの確認を待っています（${yen(lang, p.amountYen)}）。このページは自動で更新されます。`,
        `We are waiting for the payment provider to confirm the payment (${yen(lang, p.amountYen)}). This page refreshes itself.`)}</p>
      <p><a href={p.refreshHref} safe>{t(lang, '今すぐ確認する', 'Check now')}</a></p>
    </PortalLayout>
  );
}

/** The payment failed, expired or was abandoned: the application waits for payment, and the resident may try again. */
export function PaymentFailedPage(p: PortalPageContext & { definition: ProcedureDefinition; amountYen: number; retryAction: string; csrfToken: string }) {
  const { lang } = p;
  const title = t(lang, '決済できませんでした', 'The payment did not go through');
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <p class="notice notice-error" role="alert" safe>{t(lang, 'お支払いが完了していないため、申請はまだ受け付けていません。もう一度お支払いください。',
        'Your application has not been submitted because the payment was not completed. Please pay again.')}</p>
      <p><span safe>{pick(lang, p.definition.title)}</span>{' '}<span safe>{yen(lang, p.amountYen)}</span></p>
      <form method="post" action={p.retryAction} class="form">
        <input type="hidden" name="csrf" value={p.csrfToken} />
        <button type="submit" class="button" safe>{t(lang, 'もう一度支払う', 'Pay again')}</button>
      </form>
    </PortalLayout>
  );
}
