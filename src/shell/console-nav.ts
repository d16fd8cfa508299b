// The console's menu: each entry shows only to those whose roles grant its capability.
import type { Capability } from '../platform/access/capabilities.ts';
import { can, type Principal } from '../platform/access/can.ts';
import type { Lang } from '../platform/errors.ts';
import { t } from '../platform/http/language.ts';

// `capability: undefined` is for every logged-in member of staff (their own account).
const entries: Array<{ href: string; ja: string; en: string; capability: Capability | undefined }> = [
  { href: '/console/', ja: 'ホーム', en: 'Home', capability: 'console.use' },
  { href: '/console/accounts', ja: 'アカウント棚卸', en: 'Account inventory', capability: 'staff.account.read' },
  { href: '/console/applications', ja: '申請受付', en: 'Applications', capability: 'applications.inbox.read' },
  { href: '/console/applications/handover', ja: '基幹システム引渡し', en: 'Hand-over to core systems', capability: 'applications.handover.export' },
  { href: '/console/applications/pittari', ja: 'ぴったりサービス取込', en: 'ぴったりサービス import', capability: 'applications.pittari.import' },
  { href: '/console/applications/payments', ja: '決済照合', en: 'Payments', capability: 'applications.payment.reconcile' },
  { href: '/console/applications/procedures', ja: '手続き定義', en: 'Procedures', capability: 'applications.procedure.manage' },
  { href: '/console/applications/register', ja: '個人情報項目一覧', en: 'Personal-data register', capability: 'applications.register.read' },
  { href: '/console/governance/register', ja: '個人情報ファイル簿', en: 'Register of personal-data files', capability: 'governance.register.read' },
  { href: '/console/governance/assessment', ja: '保護評価書（案）', en: 'Protection assessment draft', capability: 'governance.assessment.draft' },
  { href: '/console/governance/breach', ja: '漏えい等の影響範囲', en: 'Breach impact', capability: 'governance.breach.investigate' },
  { href: '/console/governance/retention', ja: '保存期間・消去', en: 'Retention and disposal', capability: 'governance.retention.read' },
  { href: '/console/governance/disclosure', ja: '開示等の請求', en: 'Disclosure requests', capability: 'governance.disclosure.manage' },
  { href: '/console/governance/contractors', ja: '委託先管理', en: 'Contractors', capability: 'governance.contractors.read' },
  { href: '/console/certificates', ja: '税証明書の交付', en: 'Tax certificates', capability: 'certificates.counter.issue' },
  { href: '/console/certificates/online', ja: '電子申請の証明書発行', en: 'Certificates applied for online', capability: 'certificates.counter.issue' },
  { href: '/console/certificates/tax-import', ja: '課税情報取込', en: 'Tax records import', capability: 'certificates.tax.import' },
  { href: '/console/certificates/report', ja: '証明書交付件数', en: 'Certificate counts', capability: 'certificates.report.read' },
  { href: '/console/card/day', ja: '来庁予約（本日の一覧）', en: 'Card reservations (day)', capability: 'card.reservations.read' },
  { href: '/console/card/calendar', ja: '来庁予約カレンダー', en: 'Card reservation calendar', capability: 'card.reservations.read' },
  { href: '/console/card/search', ja: '来庁予約の検索・取消', en: 'Find and cancel card reservations', capability: 'card.reservations.read' },
  { href: '/console/card/proxy', ja: '代行予約', en: 'Book for a caller', capability: 'card.reservations.proxy' },
  { href: '/console/card/report', ja: '来庁予約 報告書', en: 'Card reservations report', capability: 'card.reports.read' },
  { href: '/console/card/arrivals', ja: 'カード到着の読み取り', en: 'Scan card arrivals', capability: 'card.issuance.manage' },
  { href: '/console/card/cards', ja: 'カード交付管理（一覧・一括更新）', en: 'Card issuance (list, bulk steps)', capability: 'card.issuance.read' },
  { href: '/console/card/progress', ja: 'カード進捗管理（滞留）', en: 'Card progress (waiting cards)', capability: 'card.issuance.read' },
  { href: '/console/card/issuance-report', ja: 'カード交付 日報', en: 'Card issuance daily report', capability: 'card.issuance.read' },
  { href: '/console/card/shipping', ja: 'カード発送管理', en: 'Card shipping', capability: 'card.shipping.manage' },
  { href: '/console/card/images', ja: '帳票イメージ', en: 'Document images', capability: 'card.images.read' },
  { href: '/console/card/masters', ja: '来庁予約マスタ', en: 'Card reservation masters', capability: 'card.masters.manage' },
  { href: '/console/benefits', ja: '給付台帳', en: 'Benefits ledger', capability: 'benefits.ledger.read' },
  { href: '/console/benefits/accounts', ja: '公金受取口座の照会', en: 'Public-fund account query', capability: 'benefits.accounts.manage' },
  { href: '/console/benefits/letters', ja: '給付 通知書発送・一括決定', en: 'Benefit letters and decisions', capability: 'benefits.ledger.read' },
  { href: '/console/benefits/payments', ja: '給付金の振込バッチ', en: 'Benefit payment batches', capability: 'benefits.ledger.read' },
  { href: '/console/benefits/receivables', ja: '給付金の返還金', en: 'Benefit receivables', capability: 'benefits.ledger.read' },
  { href: '/console/benefits/payments/report', ja: '給付金 支払報告', en: 'Benefit payment report', capability: 'benefits.reports.read' },
  { href: '/console/mail/outbox', ja: '送信メール', en: 'Mail outbox', capability: 'mail.outbox.read' },
  { href: '/console/review/batch', ja: '一括照合（審査アシスト）', en: 'Batch review', capability: 'review.batch.run' },
  { href: '/console/review/import', ja: '審査用データ取込', en: 'Review extract import', capability: 'review.extract.import' },
  { href: '/console/audit', ja: '操作ログ検索', en: 'Audit log search', capability: 'audit.search' },
  { href: '/console/settings/security', ja: 'セキュリティ設定', en: 'Security settings', capability: 'staff.account.manage' },
  { href: '/console/account/mfa', ja: '多要素認証', en: 'Two-step login', capability: undefined },
  { href: '/api/docs', ja: 'API 仕様', en: 'API reference', capability: 'console.use' },
];

/** The menu entries this principal may use. */
export function consoleNav(lang: Lang, principal: Principal | undefined): Array<{ href: string; label: string }> {
  if (!principal) return [];
  return entries.filter((e) => e.capability === undefined || can(principal, e.capability)).map((e) => ({ href: e.href, label: t(lang, e.ja, e.en) }));
}
