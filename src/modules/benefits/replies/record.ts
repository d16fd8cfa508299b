// 返信受付: a returned 支給確認書 entered by a clerk, or the resident's online reply. One transaction: the rule's check
// against the letter in force (a confirmation form, by its deadline, once), the account saved as the person's current
// one (source reply) when they consent, the target moved to replied, the reply and its audit event written. A reply
// that declines is kept too (consent false, no account): the clerk then rejects the target as 辞退.
import { type AuditActor, type AuditClient, appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Account } from '../accounts/domain/account.ts';
import { saveAccount } from '../accounts/store.ts';
import { benefitOperations as ops } from '../audit.ts';
import { lettersOf, lockTarget } from '../letters/store.ts';
import { moveTargets } from '../targets/store.ts';
import { replyCheck, replyRefusals } from './domain/reply.ts';
import { insertReply } from './store.ts';

/** What came back: consent with the account to pay to, or a refusal of the benefit. */
export type ReplyAnswer = { consent: true; account: Account } | { consent: false };

/** One reply to record. */
export interface RecordReply {
  db: Db;
  cipher: FieldCipher;
  municipalityCode: string;
  programmeId: string;
  residentNumber: string;
  answer: ReplyAnswer;
  channel: 'paper' | 'online';
  /** 受付日; for an online reply, today. */
  receivedOn: string;
  today: string;
  /** The clerk, or { userId: 'resident' } online. */
  actor: AuditActor;
  client?: AuditClient | undefined;
}

/** Records the reply, or refuses with benefits_reply_refused naming the reason (the details carry `refusal`). */
export async function recordReply(o: RecordReply): Promise<void> {
  await o.db.transaction(async (tx) => {
    const target = await lockTarget(tx, o.municipalityCode, o.programmeId, o.residentNumber);
    if (!target) throw new AppError('benefits_target_not_found');
    const letter = (await lettersOf(tx, o.municipalityCode, o.programmeId, o.residentNumber)).at(-1);
    const check = replyCheck({ state: target.state, letter: letter ? { kind: letter.kind, sentOn: letter.sentOn, deadline: letter.replyDeadline } : null, receivedOn: o.receivedOn, today: o.today });
    if (!check.ok) throw new AppError('benefits_reply_refused', { ...replyRefusals[check.refusal], refusal: check.refusal });
    const by = o.channel === 'paper' ? o.actor.userId : null;
    if (o.answer.consent) await saveAccount(tx, o.cipher, { municipalityCode: o.municipalityCode, residentNumber: o.residentNumber, source: 'reply', account: o.answer.account, by });
    await moveTargets(tx, o.municipalityCode, o.programmeId, [o.residentNumber], target.state, 'reply');
    await insertReply(tx, o.municipalityCode, o.programmeId, o.residentNumber, { letterNumber: letter!.letterNumber, channel: o.channel, consent: o.answer.consent, receivedOn: o.receivedOn, recordedBy: by });
    await appendAudit(tx, {
      municipalityCode: o.municipalityCode, operation: ops['benefits.reply.record'], actor: o.actor, ...(o.client ? { client: o.client } : {}),
      subjects: [subjectId('benefit_target', o.residentNumber)],
      detail: `${o.programmeId} ${o.channel} reply received ${o.receivedOn}: ${o.answer.consent ? 'consent with account' : 'declined'}`,
    });
  });
}
