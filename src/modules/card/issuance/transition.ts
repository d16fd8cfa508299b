// カード交付状況の更新 (seed ⑩): one card, or the cards of a filtered list together, taken through a named step of
// card-status.ts. The records, their history lines, the optional comment (データ処理履歴) and the audit event commit
// together; a refusal (a step not allowed from the card's status, a card another clerk changed meanwhile) writes
// nothing but the refused attempt's audit event. A bulk step moves every card listed or none.
import { type AuditActor, type AuditClient, audited, subjectId } from '../../../platform/audit/index.ts';
import type { Db, Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { cardStatuses, type CardStep, nextStatus, stepRule } from '../domain/card-status.ts';
import { findSite } from '../reservations/store.ts';
import { cardIssuanceOperations as ops } from './audit.ts';
import { findCard, insertComments, type Moved, moveCards, type StepWrite, statusesOf } from './store.ts';

/** The member of staff taking the step, as audited. */
export interface IssuanceActor {
  actor: AuditActor;
  client?: AuditClient | undefined;
}

/** A step asked for, with what it records. */
export interface StepRequest {
  municipalityCode: string;
  step: CardStep;
  /** 事由: demanded by 交付取りやめ, 失効, 回収 and 廃棄. */
  reason?: string | undefined;
  /** データ処理履歴: a comment kept with the step. */
  comment?: string | undefined;
  /** The day the step records (交付日, 廃棄日 …); today in Japan when not given. */
  on?: string | undefined;
  /** 保管場所の移動: the site the cards move to. */
  toSite?: string | undefined;
}

/** The most cards one bulk step takes (one statement, one transaction). */
export const maxBulkCards = 5000;

/** The write a step makes, or card_reason_required / card_transfer_invalid for what it lacks. */
async function stepWrite(tx: Tx, r: StepRequest, by: string, rowVersion?: number): Promise<StepWrite> {
  const rule = stepRule(r.step);
  const reason = r.reason?.trim() ?? '';
  if (rule.reason && reason === '') throw new AppError('card_reason_required', { step: rule.ja, stepEn: rule.en });
  if (r.step === 'transfer' && !(r.toSite && (await findSite(tx, r.municipalityCode, r.toSite)))) throw new AppError('card_transfer_invalid');
  return {
    step: r.step, from: rule.from, to: rule.to, flag: rule.flag, by, rowVersion,
    date: rule.date && { field: rule.date, on: r.on ?? todayInJapan() },
    reason: rule.reason && { field: rule.reason, text: reason },
    toSite: r.step === 'transfer' ? r.toSite : undefined,
  };
}

const eventOf = (r: StepRequest, who: IssuanceActor, operation: (typeof ops)['card.issuance.step' | 'card.issuance.bulk_step'], ids: readonly string[]) => ({
  municipalityCode: r.municipalityCode, operation, actor: who.actor, ...(who.client ? { client: who.client } : {}),
  subjects: ids.map((id) => subjectId('card', id)),
  detail: `${r.step}${r.toSite && r.step === 'transfer' ? ` → ${r.toSite}` : ''}${ids.length > 1 ? ` ×${ids.length}` : ''}${r.comment?.trim() ? ' with comment' : ''}`,
});

async function keepComment(tx: Tx, r: StepRequest, moved: readonly Moved[], by: string): Promise<void> {
  const comment = r.comment?.trim();
  if (comment) await insertComments(tx, r.municipalityCode, moved.map((m) => ({ applicantId: m.applicantId, historyId: m.historyId })), comment, by);
}

/**
 * Takes one card through a step; with `rowVersion`, only if nobody changed the card since it was shown. Refusals:
 * card_not_found, card_changed, card_transfer_invalid (already there), card_step_not_allowed (naming the status).
 */
export async function takeStep(db: Db, r: StepRequest & { applicantId: string; rowVersion?: number | undefined }, who: IssuanceActor): Promise<Moved> {
  return audited(db, eventOf(r, who, ops['card.issuance.step'], [r.applicantId]), async (tx) => {
    const [moved] = await moveCards(tx, r.municipalityCode, [r.applicantId], await stepWrite(tx, r, who.actor.userId, r.rowVersion));
    if (!moved) {
      const card = await findCard(tx, r.municipalityCode, r.applicantId);
      if (!card) throw new AppError('card_not_found', { applicantId: r.applicantId });
      if (r.rowVersion !== undefined && card.rowVersion !== r.rowVersion) throw new AppError('card_changed');
      if (r.step === 'transfer' && card.storageSiteCode === r.toSite) throw new AppError('card_transfer_invalid');
      nextStatus(card.status, r.step);
      throw new AppError('card_changed');
    }
    await keepComment(tx, r, [moved], who.actor.userId);
    return moved;
  });
}

/** Takes every listed card through the step in one transaction, or none: card_bulk_refused names the cards that cannot. */
export async function takeBulkStep(db: Db, r: StepRequest & { applicantIds: readonly string[] }, who: IssuanceActor): Promise<Moved[]> {
  const ids = [...new Set(r.applicantIds)];
  if (ids.length === 0 || ids.length > maxBulkCards) throw new AppError('bad_request');
  return audited(db, eventOf(r, who, ops['card.issuance.bulk_step'], ids), async (tx) => {
    const moved = await moveCards(tx, r.municipalityCode, ids, await stepWrite(tx, r, who.actor.userId));
    if (moved.length < ids.length) {
      const done = new Set(moved.map((m) => m.applicantId));
      const refused = ids.filter((id) => !done.has(id));
      const known = await statusesOf(tx, r.municipalityCode, refused);
      const rule = stepRule(r.step);
      const named = (lang: 'ja' | 'en') => refused.slice(0, 10).map((id) => {
        const status = known.get(id)?.status;
        return `${id} (${status ? cardStatuses[status][lang] : lang === 'ja' ? '未登録' : 'not registered'})`;
      }).join(', ') + (refused.length > 10 ? ' …' : '');
      throw new AppError('card_bulk_refused', { step: rule.ja, stepEn: rule.en, count: refused.length, total: ids.length, cards: named('ja'), cardsEn: named('en') });
    }
    await keepComment(tx, r, moved, who.actor.userId);
    return moved;
  });
}

