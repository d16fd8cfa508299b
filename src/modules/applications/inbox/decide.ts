// The clerk's decisions on an application (申請の審査): assign, comment, change its state. Each is one transaction
// that locks the row, checks what the clerk saw is still true, writes the change and its history entry, and appends
// the audit event; a refused attempt is logged on its own (audited). The audit event names the application by id and
// the states by code: never the comment nor the reason, which are the resident's business.
import { can, type Principal } from '../../../platform/access/can.ts';
import { findAssignments } from '../../../platform/access/store.ts';
import { auditAttempt, type AuditClient, audited, outcomeOf, staffActor, subjectId } from '../../../platform/audit/index.ts';
import { findLoginAccount } from '../../../platform/auth/store.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { actionsNeedingReason, type ApplicationAction, type ApplicationState, applicationActions, applicationStates, nextState, unsubmittedStates } from '../domain/state.ts';
import { type ApplicationRow, appendHistory, changeState, lockApplication } from '../store.ts';
import { inboxOperations as ops } from './audit.ts';
import { setAssignee } from './store.ts';

/** Who decides, and from where. */
export interface Decider {
  db: Db;
  municipalityCode: string;
  loginId: string;
  displayName: string;
  department: string;
  client?: AuditClient;
}

/** The longest comment or reason kept (application_history.comment). */
export const MAX_COMMENT = 2000;

const actorOf = (d: Decider) => `staff:${d.loginId}`;

function eventOf(d: Decider, operation: (typeof ops)[keyof typeof ops], applicationId: string, detail: string) {
  return {
    municipalityCode: d.municipalityCode,
    operation,
    actor: staffActor(d),
    ...(d.client ? { client: d.client } : {}),
    subjects: [subjectId('application', applicationId)],
    detail,
  };
}

/** Runs the checks made before the transaction; a refusal is logged as the attempt it was, then thrown. */
async function checked<T>(d: Decider, event: ReturnType<typeof eventOf>, check: () => Promise<T> | T): Promise<T> {
  try {
    return await check();
  } catch (e) {
    await auditAttempt(d.db, { ...event, outcome: outcomeOf(e) }).catch(() => undefined);
    throw e;
  }
}

/** The submitted application, locked; a draft is the resident's and answered as missing. */
async function lockSubmitted(tx: Tx, d: Decider, applicationId: string): Promise<ApplicationRow> {
  const app = await lockApplication(tx, d.municipalityCode, applicationId);
  if (!app || unsubmittedStates.includes(app.state)) throw new AppError('not_found');
  return app;
}

/** A comment or reason as kept: trimmed, 1 to 2,000 characters, or undefined when empty. */
export function cleanComment(text: string | undefined): string | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed.length > MAX_COMMENT) throw new AppError('application_comment_invalid');
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Checks that a member of staff may be assigned applications of the procedure: an enabled account of the
 * municipality whose roles let them read it.
 */
async function checkAssignee(d: Decider, loginId: string, procedureId: string): Promise<void> {
  const account = await findLoginAccount(d.db.kysely, d.municipalityCode, loginId);
  const principal: Principal = { kind: 'staff', municipalityCode: d.municipalityCode, loginId, assignments: account ? await findAssignments(d.db, d.municipalityCode, loginId) : [] };
  if (!account || !can(principal, 'applications.inbox.read', { municipalityCode: d.municipalityCode, attributes: { procedure: procedureId } })) {
    throw new AppError('application_assignee_unknown', { loginId });
  }
}

/** 担当割当: assigns the application to a member of staff, or unassigns it (null). */
export async function assignApplication(d: Decider, applicationId: string, procedureId: string, assignee: string | null): Promise<void> {
  const detail = assignee === null ? '担当解除' : `担当割当: staff:${assignee}`;
  const event = eventOf(d, ops['applications.application.assign'], applicationId, detail);
  // Checked before the transaction: PGlite has one connection, and the account is not the row being changed.
  if (assignee !== null) await checked(d, event, () => checkAssignee(d, assignee, procedureId));
  await audited(d.db, event, async (tx) => {
    const app = await lockSubmitted(tx, d, applicationId);
    if (app.assignedTo === assignee) return;
    await setAssignee(tx, app, assignee);
    await appendHistory(tx, d.municipalityCode, applicationId, {
      actor: actorOf(d), action: assignee === null ? 'unassign' : 'assign', comment: assignee === null ? null : `staff:${assignee}`,
    });
  });
}

/** コメント: a clerk's note in the application's history (staff only; never shown to the resident). */
export async function commentOnApplication(d: Decider, applicationId: string, text: string): Promise<void> {
  const event = eventOf(d, ops['applications.application.comment'], applicationId, 'コメント追加');
  const comment = await checked(d, event, () => cleanComment(text) ?? Promise.reject(new AppError('application_comment_invalid')));
  await audited(d.db, event, async (tx) => {
    await lockSubmitted(tx, d, applicationId);
    await appendHistory(tx, d.municipalityCode, applicationId, { actor: actorOf(d), action: 'comment', comment });
  });
}

/**
 * 状態変更: takes a staff action (start_review, return, approve, reject, complete) on the application, which must still
 * be in `shownState` (the state the clerk's form was shown in); return and reject need the reason for the resident.
 * Returns the new state.
 */
export async function transitionApplication(d: Decider, applicationId: string, shownState: ApplicationState, action: ApplicationAction, reasonText?: string): Promise<ApplicationState> {
  const spec = applicationActions[action];
  if (spec.by !== 'staff') throw new AppError('bad_request');
  const event = eventOf(d, ops['applications.application.transition'], applicationId, `${action}: ${shownState} → ${spec.to}`);
  const reason = await checked(d, event, () => {
    const r = cleanComment(reasonText);
    if (actionsNeedingReason.includes(action) && r === undefined) throw new AppError('application_reason_required');
    return r;
  });
  return audited(d.db, event, async (tx) => {
    const app = await lockSubmitted(tx, d, applicationId);
    if (app.state !== shownState) {
      throw new AppError('application_state_stale', { current: app.state, currentJa: applicationStates[app.state].ja, currentEn: applicationStates[app.state].en });
    }
    const to = nextState(app.state, action);
    if (to === undefined) {
      throw new AppError('application_action_not_allowed', {
        stateJa: applicationStates[app.state].ja, stateEn: applicationStates[app.state].en, actionJa: spec.ja, actionEn: spec.en,
      });
    }
    await changeState(tx, app, to, { actor: actorOf(d), action, comment: reason ?? null });
    return to;
  });
}
