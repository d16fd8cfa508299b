// The decisions' SQL (migration 0032): one decision per target, written in the transaction that moves the target to
// decided or rejected; and the 支給のお知らせ past their 辞退 deadline, a page at a time, for the bulk decision.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import type { RejectionReason } from './domain/decision.ts';

/** A decision as stored. */
export interface StoredDecision {
  residentNumber: string;
  outcome: 'granted' | 'rejected';
  reason: RejectionReason | null;
  amount: number;
  ruleVersion: string;
  decidedOn: string;
  decidedBy: string;
}

/** Writes a page of decisions in one statement. */
export async function insertDecisions(db: Kysely<Database>, code: string, programmeId: string, decisions: readonly StoredDecision[]): Promise<void> {
  if (decisions.length === 0) return;
  await sql`
    insert into benefit_decision (municipality_code, programme_id, resident_number, outcome, reason_code, amount, rule_version, decided_on, decided_by)
    select ${code}, ${programmeId}, x."residentNumber", x.outcome, x.reason, x.amount, x."ruleVersion", x."decidedOn", x."decidedBy"
    from jsonb_to_recordset(${JSON.stringify(decisions)}::jsonb) as x("residentNumber" text, outcome text, reason text, amount bigint,
      "ruleVersion" text, "decidedOn" date, "decidedBy" text)`.execute(db);
}

/** The target's decision, if made. */
export async function decisionOf(db: Kysely<Database>, code: string, programmeId: string, residentNumber: string): Promise<(StoredDecision & { decidedAt: Date }) | undefined> {
  const { rows } = await sql<{ outcome: StoredDecision['outcome']; reason_code: RejectionReason | null; amount: string | number; rule_version: string; decided_on: string; decided_by: string; decided_at: Date }>`
    select outcome, reason_code, amount, rule_version, to_char(decided_on, 'YYYY-MM-DD') as decided_on, decided_by, decided_at from benefit_decision
    where municipality_code = ${code} and programme_id = ${programmeId} and resident_number = ${residentNumber}`.execute(db);
  const r = rows[0];
  return r && {
    residentNumber, outcome: r.outcome, reason: r.reason_code, amount: Number(r.amount), ruleVersion: r.rule_version, decidedOn: r.decided_on,
    decidedBy: r.decided_by, decidedAt: new Date(r.decided_at),
  };
}

/** A notified target whose letter in force is a 支給のお知らせ whose 辞退 deadline is before `today`. */
export interface OverdueNotice {
  residentNumber: string;
  amount: number;
  ruleVersion: string;
}

/** The next page of notices past their deadline after `after` (by 住記個人番号). */
export async function overdueNotices(db: Kysely<Database>, code: string, programmeId: string, today: string, after: string, limit: number): Promise<OverdueNotice[]> {
  const { rows } = await sql<{ resident_number: string; amount: string | number; rule_version: string }>`
    select g.resident_number, g.amount, g.rule_version
    from benefit_target g
    join benefit_letter l on l.municipality_code = g.municipality_code and l.programme_id = g.programme_id and l.resident_number = g.resident_number
    where g.municipality_code = ${code} and g.programme_id = ${programmeId} and g.state = 'notified' and g.resident_number > ${after}
      and l.kind = 'notice' and l.reply_deadline < ${today}
      and l.letter_number = (select max(m.letter_number) from benefit_letter m where m.municipality_code = l.municipality_code
        and m.programme_id = l.programme_id and m.resident_number = l.resident_number)
    order by g.resident_number
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ residentNumber: r.resident_number, amount: Number(r.amount), ruleVersion: r.rule_version }));
}
