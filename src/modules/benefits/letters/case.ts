// A person's letters, reply and decision in a programme, with what may be done now: send the letter, record the
// reply, decide or reject (and with which reasons). Read for the case page (H4 composes it); no decryption.
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { knownPublicFundAccounts } from '../accounts/store.ts';
import { type DecisionRefusal, grantCheck, rejectionsAllowed, type RejectionReason } from '../decisions/domain/decision.ts';
import { decisionOf, type StoredDecision } from '../decisions/store.ts';
import type { LedgerState } from '../domain/ledger-state.ts';
import { replyCheck, type ReplyRefusal } from '../replies/domain/reply.ts';
import { replyOf, type StoredReply } from '../replies/store.ts';
import { type LetterHold, type LetterKind, letterFor, reissueFor } from './domain/letter-kind.ts';
import { lettersOf, printedPerson, type StoredLetter } from './store.ts';

/** The section's data. */
export interface LetterCaseData {
  programmeId: string;
  residentNumber: string;
  state: LedgerState;
  letters: StoredLetter[];
  reply: StoredReply | undefined;
  decision: (StoredDecision & { decidedAt: Date }) | undefined;
  /** What may be done today. */
  now: {
    send: { kind: LetterKind } | { hold: LetterHold };
    /** 再発行 of the letter in force. */
    reissue: boolean;
    reply: { ok: true } | { ok: false; refusal: ReplyRefusal };
    grant: { ok: true } | { ok: false; refusal: DecisionRefusal };
    rejections: RejectionReason[];
  };
}

/** The letters, reply and decision of a target, or undefined when the programme has no such target. */
export async function letterCase(db: Kysely<Database>, municipalityCode: string, programmeId: string, residentNumber: string, today = todayInJapan()): Promise<LetterCaseData | undefined> {
  const person = await printedPerson(db, municipalityCode, programmeId, residentNumber);
  if (!person) return undefined;
  const [letters, reply, decision, known] = await Promise.all([
    lettersOf(db, municipalityCode, programmeId, residentNumber),
    replyOf(db, municipalityCode, programmeId, residentNumber),
    decisionOf(db, municipalityCode, programmeId, residentNumber),
    knownPublicFundAccounts(db, municipalityCode, [residentNumber]),
  ]);
  const letter = letters.at(-1);
  const facts = { state: person.state, letter: letter ? { kind: letter.kind, deadline: letter.replyDeadline } : null, reply: reply ? { consent: reply.consent } : null, today };
  const send = letterFor({ eligible: person.eligible, state: person.state, residentStatus: person.status, publicFundAccountKnown: known.has(residentNumber) });
  return {
    programmeId, residentNumber, state: person.state, letters, reply, decision,
    now: {
      send: send.send ? { kind: send.kind } : { hold: send.hold },
      reissue: reissueFor({ state: person.state, deadline: letter?.replyDeadline, today }).send,
      reply: replyCheck({ state: person.state, letter: letter ? { kind: letter.kind, sentOn: letter.sentOn, deadline: letter.replyDeadline } : null, receivedOn: today, today }),
      grant: grantCheck(facts),
      rejections: rejectionsAllowed(facts),
    },
  };
}
