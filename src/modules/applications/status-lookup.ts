// 申請状況の照会: a receipt number (check digit verified before any query) and the e-mail given in the application.
// A wrong number and a wrong e-mail get the same answer, so the lookup tells nobody whether a number exists; lookups are
// counted per address (rate limit in the route) and logged, found or not. A returned application gets a fresh link.
import { type AuditClient, appendAudit, auditAttempt, subjectId } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { portalOperations as ops, residentActor } from './audit.ts';
import { parseReceiptNumber } from './domain/receipt-number.ts';
import type { StatusResult } from './pages/portal-status.tsx';
import { emailFieldOf } from './receipt-mail.ts';
import { findApplicationByReceipt, findProcedureVersion, listHistory } from './store.ts';
import { reissueDraftToken } from './submission.ts';

/** The link a fresh token opens. */
export const draftPath = (token: string): string => `/applications/d/${token}`;

/** Looks the application up; undefined for anything that does not match (malformed number, unknown number, other e-mail). */
export async function lookupStatus(db: Db, p: { municipalityCode: string; receiptInput: string; email: string; client?: AuditClient }): Promise<StatusResult | undefined> {
  const refuse = async () => {
    await auditAttempt(db, { municipalityCode: p.municipalityCode, operation: ops['applications.portal.status'], actor: residentActor, ...(p.client ? { client: p.client } : {}), outcome: 'denied', detail: '受付番号またはメールアドレスが一致しない' });
    return undefined;
  };
  const number = parseReceiptNumber(p.receiptInput);
  if (!number) return refuse();
  const app = await findApplicationByReceipt(db.kysely, p.municipalityCode, number);
  const procedure = app && await findProcedureVersion(db.kysely, app.municipalityCode, app.procedureId, app.procedureVersion);
  if (!app || !procedure) return refuse();
  const stored = app.fieldValues[emailFieldOf(procedure.definition)];
  const given = p.email.normalize('NFKC').trim();
  if (typeof stored !== 'string' || given === '' || stored.toLowerCase() !== given.toLowerCase()) return refuse();

  const history = await listHistory(db.kysely, app.municipalityCode, app.applicationId);
  // Only changes of state, with when: no actor (staff names stay inside), no comment but the return reason below.
  const changes = history.filter((h) => h.toState && h.toState !== 'draft' && h.toState !== 'awaiting_payment').map((h) => ({ at: h.at, state: h.toState! }));
  const returnedReason = app.state === 'returned' ? (history.filter((h) => h.toState === 'returned').at(-1)?.comment ?? null) : null;
  return db.transaction(async (tx) => {
    const token = app.state === 'returned' ? await reissueDraftToken(tx, app) : undefined;
    await appendAudit(tx, {
      municipalityCode: app.municipalityCode, operation: ops['applications.portal.status'], actor: residentActor, ...(p.client ? { client: p.client } : {}),
      subjects: [subjectId('application', app.applicationId)], detail: token ? `状況照会 ${app.state} 修正用リンク再発行` : `状況照会 ${app.state}`,
    });
    return {
      receiptNumber: number, procedureTitle: procedure.definition.title, state: app.state, history: changes, returnedReason,
      correctHref: token ? draftPath(token) : null,
    };
  });
}
