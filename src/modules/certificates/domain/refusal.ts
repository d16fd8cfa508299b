// When a certificate is not issued, and why (shared/domain/certificates.md; seed 004 for the kiosk). The same facts
// decide differently per channel, because at the counter a clerk sees the person and their documents:
//
//   reason            counter                               online   kiosk
//   deceased          issued (to an heir, documents checked)  refused  refused
//   moved_out         issued (years lived here on 1 January)  issued   refused
//   support_measure   issued (to the person themself only)    refused  refused
//   moved_in_today    issued                                   issued   refused (the kiosk's data is a day behind)
//   unprintable       refused everywhere: our PDF cannot print it; the clerk issues from the core tax system
//   no_record, not_filed, not_applicable: refused everywhere
//
// Where the counter issues despite a fact, counterCautions names it so the page tells the clerk what to check (who
// may receive a deceased person's or a protected person's certificate is the clerk's decision, not this function's).
import type { CertificateType, RefusalReason, ResidentFacts, TaxRecord } from './tax-record.ts';

/** Where a certificate is asked for. */
export type Channel = 'counter' | 'online' | 'kiosk';

/** A fact about the person that refuses on some channels only. */
type PersonReason = 'deceased' | 'moved_out' | 'support_measure' | 'moved_in_today';

/** The channels each person fact refuses on (the table above, as data). */
export const refusedOn = {
  deceased: ['online', 'kiosk'],
  moved_out: ['kiosk'],
  support_measure: ['online', 'kiosk'],
  moved_in_today: ['kiosk'],
} as const satisfies Record<PersonReason, readonly Channel[]>;

/**
 * The longest text the certificate form prints, in characters (a code point each): one line per field on A4 portrait
 * at the form's type size. Longer text is refused as unprintable rather than cut or shrunk on a legal document.
 */
export const printLimits = { name: 40, nameKana: 60, address: 80, building: 40 } as const;

// Private-use code points are where core systems put their 外字; control characters print as nothing.
const UNPRINTABLE = /[\p{Co}\p{Cc}]/u;

function length(s: string): number {
  return [...s].length;
}

/** True when the form can print the record's name and both addresses. */
export function isPrintable(record: TaxRecord): boolean {
  const fields: [string, number][] = [
    [record.name, printLimits.name],
    [record.nameKana, printLimits.nameKana],
    [record.address, printLimits.address],
    [record.building, printLimits.building],
    [record.jan1Address, printLimits.address],
    [record.jan1Building, printLimits.building],
  ];
  return fields.every(([text, max]) => length(text) <= max && !UNPRINTABLE.test(text));
}

/** The person facts that hold on `today`: a 転出 dated later (転出予定) has not happened yet. */
export function personReasons(facts: ResidentFacts, today: string): PersonReason[] {
  const reasons: PersonReason[] = [];
  if (facts.status === '死亡') reasons.push('deceased');
  if (facts.status === '転出' && (facts.statusDate === null || facts.statusDate <= today)) reasons.push('moved_out');
  if (facts.supportMeasure) reasons.push('support_measure');
  if (facts.residentSince === today) reasons.push('moved_in_today');
  return reasons;
}

/** What the counter page must point out to the clerk before issuing: the person facts the counter issues despite. */
export function counterCautions(facts: ResidentFacts, today: string): PersonReason[] {
  return personReasons(facts, today).filter((r) => !(refusedOn[r] as readonly Channel[]).includes('counter'));
}

/** Whether the certificate type certifies anything for this record: a 非課税証明書 only for a person taxed nothing. */
function applies(type: CertificateType, record: TaxRecord): boolean {
  return type !== 'non_taxation' || record.taxStatus === '非課税';
}

/**
 * Why this certificate is not issued on this channel, or null when it may be. `record` is the person's record for the
 * fiscal year asked for (undefined when there is none); `today` is the municipality's date, 'YYYY-MM-DD'.
 */
export function refusalFor(facts: ResidentFacts, record: TaxRecord | undefined, type: CertificateType, today: string, channel: Channel): RefusalReason | null {
  const person = personReasons(facts, today).find((r) => (refusedOn[r] as readonly Channel[]).includes(channel));
  if (person) return person;
  if (!record) return 'no_record';
  if (facts.gaiji || !isPrintable(record)) return 'unprintable';
  if (record.filing === '未申告') return 'not_filed';
  if (!applies(type, record)) return 'not_applicable';
  return null;
}
