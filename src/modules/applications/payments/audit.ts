// The payments' audit operations (処理コード): every money event, and every look at the day's money.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const paymentOperations = defineAuditOperations({
  /** 決済開始: a checkout created for an application's fee (the amount computed by the server). */
  'applications.payment.checkout': { nameJa: '決済開始', category: 'change' },
  /** 決済確定: the gateway's signed notification that the money was taken. */
  'applications.payment.captured': { nameJa: '決済確定', category: 'change' },
  /** 決済失敗: declined, cancelled or expired at the gateway. */
  'applications.payment.failed': { nameJa: '決済失敗', category: 'change' },
  /** 精算通知: the gateway reported the money settled to the municipality. */
  'applications.payment.settled': { nameJa: '精算通知', category: 'change' },
  /** 返金: part or all of a payment given back by an authorised clerk. */
  'applications.payment.refund': { nameJa: '返金', category: 'change' },
  /** 決済通知の拒否: a notification refused (bad signature, amount not ours, unknown payment). */
  'applications.payment.notification_refused': { nameJa: '決済通知の拒否', category: 'change' },
  /** 決済日次照合の閲覧. */
  'applications.payment.reconcile_view': { nameJa: '決済日次照合の閲覧', category: 'read' },
  /** 決済日次照合の出力 (CSV). */
  'applications.payment.reconcile_export': { nameJa: '決済日次照合の出力', category: 'export' },
});
