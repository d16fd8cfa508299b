// The audit operations of the benefits ledger: the two source files, each imported whole (or refused with the number
// of problems found), and the computation of targets. Details name programmes and counts, never a person.
import { defineAuditOperations } from '../../platform/audit/index.ts';

export const benefitOperations = defineAuditOperations({
  /** 課税情報（給付対象者）の取込: a programme's taxpayers replaced in one transaction, or nothing changed. */
  'benefits.taxpayers.import': { nameJa: '給付対象者課税情報の取込', category: 'change' },
  /** 統合宛名番号・前住所地データの取込: the linkage file replaced whole, or nothing changed. */
  'benefits.linkage.import': { nameJa: '統合宛名番号・前住所地データの取込', category: 'change' },
  /** 支給対象者の算定: every still-targeted decision of a programme recomputed with its rule version. */
  'benefits.targets.compute': { nameJa: '支給対象者の算定', category: 'change' },
  /** 振込バッチの作成・承認・取消・振込結果（振込済・振込不能）の登録. */
  'benefits.batch.change': { nameJa: '振込バッチの作成・承認・結果登録', category: 'change' },
  /** 振込バッチの明細（氏名・金額・口座の一部）の閲覧. */
  'benefits.batch.read': { nameJa: '振込バッチ明細の閲覧', category: 'read' },
  /** 全銀 総合振込ファイルの出力. */
  'benefits.batch.file': { nameJa: '総合振込ファイルの出力', category: 'export' },
  /** 振込依頼人（委託者）設定の変更. */
  'benefits.payments.settings': { nameJa: '振込依頼人設定の変更', category: 'admin' },
  /** 支払報告の出力 (counts and amounts, no person). */
  'benefits.payments.report.export': { nameJa: '給付支払報告の出力', category: 'export' },
  /** 返還金（債権）の調定・収納・不納欠損. */
  'benefits.receivable.change': { nameJa: '返還金の調定・収納・不納欠損', category: 'change' },
  /** 返還金の閲覧（一覧・詳細）. */
  'benefits.receivable.read': { nameJa: '返還金の閲覧', category: 'read' },
  /** 返還金納付通知書の出力. */
  'benefits.receivable.notice': { nameJa: '返還金納付通知書の出力', category: 'export' },
  /** 給付台帳の一覧・検索 (names and amounts of the targets shown). */
  'benefits.ledger.list': { nameJa: '給付台帳の一覧・検索', category: 'read' },
  /** 個人の経過の閲覧: one person's figures, decision, letters, account (masked) and transfers. */
  'benefits.case.read': { nameJa: '給付の個人経過の閲覧', category: 'read' },
  /** 通知書発送: 支給のお知らせ / 支給確認書 written for a page of targets (or one person), targets moved to notified. */
  'benefits.letters.send': { nameJa: '給付通知書の発送', category: 'change' },
  /** 通知書・決定通知書のPDF出力 (name, address and amount of one person). */
  'benefits.letter.pdf': { nameJa: '給付通知書・決定通知書の出力', category: 'export' },
  /** 返信受付: a returned 支給確認書 entered by a clerk, or the online reply. */
  'benefits.reply.record': { nameJa: '支給確認書の返信受付', category: 'change' },
  /** 支給決定・却下, one person or the notices past their deadline in bulk. */
  'benefits.decision.record': { nameJa: '給付の支給決定・却下', category: 'change' },
  /** 公金受取口座 情報照会内容ファイル（②）の出力: the 団体内統合宛名番号 of the targets whose account is needed. */
  'benefits.accounts.query': { nameJa: '公金受取口座情報照会ファイルの出力', category: 'export' },
  /** 公金受取口座 情報照会内容登録結果ファイル（③）の取込: accounts registered as public_fund, the rest counted as no account. */
  'benefits.accounts.import': { nameJa: '公金受取口座照会結果の取込', category: 'change' },
  /** 振込口座の登録・訂正 by a clerk (a reply's account or a correction). */
  'benefits.accounts.register': { nameJa: '振込口座の登録・訂正', category: 'change' },
  /** 口座番号の表示: one account's full number shown (benefits.accounts.reveal). */
  'benefits.accounts.reveal': { nameJa: '口座番号の表示', category: 'read' },
  /** 振込口座の閲覧: a person's accounts, masked, and the entry form. */
  'benefits.accounts.read': { nameJa: '振込口座の閲覧', category: 'read' },
});
