// What a clerk changes on a card's page besides its status: the fee collected (徴収日・区分・金額), the memo, and a
// comment of データ処理履歴 on its own. Each is refused with card_changed when the card changed since the page was
// shown (RowStamp; a comment needs none), and commits with its audit event.
import { audited, subjectId } from '../../../../platform/audit/index.ts';
import type { Db } from '../../../../platform/db/index.ts';
import { AppError } from '../../../../platform/errors.ts';
import { insertComments } from '../store.ts';
import type { IssuanceActor } from '../transition.ts';
import { cardConsoleOperations as ops } from './audit.ts';
import { type FeeCollection, recordFeeCollection, saveMemo } from './store.ts';

/** The card a change is made on, as shown. */
export interface ShownCard {
  municipalityCode: string;
  applicantId: string;
  rowVersion: number;
}

const eventOf = (c: ShownCard, who: IssuanceActor, detail: string) => ({
  municipalityCode: c.municipalityCode, operation: ops['card.issuance.record.change'], actor: who.actor, ...(who.client ? { client: who.client } : {}),
  subjects: [subjectId('card', c.applicantId)], detail,
});

/** 徴収: records the fee collected on the card. */
export async function collectFee(db: Db, c: ShownCard, fee: FeeCollection, who: IssuanceActor): Promise<void> {
  await audited(db, eventOf(c, who, `fee ${fee.category} ${fee.amount}`), async (tx) => {
    if (!(await recordFeeCollection(tx, c.municipalityCode, c.applicantId, c.rowVersion, fee, who.actor.userId))) throw new AppError('card_changed');
  });
}

/** メモ: replaces the clerks' note on the card. */
export async function changeMemo(db: Db, c: ShownCard, memo: string, who: IssuanceActor): Promise<void> {
  await audited(db, eventOf(c, who, 'memo'), async (tx) => {
    if (!(await saveMemo(tx, c.municipalityCode, c.applicantId, c.rowVersion, memo.trim(), who.actor.userId))) throw new AppError('card_changed');
  });
}

/** データ処理履歴: a comment on the card explaining no particular step. */
export async function addComment(db: Db, c: Omit<ShownCard, 'rowVersion'>, comment: string, who: IssuanceActor): Promise<void> {
  const text = comment.trim();
  if (text === '') throw new AppError('bad_request');
  await audited(db, eventOf({ ...c, rowVersion: 0 }, who, 'comment'), (tx) => insertComments(tx, c.municipalityCode, [{ applicantId: c.applicantId, historyId: null }], text, who.actor.userId));
}
