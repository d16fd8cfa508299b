// 委託先管理's audit operations: who looked at the contractors and their people, and every change to them.
import { defineAuditOperations } from '../../../platform/audit/index.ts';

export const contractorOperations = defineAuditOperations({
  /** 委託先の閲覧: the list or one contractor with its staff accounts and inspections. */
  'governance.contractors.read': { nameJa: '委託先の閲覧', category: 'read' },
  /** 委託先の登録・変更: a contractor registered, its certification, files, staff accounts or an inspection recorded. */
  'governance.contractors.change': { nameJa: '委託先の登録・変更', category: 'change' },
});
