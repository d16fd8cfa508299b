// Account changes for the command line (and later the console): add, disable, reset the second factor, unlock — each
// with its audit event in the same transaction.
import { type AuditActor, type AuditClient, audited, subjectId } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { disableStaffUser, insertRoleAssignment, insertStaffUser, resetTotp, unlockAccount } from './account-store.ts';
import { authOperations, auditAuth } from './audit.ts';
import { hashPassword, passwordPolicyProblem } from './password.ts';
import { deleteSessionsOf } from './store.ts';

/** A new account and its first role. */
export interface NewAccount {
  municipalityCode: string;
  loginId: string;
  displayName: string;
  department: string;
  /** 委託事業者: the contractor's organisation, or null for the municipality's own staff. */
  organisation: string | null;
  role: string;
  password: string;
}

/** Creates an account with one role; refuses a password that fails the policy and a login id that is taken (the attempt is logged). */
export async function createAccount(db: Db, a: NewAccount, actor: AuditActor): Promise<void> {
  const problem = passwordPolicyProblem(a.password, a.loginId);
  const passwordHash = problem ? '' : await hashPassword(a.password);
  const subjects = [subjectId('staff_user', a.loginId)];
  const detail = a.organisation ? 'contractor account' : 'staff account';
  await audited(db, { municipalityCode: a.municipalityCode, operation: authOperations['account.create'], actor, subjects, detail }, async (tx) => {
    if (problem) throw new AppError('password_rejected', problem);
    if (!(await insertStaffUser(tx, { ...a, passwordHash }))) throw new AppError('staff_user_exists', { loginId: a.loginId });
    await insertRoleAssignment(tx, { municipalityCode: a.municipalityCode, loginId: a.loginId, role: a.role, grantedBy: actor.userId });
    await auditAuth(tx, { municipalityCode: a.municipalityCode, operation: authOperations['account.role_grant'], actor, account: a.loginId, detail: `role ${a.role}, scope {}` });
  });
}

type AccountChange = 'disable' | 'reset-mfa' | 'unlock';

const changes = {
  disable: { operation: authOperations['account.disable'], apply: disableStaffUser, endSessions: true },
  // The sessions opened with the lost device end too; the next login sets up a new second factor when it is required.
  'reset-mfa': { operation: authOperations['account.mfa_reset'], apply: resetTotp, endSessions: true },
  unlock: { operation: authOperations['account.unlock'], apply: unlockAccount, endSessions: false },
} as const satisfies Record<AccountChange, unknown>;

/**
 * Disables an account (its sessions end at once), resets its second factor, or unlocks it, with its audit event;
 * staff_user_not_found (the attempt logged) when there is no such account.
 */
export async function changeAccount(db: Db, change: AccountChange, municipalityCode: string, loginId: string, actor: AuditActor, client?: AuditClient): Promise<void> {
  const { operation, apply, endSessions } = changes[change];
  await audited(db, { municipalityCode, operation, actor, ...(client ? { client } : {}), subjects: [subjectId('staff_user', loginId)] }, async (tx) => {
    if (!(await apply(tx, municipalityCode, loginId))) throw new AppError('staff_user_not_found', { loginId });
    if (endSessions) await deleteSessionsOf(tx, municipalityCode, loginId);
  });
}
