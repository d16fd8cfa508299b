// Test data for card records: applications with overrides (buildCard({ visitMethod: 'at_application' })), a clerk, and
// cards registered and walked through the steps to the status a test starts from.
import type { AuditActor } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { NewCard } from '../domain/card-record.ts';
import type { CardStatus, CardStep } from '../domain/card-status.ts';
import { MC } from '../card.builders.ts';
import { registerCard } from './register.ts';
import { takeStep } from './transition.ts';

export const clerk: AuditActor = { userId: 'clerk1', userName: '見本 窓口', department: '市民課' };

let serial = 0;

/** A card application at 本庁 (honcho), different applicant ID on every call, with overrides. */
export function buildCard(overrides: Partial<NewCard> = {}): NewCard {
  serial++;
  return {
    applicantId: `1000${String(serial).padStart(19, '0')}`,
    name: '見本 花子', address: '大阪府見本市本町1-2-3', birthDate: '1990-07-15', gender: 'female', receivedOn: '2026-10-01',
    receptionMethod: 'counter', visitMethod: 'at_pickup', issueKind: 'new', registrationReason: '新規申請', proxyIssuance: false,
    substituteCharacters: false, braille: false, signatureCertificate: true, userCertificate: true, applicationSiteCode: 'honcho',
    storageSiteCode: 'honcho', feeRequired: false, feeAmount: 0, handwrittenChecked: false, memo: '', ...overrides,
  };
}

/** The steps that take a new card to each status a test starts from. */
const pathTo = {
  received: [],
  applied_to_jlis: ['apply_to_jlis'],
  arrived: ['apply_to_jlis', 'arrive'],
  prepared: ['apply_to_jlis', 'arrive', 'prepare'],
  notice_sent: ['apply_to_jlis', 'arrive', 'prepare', 'send_notice'],
  issued: ['apply_to_jlis', 'arrive', 'prepare', 'send_notice', 'issue'],
} as const satisfies Partial<Record<CardStatus, readonly CardStep[]>>;

/** Registers a card and takes it through the steps to `status`; its applicant ID. */
export async function cardAt(db: Db, status: keyof typeof pathTo, overrides: Partial<NewCard> = {}): Promise<string> {
  const card = buildCard(overrides);
  await registerCard(db, MC, card, { actor: clerk });
  for (const step of pathTo[status]) await takeStep(db, { municipalityCode: MC, applicantId: card.applicantId, step }, { actor: clerk });
  return card.applicantId;
}
