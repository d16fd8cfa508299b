// カード情報の登録 (seed ⑨(イ)): a card application entered from the accepted form; it starts at 申請受付 at the site
// that took it. The record, its first history line and the audit event commit together.
import { audited, subjectId } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { NewCard } from '../domain/card-record.ts';
import { cardIssuanceOperations as ops } from './audit.ts';
import { insertCard } from './store.ts';
import type { IssuanceActor } from './transition.ts';

/** Registers the card application; card_already_registered when its applicant ID is taken. */
export async function registerCard(db: Db, municipalityCode: string, card: NewCard, who: IssuanceActor): Promise<void> {
  const event = {
    municipalityCode, operation: ops['card.issuance.register'], actor: who.actor, ...(who.client ? { client: who.client } : {}),
    subjects: [subjectId('card', card.applicantId)], detail: `received at ${card.applicationSiteCode}, kept at ${card.storageSiteCode}`,
  };
  await audited(db, event, async (tx) => {
    if (!(await insertCard(tx, municipalityCode, card, who.actor.userId))) throw new AppError('card_already_registered', { applicantId: card.applicantId });
  });
}
