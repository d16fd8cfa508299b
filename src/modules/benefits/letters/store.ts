// The letters' SQL (migration 0032): the targets a programme may write to, a page at a time by 住記個人番号 (keyset),
// the letters written and the targets moved to notified in the same transaction (guarded by the state they were read
// in, so two clerks sending at once never write a letter twice), a person's letters, and the letter an online reply
// code names. Pages travel as one JSON parameter, which PGlite and PostgreSQL both take.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { type LedgerState, type LedgerStep, nextState } from '../domain/ledger-state.ts';
import { moveTargets } from '../targets/store.ts';
import type { LetterKind } from './domain/letter-kind.ts';

/** An eligible target still waiting for its letter. */
export interface LetterCandidate {
  residentNumber: string;
  amount: number;
  ruleVersion: string;
  residentStatus: '住民' | '転出' | '死亡';
}

/** The next page of the programme's eligible, still targeted targets after `after`. */
export async function letterCandidates(db: Kysely<Database>, code: string, programmeId: string, after: string, limit: number): Promise<LetterCandidate[]> {
  const { rows } = await sql<{ resident_number: string; amount: string | number; rule_version: string; status: LetterCandidate['residentStatus'] }>`
    select g.resident_number, g.amount, g.rule_version, p.status
    from benefit_target g
    join benefit_taxpayer p on p.municipality_code = g.municipality_code and p.programme_id = g.programme_id and p.resident_number = g.resident_number
    where g.municipality_code = ${code} and g.programme_id = ${programmeId} and g.state = 'targeted' and g.eligible
      and g.resident_number > ${after}
    order by g.resident_number
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ residentNumber: r.resident_number, amount: Number(r.amount), ruleVersion: r.rule_version, residentStatus: r.status }));
}

/** Moves one target by `step` from the state it is in now (locked), or refuses with benefits_step_not_allowed. */
export async function moveTarget(db: Kysely<Database>, code: string, programmeId: string, residentNumber: string, step: LedgerStep): Promise<{ from: LedgerState; to: LedgerState }> {
  const target = await lockTarget(db, code, programmeId, residentNumber);
  if (!target) throw new AppError('benefits_target_not_found');
  const to = nextState(target.state, step);
  await moveTargets(db, code, programmeId, [residentNumber], target.state, step);
  return { from: target.state, to };
}

/** The target's state and decision figures, locked for the transaction's change. */
export async function lockTarget(db: Kysely<Database>, code: string, programmeId: string, residentNumber: string): Promise<{ state: LedgerState; eligible: boolean; amount: number; ruleVersion: string } | undefined> {
  const { rows } = await sql<{ state: LedgerState; eligible: boolean; amount: string | number; rule_version: string }>`
    select state, eligible, amount, rule_version from benefit_target
    where municipality_code = ${code} and programme_id = ${programmeId} and resident_number = ${residentNumber}
    for update`.execute(db);
  const r = rows[0];
  return r && { state: r.state, eligible: r.eligible, amount: Number(r.amount), ruleVersion: r.rule_version };
}

/** One letter as written. */
export interface NewLetter {
  residentNumber: string;
  letterNumber: number;
  kind: LetterKind;
  ruleVersion: string;
  amount: number;
  replyDeadline: string;
  replyCodeHash: string | null;
  sentOn: string;
  sentBy: string;
}

/** Writes a page of letters in one statement. */
export async function insertLetters(db: Kysely<Database>, code: string, programmeId: string, letters: readonly NewLetter[]): Promise<void> {
  if (letters.length === 0) return;
  await sql`
    insert into benefit_letter (municipality_code, programme_id, resident_number, letter_number, kind, rule_version, amount,
      reply_deadline, reply_code_hash, sent_on, sent_by)
    select ${code}, ${programmeId}, x."residentNumber", x."letterNumber", x.kind, x."ruleVersion", x.amount, x."replyDeadline",
      x."replyCodeHash", x."sentOn", x."sentBy"
    from jsonb_to_recordset(${JSON.stringify(letters)}::jsonb) as x("residentNumber" text, "letterNumber" smallint, kind text,
      "ruleVersion" text, amount bigint, "replyDeadline" date, "replyCodeHash" text, "sentOn" date, "sentBy" text)`.execute(db);
}

/** A letter as stored (never its reply code). */
export interface StoredLetter {
  residentNumber: string;
  letterNumber: number;
  kind: LetterKind;
  ruleVersion: string;
  amount: number;
  replyDeadline: string;
  sentOn: string;
  sentAt: Date;
  sentBy: string;
}

const letterColumns = sql`resident_number, letter_number, kind, rule_version, amount, to_char(reply_deadline, 'YYYY-MM-DD') as reply_deadline,
  to_char(sent_on, 'YYYY-MM-DD') as sent_on, sent_at, sent_by`;

type LetterRow = { resident_number: string; letter_number: number; kind: LetterKind; rule_version: string; amount: string | number; reply_deadline: string; sent_on: string; sent_at: Date; sent_by: string };

const letterOf = (r: LetterRow): StoredLetter => ({
  residentNumber: r.resident_number, letterNumber: r.letter_number, kind: r.kind, ruleVersion: r.rule_version, amount: Number(r.amount),
  replyDeadline: r.reply_deadline, sentOn: r.sent_on, sentAt: new Date(r.sent_at), sentBy: r.sent_by,
});

/** A person's letters under a programme, the latest (the one in force) last. */
export async function lettersOf(db: Kysely<Database>, code: string, programmeId: string, residentNumber: string): Promise<StoredLetter[]> {
  const { rows } = await sql<LetterRow>`
    select ${letterColumns} from benefit_letter
    where municipality_code = ${code} and programme_id = ${programmeId} and resident_number = ${residentNumber}
    order by letter_number`.execute(db);
  return rows.map(letterOf);
}

/** The letter in force whose reply code has this hash, with its municipality and programme; a superseded letter's code answers nothing. */
export async function letterByCodeHash(db: Kysely<Database>, codeHash: string): Promise<(StoredLetter & { municipalityCode: string; programmeId: string }) | undefined> {
  const { rows } = await sql<LetterRow & { municipality_code: string; programme_id: string }>`
    select municipality_code, programme_id, ${letterColumns} from benefit_letter l
    where reply_code_hash = ${codeHash}
      and letter_number = (select max(letter_number) from benefit_letter m where m.municipality_code = l.municipality_code
        and m.programme_id = l.programme_id and m.resident_number = l.resident_number)`.execute(db);
  const r = rows[0];
  return r && { ...letterOf(r), municipalityCode: r.municipality_code, programmeId: r.programme_id };
}

/** What a letter or a notice prints of the person and their decision. */
export interface PrintedPerson {
  name: string;
  postalCode: string;
  address: string;
  building: string;
  birthDate: string;
  status: LetterCandidate['residentStatus'];
  state: LedgerState;
  eligible: boolean;
  amount: number;
  ruleVersion: string;
  explanation: { ja: string[]; en: string[] };
}

/** The person and the target's decision, for a letter, a notice or the online reply's check. */
export async function printedPerson(db: Kysely<Database>, code: string, programmeId: string, residentNumber: string): Promise<PrintedPerson | undefined> {
  const { rows } = await sql<{
    name: string; postal_code: string; address: string; building: string; birth_date: string; status: PrintedPerson['status'];
    state: LedgerState; eligible: boolean; amount: string | number; rule_version: string; explanation: PrintedPerson['explanation'];
  }>`
    select p.name, p.postal_code, p.address, p.building, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.status,
      g.state, g.eligible, g.amount, g.rule_version, g.explanation
    from benefit_target g
    join benefit_taxpayer p on p.municipality_code = g.municipality_code and p.programme_id = g.programme_id and p.resident_number = g.resident_number
    where g.municipality_code = ${code} and g.programme_id = ${programmeId} and g.resident_number = ${residentNumber}`.execute(db);
  const r = rows[0];
  return r && {
    name: r.name, postalCode: r.postal_code, address: r.address, building: r.building, birthDate: r.birth_date, status: r.status,
    state: r.state, eligible: r.eligible, amount: Number(r.amount), ruleVersion: r.rule_version, explanation: r.explanation,
  };
}
