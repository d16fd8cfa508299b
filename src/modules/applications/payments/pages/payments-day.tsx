// 決済照合 (console): a day picker, the day's expected / notified / settled figures, the payments that disagree, and
// every payment of the day with its state (and a refund link for those allowed to refund). No personal data: ids and
// amounts only.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { formatInstant } from '../../../../platform/ui/format.ts';
import { differenceReasons } from '../domain/reconcile.ts';
import type { Reconciliation } from '../reconcile.ts';

/** The console's page context, as the shell builds it for the request. */
export type ConsolePageContext = Omit<Parameters<typeof ConsoleLayout>[0], 'title' | 'children'>;

export const PAYMENTS_PATH = '/console/applications/payments';

export const paymentStateLabels: Record<string, { ja: string; en: string }> = {
  created: { ja: '決済待ち', en: 'Awaiting payment' },
  captured: { ja: '決済済み', en: 'Captured' },
  failed: { ja: '失敗', en: 'Failed' },
  expired: { ja: '期限切れ', en: 'Expired' },
  refunded: { ja: '全額返金', en: 'Refunded' },
  partially_refunded: { ja: '一部返金', en: 'Partially refunded' },
};
export const methodLabels: Record<string, { ja: string; en: string }> = {
  card: { ja: 'クレジットカード', en: 'Credit card' },
  wallet: { ja: 'スマホ決済', en: 'Wallet' },
  convenience: { ja: 'コンビニ', en: 'Convenience store' },
  bank: { ja: '銀行振込', en: 'Bank transfer' },
};
const label = (lang: Lang, l: { ja: string; en: string } | undefined, fallback: string) => (l ? t(lang, l.ja, l.en) : fallback);
const yen = (lang: Lang, n: number) => `${n.toLocaleString('ja-JP')}${t(lang, '円', ' yen')}`;

/** The reconciliation page of one day. */
export function PaymentsDayPage(ctx: ConsolePageContext & { rec: Reconciliation; canRefund: boolean; notice?: string | undefined }) {
  const { lang, rec } = ctx;
  const s = rec.summary;
  const title = t(lang, '決済の日次照合', 'Daily payment reconciliation');
  const differing = rec.payments.filter((p) => p.differences.length > 0);
  const figure = (name: string, c: { count: number; yen: number }) => (
    <tr><th scope="row" safe>{name}</th><td safe>{String(c.count)}</td><td safe>{yen(lang, c.yen)}</td></tr>
  );
  return (
    <ConsoleLayout {...ctx} title={title}>
      <h1 safe>{title}</h1>
      {ctx.notice ? <p class="notice" role="status" safe>{ctx.notice}</p> : ''}
      <form method="get" action={PAYMENTS_PATH} class="form">
        <div class="field">
          <label for="pay-day" safe>{t(lang, '日付（日本時間）', 'Day (Japan time)')}</label>
          <input id="pay-day" name="day" type="date" required value={rec.day} />
        </div>
        <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>{' '}
        <a href={`${PAYMENTS_PATH}.csv?day=${rec.day}`} safe>{t(lang, 'CSV をダウンロード', 'Download CSV')}</a>
      </form>
      <h2 safe>{t(lang, '集計', 'Totals')}</h2>
      <table class="data-table">
        <thead><tr><th scope="col" safe>{t(lang, '項目', 'Figure')}</th><th scope="col" safe>{t(lang, '件数', 'Count')}</th><th scope="col" safe>{t(lang, '金額', 'Amount')}</th></tr></thead>
        <tbody>
          {figure(t(lang, '予定: 決済開始', 'Expected: checkouts created'), s.created)}
          {figure(t(lang, '予定: 決済確定（当システム）', 'Expected: captured (our records)'), s.captured)}
          {figure(t(lang, '通知: 決済確定', 'Notified: captured'), s.notified.captured)}
          {figure(t(lang, '通知: 失敗', 'Notified: failed'), s.notified.failed)}
          {figure(t(lang, '通知: 期限切れ', 'Notified: expired'), s.notified.expired)}
          {figure(t(lang, '通知: 返金', 'Notified: refunded'), s.notified.refunded)}
          {figure(t(lang, '精算（入金）', 'Settled'), s.settled)}
        </tbody>
      </table>
      <h2 safe>{t(lang, `差異（${differing.length}件）`, `Differences (${differing.length})`)}</h2>
      {differing.length === 0 ? <p safe>{t(lang, '差異はありません。', 'No differences.')}</p> : (
        <table class="data-table" id="differences">
          <thead><tr><th scope="col" safe>{t(lang, '決済ID', 'Payment id')}</th><th scope="col" safe>{t(lang, '金額', 'Amount')}</th><th scope="col" safe>{t(lang, '状態', 'State')}</th><th scope="col" safe>{t(lang, '差異', 'Difference')}</th></tr></thead>
          <tbody>
            {differing.map((p) => (
              <tr class="row-warning">
                <td><code safe>{p.paymentId}</code></td>
                <td safe>{yen(lang, p.amountYen)}</td>
                <td safe>{label(lang, paymentStateLabels[p.state], p.state)}</td>
                <td safe>{p.differences.map((d) => t(lang, differenceReasons[d].ja, differenceReasons[d].en)).join(' / ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 safe>{t(lang, `この日の決済（${rec.payments.length}件）`, `Payments of the day (${rec.payments.length})`)}</h2>
      <table class="data-table" id="payments">
        <thead>
          <tr>
            <th scope="col" safe>{t(lang, '決済ID', 'Payment id')}</th>
            <th scope="col" safe>{t(lang, '手続', 'Procedure')}</th>
            <th scope="col" safe>{t(lang, '開始', 'Created')}</th>
            <th scope="col" safe>{t(lang, '確定', 'Captured')}</th>
            <th scope="col" safe>{t(lang, '方法', 'Method')}</th>
            <th scope="col" safe>{t(lang, '金額', 'Amount')}</th>
            <th scope="col" safe>{t(lang, '返金済み', 'Refunded')}</th>
            <th scope="col" safe>{t(lang, '状態', 'State')}</th>
            {ctx.canRefund ? <th scope="col" safe>{t(lang, '返金', 'Refund')}</th> : ''}
          </tr>
        </thead>
        <tbody>
          {rec.payments.map((p) => (
            <tr>
              <td><code safe>{p.paymentId}</code></td>
              <td safe>{p.procedureId}</td>
              <td safe>{formatInstant(p.createdAt)}</td>
              <td safe>{formatInstant(p.capturedAt)}</td>
              <td safe>{label(lang, p.method ? methodLabels[p.method] : undefined, p.method ?? '')}</td>
              <td safe>{yen(lang, p.amountYen)}</td>
              <td safe>{yen(lang, p.refundedYen)}</td>
              <td safe>{label(lang, paymentStateLabels[p.state], p.state)}</td>
              {ctx.canRefund ? (
                <td>{p.state === 'captured' || p.state === 'partially_refunded'
                  ? <a href={`${PAYMENTS_PATH}/${p.paymentId}/refund`} safe>{t(lang, '返金する', 'Refund')}</a> : ''}</td>
              ) : ''}
            </tr>
          ))}
        </tbody>
      </table>
    </ConsoleLayout>
  );
}
