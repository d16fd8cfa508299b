// 通知書発送: the letters of a programme's eligible targets, all at once (a page per transaction, so 100,000 letters
// never hold one long transaction, and a stop half-way leaves whole pages sent) or for one person. Each target gets
// the kind the rule gives (a known 公金受取口座 → 支給のお知らせ, else 支給確認書), the deadline of the programme's
// schedule, and a confirmation form its reply code, of which only the hash is stored. The same walk without writing
// is the plan the clerk confirms: counts and money per kind, and who is held back.
import { type AuditActor, type AuditClient, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { knownPublicFundAccounts } from '../accounts/store.ts';
import { benefitOperations as ops } from '../audit.ts';
import { type LetterHold, letterHolds, type LetterKind, letterDeadline, letterFor, letterSchedule, reissueFor } from './domain/letter-kind.ts';
import { replyCodeFrom, replyCodeHash } from './domain/reply-code.ts';
import { moveTargets } from '../targets/store.ts';
import { insertLetters, type LetterCandidate, letterCandidates, lettersOf, lockTarget, type NewLetter, printedPerson } from './store.ts';

/** Targets per page (and per transaction, per audit event) when sending. */
export const letterPageSize = 1000;

/** Counts and money of a sending, planned or done. */
export interface LetterPlan {
  kinds: Record<LetterKind, { targets: number; amount: number }>;
  held: Partial<Record<LetterHold, number>>;
}

const emptyPlan = (): LetterPlan => ({ kinds: { notice: { targets: 0, amount: 0 }, confirmation: { targets: 0, amount: 0 } }, held: {} });

/** The online reply code of a letter, made again from the municipality's secret whenever it is printed. */
export function replyCodeOf(cipher: FieldCipher, programmeId: string, residentNumber: string, letterNumber: number): string {
  return replyCodeFrom(Buffer.from(cipher.blindIndex('benefits.letter.reply-code', `${programmeId}/${residentNumber}/${letterNumber}`), 'base64url'));
}

/** Where the walk is: the scope of one programme in one municipality. */
export interface LetterScope {
  db: Db;
  municipalityCode: string;
  programmeId: string;
}

/** Each candidate of a page with the letter the rule gives it. */
async function choose(db: Db['kysely'], s: LetterScope, page: readonly LetterCandidate[]) {
  const known = await knownPublicFundAccounts(db, s.municipalityCode, page.map((c) => c.residentNumber));
  return page.map((c) => ({ candidate: c, choice: letterFor({ eligible: true, state: 'targeted', residentStatus: c.residentStatus, publicFundAccountKnown: known.has(c.residentNumber) }) }));
}

/** What sending now would do: every eligible target still waiting, by kind, and those held back. */
export async function planLetters(s: LetterScope): Promise<LetterPlan> {
  const plan = emptyPlan();
  for (let after = ''; ;) {
    const page = await letterCandidates(s.db.kysely, s.municipalityCode, s.programmeId, after, letterPageSize * 5);
    if (page.length === 0) return plan;
    for (const { candidate, choice } of await choose(s.db.kysely, s, page)) {
      if (choice.send) {
        plan.kinds[choice.kind].targets++;
        plan.kinds[choice.kind].amount += candidate.amount;
      } else plan.held[choice.hold] = (plan.held[choice.hold] ?? 0) + 1;
    }
    after = page.at(-1)!.residentNumber;
  }
}

/** Who sends, when, and how the letters' codes are made. */
export interface SendOptions extends LetterScope {
  cipher: FieldCipher;
  /** 発送日. */
  sentOn: string;
  actor: AuditActor;
  client?: AuditClient | undefined;
  /** Targets per transaction (letterPageSize unless told). */
  pageSize?: number | undefined;
}

function newLetter(o: SendOptions, c: { residentNumber: string; amount: number; ruleVersion: string }, kind: LetterKind, letterNumber: number): NewLetter {
  return {
    residentNumber: c.residentNumber, letterNumber, kind, ruleVersion: c.ruleVersion, amount: c.amount,
    replyDeadline: letterDeadline(kind, o.sentOn, letterSchedule(o.programmeId)),
    replyCodeHash: kind === 'confirmation' ? replyCodeHash(replyCodeOf(o.cipher, o.programmeId, c.residentNumber, letterNumber)) : null,
    sentOn: o.sentOn, sentBy: o.actor.userId,
  };
}

async function audit(tx: Tx, o: SendOptions, letters: readonly NewLetter[], detail: string): Promise<void> {
  await appendAudit(tx, {
    municipalityCode: o.municipalityCode, operation: ops['benefits.letters.send'], actor: o.actor, ...(o.client ? { client: o.client } : {}),
    subjects: letters.map((l) => subjectId('benefit_target', l.residentNumber)), detail,
  });
}

/** Sends the letters of every eligible target still waiting, a page per transaction; answers what was sent and held. */
export async function sendLetters(o: SendOptions): Promise<LetterPlan> {
  letterSchedule(o.programmeId);
  const done = emptyPlan();
  for (let after = ''; ;) {
    const page = await letterCandidates(o.db.kysely, o.municipalityCode, o.programmeId, after, o.pageSize ?? letterPageSize);
    if (page.length === 0) return done;
    after = page.at(-1)!.residentNumber;
    await o.db.transaction(async (tx) => {
      const chosen = await choose(tx, o, page);
      const sending = chosen.flatMap(({ candidate, choice }) => (choice.send ? [newLetter(o, candidate, choice.kind, 1)] : []));
      const moved = new Set(await moveTargets(tx, o.municipalityCode, o.programmeId, sending.map((l) => l.residentNumber), 'targeted', 'notify'));
      const letters = sending.filter((l) => moved.has(l.residentNumber));
      await insertLetters(tx, o.municipalityCode, o.programmeId, letters);
      for (const l of letters) {
        done.kinds[l.kind].targets++;
        done.kinds[l.kind].amount += l.amount;
      }
      for (const { choice } of chosen) if (!choice.send) done.held[choice.hold] = (done.held[choice.hold] ?? 0) + 1;
      const count = (k: LetterKind) => letters.filter((l) => l.kind === k).length;
      if (letters.length > 0) await audit(tx, o, letters, `${o.programmeId} sent on ${o.sentOn}: ${count('notice')} notices, ${count('confirmation')} confirmation forms`);
    });
  }
}

/** Sends one person's letter (targeted → notified), or refuses with the reason the rule gives. */
export async function sendLetter(o: SendOptions & { residentNumber: string }): Promise<NewLetter> {
  letterSchedule(o.programmeId);
  return o.db.transaction(async (tx) => {
    const target = await lockTarget(tx, o.municipalityCode, o.programmeId, o.residentNumber);
    const person = target && await printedPerson(tx, o.municipalityCode, o.programmeId, o.residentNumber);
    if (!target || !person) throw new AppError('benefits_target_not_found');
    const known = await knownPublicFundAccounts(tx, o.municipalityCode, [o.residentNumber]);
    const choice = letterFor({ eligible: target.eligible, state: target.state, residentStatus: person.status, publicFundAccountKnown: known.has(o.residentNumber) });
    if (!choice.send) throw new AppError('benefits_letter_held', { ...letterHolds[choice.hold], hold: choice.hold });
    const letterNumber = (await lettersOf(tx, o.municipalityCode, o.programmeId, o.residentNumber)).length + 1;
    const letter = newLetter(o, { residentNumber: o.residentNumber, amount: target.amount, ruleVersion: target.ruleVersion }, choice.kind, letterNumber);
    await moveTargets(tx, o.municipalityCode, o.programmeId, [o.residentNumber], target.state, 'notify');
    await insertLetters(tx, o.municipalityCode, o.programmeId, [letter]);
    await audit(tx, o, [letter], `${o.programmeId} sent on ${o.sentOn}: one ${choice.kind === 'notice' ? 'notice' : 'confirmation form'}`);
    return letter;
  });
}

/**
 * 再発行: the person's letter in force sent again (lost, or returned by the post office) as the next letter, with the
 * same kind, amount, rule version and deadline, and a new reply code: the old code answers nothing any more.
 */
export async function reissueLetter(o: SendOptions & { residentNumber: string }): Promise<NewLetter> {
  return o.db.transaction(async (tx) => {
    const target = await lockTarget(tx, o.municipalityCode, o.programmeId, o.residentNumber);
    if (!target) throw new AppError('benefits_target_not_found');
    const last = (await lettersOf(tx, o.municipalityCode, o.programmeId, o.residentNumber)).at(-1);
    const choice = reissueFor({ state: target.state, deadline: last?.replyDeadline, today: o.sentOn });
    if (!choice.send || !last) throw new AppError('benefits_letter_held', { ...letterHolds[choice.send ? 'not_open' : choice.hold], hold: choice.send ? 'not_open' : choice.hold });
    const letter = { ...newLetter(o, last, last.kind, last.letterNumber + 1), replyDeadline: last.replyDeadline };
    await insertLetters(tx, o.municipalityCode, o.programmeId, [letter]);
    await audit(tx, o, [letter], `${o.programmeId} letter ${letter.letterNumber} sent again on ${o.sentOn}`);
    return letter;
  });
}
