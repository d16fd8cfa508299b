// 漏えい等の影響範囲, the rules as data: which register file an audit subject belongs to and which person it names,
// which files a capability lets its holder read, and which of a file's items a holder without the individual-number
// or sensitive-data capability never sees. Pure: the store and the report apply these tables.
import type { Capability } from '../../../../platform/access/capabilities.ts';
import type { DataCategory } from '../../../../platform/register/personal-data.ts';

/**
 * What an audit subject kind (`kind:id`) means for a breach: the register file whose records it names, and the kind
 * of the person id it carries (a benefit target's id is the resident's 宛名番号, sometimes behind `programme.`).
 * Kinds not listed (a certificate, a payment, a handover, a batch, a client) name no person and are reported apart;
 * so is `card_image`, an image's id, whose events also name the card (`card:`) and so its person.
 */
export const subjectKinds = {
  resident: { fileId: 'certificate_tax', person: 'resident', dropsProgramme: false },
  benefit_target: { fileId: 'benefit_ledger', person: 'resident', dropsProgramme: true },
  benefit_account: { fileId: 'benefit_ledger', person: 'resident', dropsProgramme: false },
  benefit_receivable: { fileId: 'benefit_ledger', person: 'benefit_receivable', dropsProgramme: false },
  card: { fileId: 'card_record', person: 'card', dropsProgramme: false },
  card_reservation: { fileId: 'card_reservation', person: 'card_reservation', dropsProgramme: false },
  application: { fileId: 'application', person: 'application', dropsProgramme: false },
  mail: { fileId: 'mail_outbox', person: 'mail', dropsProgramme: false },
} as const satisfies Record<string, { fileId: string; person: string; dropsProgramme: boolean }>;

export type PersonSubjectKind = keyof typeof subjectKinds;

/** The subject kinds as rows (for the store's join), in a stable order. */
export const subjectKindRows = (Object.entries(subjectKinds) as Array<[PersonSubjectKind, (typeof subjectKinds)[PersonSubjectKind]]>)
  .map(([kind, k]) => ({ kind, ...k }));

const card = ['card_record'];
/** The document images are a file of their own (their own retention), read with the card they belong to. */
const cardImages = [...card, 'card_image'];
const benefits = ['benefit_ledger'];
const applications = ['application'];

/**
 * The register files each capability lets its holder read (or take out of the system). Capabilities on masters,
 * reports of counts, the audit log (ids and staff only) and settings read no file; the disclosure desk reads all.
 * Every capability is listed, so a new one must say what it reaches (a test holds the list to capabilities.ts).
 */
export const capabilityFiles: Readonly<Record<Capability, readonly string[] | 'all'>> = {
  'console.use': [], 'staff.account.read': [], 'staff.account.manage': [], 'audit.search': [], 'audit.export': [],
  // These two widen what the file capabilities show (individualNumberOnly, sensitiveOnly) rather than add files.
  'personal.sensitive.read': [], 'personal.individual_number.read': [],
  'review.batch.run': ['review_extract', ...applications], 'review.extract.import': ['review_extract'],
  'applications.inbox.read': applications, 'applications.inbox.decide': applications, 'applications.handover.export': applications,
  'applications.pittari.import': applications, 'applications.payment.reconcile': applications, 'applications.payment.refund': applications,
  'applications.procedure.manage': [], 'applications.register.read': [],
  'certificates.tax.import': ['certificate_tax'], 'certificates.counter.issue': ['certificate_tax'], 'certificates.revoke': ['certificate_tax'],
  'certificates.report.read': [], 'certificates.settings.manage': [],
  'card.masters.manage': [], 'card.reservations.read': ['card_reservation'], 'card.reservations.proxy': ['card_reservation'],
  'card.reservations.checkin': ['card_reservation'], 'card.reports.read': [],
  'card.issuance.manage': card, 'card.issuance.read': card, 'card.shipping.manage': card, 'card.images.read': cardImages, 'card.images.manage': cardImages,
  'benefits.ledger.read': benefits, 'benefits.ledger.manage': benefits, 'benefits.accounts.manage': benefits, 'benefits.accounts.reveal': benefits,
  'benefits.payments.prepare': benefits, 'benefits.payments.approve': benefits, 'benefits.receivables.manage': benefits, 'benefits.reports.read': [],
  'mail.outbox.read': ['mail_outbox'],
  'governance.register.read': [], 'governance.assessment.draft': [], 'governance.breach.investigate': [], 'governance.retention.read': [],
  'governance.retention.approve': [], 'governance.disclosure.manage': 'all', 'governance.contractors.read': [], 'governance.contractors.manage': [],
};

/** The categories a file capability alone does not show: each needs its own capability (platform/access/sensitive.ts). */
export const guardedCategories: ReadonlyArray<{ category: DataCategory; capability: Capability }> = [
  { category: 'individual_number', capability: 'personal.individual_number.read' },
  { category: 'sensitive', capability: 'personal.sensitive.read' },
];

/** The files a set of capabilities reaches, as ids in the order of `allFileIds`. */
export function filesReached(capabilities: Iterable<string>, allFileIds: readonly string[]): string[] {
  const reached = new Set<string>();
  for (const c of capabilities) {
    const files = Object.hasOwn(capabilityFiles, c) ? capabilityFiles[c as Capability] : [];
    for (const f of files === 'all' ? allFileIds : files) reached.add(f);
  }
  return allFileIds.filter((f) => reached.has(f));
}

/** The categories a holder of these capabilities cannot see in any file. */
export function hiddenCategories(capabilities: Iterable<string>): DataCategory[] {
  const held = new Set(capabilities);
  return guardedCategories.filter((g) => !held.has(g.capability)).map((g) => g.category);
}
