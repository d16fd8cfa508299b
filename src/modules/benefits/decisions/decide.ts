// 支給決定・却下: one person's decision, or the bulk decision of every 支給のお知らせ whose 辞退 deadline has passed (a
// page per transaction). Each checks the rule against the target's state, its letter in force and its reply, moves
// the target through nextState (guarded by the state it was read in), writes the decision with the target's rule
// version and amount, and its audit event, together.
import { type AuditActor, type AuditClient, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { benefitOperations as ops } from '../audit.ts';
import { lettersOf, lockTarget } from '../letters/store.ts';
import { moveTargets } from '../targets/store.ts';
import { replyOf } from '../replies/store.ts';
import { type DecisionFacts, decisionRefusals, grantCheck, rejectCheck, type RejectionReason } from './domain/decision.ts';
import { insertDecisions, overdueNotices, type StoredDecision } from './store.ts';

/** Who decides, where, and on which day (決定日). */
export interface DecisionScope {
  db: Db;
  municipalityCode: string;
  programmeId: string;
  /** 決定日: today in Japan. */
  today: string;
  actor: AuditActor;
  client?: AuditClient | undefined;
}

/** The facts the rule looks at, read in the transaction (the target locked). */
async function factsOf(tx: Tx, s: DecisionScope, residentNumber: string) {
  const target = await lockTarget(tx, s.municipalityCode, s.programmeId, residentNumber);
  if (!target) throw new AppError('benefits_target_not_found');
  const [letter, reply] = await Promise.all([
    lettersOf(tx, s.municipalityCode, s.programmeId, residentNumber).then((l) => l.at(-1)),
    replyOf(tx, s.municipalityCode, s.programmeId, residentNumber),
  ]);
  const facts: DecisionFacts = { state: target.state, letter: letter ? { kind: letter.kind, deadline: letter.replyDeadline } : null, reply: reply ? { consent: reply.consent } : null, today: s.today };
  return { target, facts };
}

async function record(tx: Tx, s: DecisionScope, decisions: readonly StoredDecision[], detail: string): Promise<void> {
  await insertDecisions(tx, s.municipalityCode, s.programmeId, decisions);
  await appendAudit(tx, {
    municipalityCode: s.municipalityCode, operation: ops['benefits.decision.record'], actor: s.actor, ...(s.client ? { client: s.client } : {}),
    subjects: decisions.map((d) => subjectId('benefit_target', d.residentNumber)), detail,
  });
}

/** 支給決定 of one target, or benefits_decision_refused with the reason. */
export async function grantTarget(s: DecisionScope & { residentNumber: string }): Promise<StoredDecision> {
  return s.db.transaction(async (tx) => {
    const { target, facts } = await factsOf(tx, s, s.residentNumber);
    const check = grantCheck(facts);
    if (!check.ok) throw new AppError('benefits_decision_refused', { ...decisionRefusals[check.refusal], refusal: check.refusal });
    await moveTargets(tx, s.municipalityCode, s.programmeId, [s.residentNumber], target.state, 'decide');
    const decision: StoredDecision = { residentNumber: s.residentNumber, outcome: 'granted', reason: null, amount: target.amount, ruleVersion: target.ruleVersion, decidedOn: s.today, decidedBy: s.actor.userId };
    await record(tx, s, [decision], `${s.programmeId} granted from ${target.state} on ${s.today}`);
    return decision;
  });
}

/** 却下 of one target for a reason, or benefits_decision_refused with why the reason does not apply. */
export async function rejectTarget(s: DecisionScope & { residentNumber: string; reason: RejectionReason }): Promise<StoredDecision> {
  return s.db.transaction(async (tx) => {
    const { target, facts } = await factsOf(tx, s, s.residentNumber);
    const check = rejectCheck(facts, s.reason);
    if (!check.ok) throw new AppError('benefits_decision_refused', { ...decisionRefusals[check.refusal], refusal: check.refusal });
    await moveTargets(tx, s.municipalityCode, s.programmeId, [s.residentNumber], target.state, 'reject');
    const decision: StoredDecision = { residentNumber: s.residentNumber, outcome: 'rejected', reason: s.reason, amount: 0, ruleVersion: target.ruleVersion, decidedOn: s.today, decidedBy: s.actor.userId };
    await record(tx, s, [decision], `${s.programmeId} rejected (${s.reason}) from ${target.state} on ${s.today}`);
    return decision;
  });
}

/** Notices past their deadline: how many and how much the bulk decision would grant today. */
export async function planOverdueNotices(s: Pick<DecisionScope, 'db' | 'municipalityCode' | 'programmeId' | 'today'>): Promise<{ targets: number; amount: number }> {
  const total = { targets: 0, amount: 0 };
  for (let after = ''; ;) {
    const page = await overdueNotices(s.db.kysely, s.municipalityCode, s.programmeId, s.today, after, 5000);
    if (page.length === 0) return total;
    total.targets += page.length;
    total.amount += page.reduce((sum, n) => sum + n.amount, 0);
    after = page.at(-1)!.residentNumber;
  }
}

/** 支給決定 of every 支給のお知らせ past its 辞退 deadline, a page per transaction; answers how many and how much. */
export async function grantOverdueNotices(s: DecisionScope & { pageSize?: number }): Promise<{ targets: number; amount: number }> {
  const done = { targets: 0, amount: 0 };
  for (let after = ''; ;) {
    const page = await overdueNotices(s.db.kysely, s.municipalityCode, s.programmeId, s.today, after, s.pageSize ?? 1000);
    if (page.length === 0) return done;
    after = page.at(-1)!.residentNumber;
    await s.db.transaction(async (tx) => {
      const moved = new Set(await moveTargets(tx, s.municipalityCode, s.programmeId, page.map((n) => n.residentNumber), 'notified', 'decide'));
      const decisions = page.filter((n) => moved.has(n.residentNumber))
        .map((n): StoredDecision => ({ residentNumber: n.residentNumber, outcome: 'granted', reason: null, amount: n.amount, ruleVersion: n.ruleVersion, decidedOn: s.today, decidedBy: s.actor.userId }));
      if (decisions.length === 0) return;
      await record(tx, s, decisions, `${s.programmeId} notices past their deadline granted on ${s.today}: ${decisions.length}`);
      done.targets += decisions.length;
      done.amount += decisions.reduce((sum, d) => sum + d.amount, 0);
    });
  }
}
