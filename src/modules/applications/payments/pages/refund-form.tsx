// 返金 (console): the payment's figures and a form for the amount (full by default). A plain form; the route asks for
// the password or code again (step-up) before it refunds.
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { formatInstant } from '../../../../platform/ui/format.ts';
import type { PaymentRow } from '../store.ts';
import { type ConsolePageContext, PAYMENTS_PATH, paymentStateLabels } from './payments-day.tsx';

/** The refund form of one payment. */
export function RefundFormPage(ctx: ConsolePageContext & { payment: PaymentRow; refundableYen: number; csrfToken: string; amount?: string | undefined; problem?: string | undefined }) {
  const { lang, payment: p } = ctx;
  const title = t(lang, '返金', 'Refund');
  const state = paymentStateLabels[p.state];
  const day = formatInstant(p.createdAt).slice(0, 10);
  return (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      {ctx.problem ? <p class="notice notice-error" role="alert" safe>{ctx.problem}</p> : ''}
      <dl>
        <dt safe>{t(lang, '決済ID', 'Payment id')}</dt><dd><code safe>{p.paymentId}</code></dd>
        <dt safe>{t(lang, '手続', 'Procedure')}</dt><dd safe>{p.procedureId}</dd>
        <dt safe>{t(lang, '状態', 'State')}</dt><dd safe>{t(lang, state?.ja ?? p.state, state?.en ?? p.state)}</dd>
        <dt safe>{t(lang, '決済額', 'Captured')}</dt><dd safe>{`${p.amountYen.toLocaleString('ja-JP')}${t(lang, '円', ' yen')}`}</dd>
        <dt safe>{t(lang, '返金済み', 'Refunded so far')}</dt><dd safe>{`${p.refundedYen.toLocaleString('ja-JP')}${t(lang, '円', ' yen')}`}</dd>
        <dt safe>{t(lang, '返金可能額', 'Refundable')}</dt><dd safe>{`${ctx.refundableYen.toLocaleString('ja-JP')}${t(lang, '円', ' yen')}`}</dd>
      </dl>
      {ctx.refundableYen > 0 ? (
        <form method="post" action={`${PAYMENTS_PATH}/${p.paymentId}/refund`} class="form">
          <input type="hidden" name="csrf" value={ctx.csrfToken} />
          <div class="field">
            <label for="refund-amount" safe>{t(lang, '返金額（円）', 'Amount to refund (yen)')}</label>
            <p id="refund-amount-hint" safe>{t(lang, `1円から${ctx.refundableYen}円まで。全額返金はそのまま実行してください。`, `From 1 to ${ctx.refundableYen} yen; leave as is for a full refund.`)}</p>
            <input id="refund-amount" name="amountYen" type="number" inputmode="numeric" min="1" max={String(ctx.refundableYen)} step="1" required
              value={ctx.amount ?? String(ctx.refundableYen)} aria-describedby="refund-amount-hint" />
          </div>
          <button type="submit" class="button" safe>{t(lang, '返金する', 'Refund')}</button>
        </form>
      ) : <p safe>{t(lang, 'この決済は返金できません。', 'This payment cannot be refunded.')}</p>}
      <p><a href={`${PAYMENTS_PATH}?day=${day}`} safe>{t(lang, '日次照合へ戻る', 'Back to the reconciliation')}</a></p>
    </ConsoleLayout>
  );
}
