// The audit events of staff authentication: who tried, from where, and what happened (never the password or code).
import { type AuditActor, type AuditClient, AuditOperation, type AuditOperationRef, appendAudit, defineAuditOperations, subjectId } from '../audit/index.ts';
import type { Tx } from '../db/index.ts';
import type { StaffAccount } from './store.ts';

/** Operations of this folder that the audit kernel's own table does not name. */
export const authOperations = { ...AuditOperation, ...defineAuditOperations({ 'account.unlock': { nameJa: 'アカウントロック解除', category: 'admin' } }) };

const loginIdPattern = /^[a-z0-9._-]{3,64}$/;

/**
 * The actor of an authentication event. What was typed as a login id is kept only when it looks like one, so a
 * password typed into the wrong field never reaches the log.
 */
export function authActor(account: Partial<StaffAccount> & { loginId: string }): AuditActor {
  return {
    userId: loginIdPattern.test(account.loginId) ? account.loginId : '(invalid login id)',
    ...(account.displayName ? { userName: account.displayName } : {}),
    ...(account.department ? { department: account.department } : {}),
  };
}

/** The command line as an actor (`madoguchi user …`). */
export const cliActor: AuditActor = { userId: 'cli' };

/** What an authentication or account event says. */
export interface AuthEvent {
  municipalityCode: string;
  operation: AuditOperationRef;
  actor: AuditActor;
  client?: AuditClient | undefined;
  outcome?: 'success' | 'failure' | 'denied';
  detail?: string;
  /** The account acted on, when it exists. */
  account?: string | undefined;
}

/** Appends one authentication or account event in the caller's transaction. */
export async function auditAuth(tx: Tx, e: AuthEvent): Promise<void> {
  await appendAudit(tx, {
    municipalityCode: e.municipalityCode,
    operation: e.operation,
    actor: e.actor,
    ...(e.client ? { client: e.client } : {}),
    ...(e.outcome ? { outcome: e.outcome } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.account ? { subjects: [subjectId('staff_user', e.account)] } : {}),
  });
}
