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
  /** 給付台帳の一覧・検索 (names and amounts of the targets shown). */
  'benefits.ledger.list': { nameJa: '給付台帳の一覧・検索', category: 'read' },
  /** 個人の経過の閲覧: one person's figures, decision, letters, account (masked) and transfers. */
  'benefits.case.read': { nameJa: '給付の個人経過の閲覧', category: 'read' },
});
