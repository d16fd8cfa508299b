// カード到着 (seed ⑨(エ)): the applicant IDs of J-LIS's 交付一覧, scanned one barcode at a time or read from a list, move
// their cards to カード到着 in one transaction with one audit event. Every ID gets an answer in the order given: arrived,
// or why not — a misread, an ID nobody registered, one listed twice, a card already arrived, or one whose status does
// not allow an arrival, or one kept at a site outside the clerk's scope. Nothing is silently ignored.
import { appendAudit, subjectId } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { parseApplicantId } from '../domain/applicant-id.ts';
import { inScope, type SiteScope } from '../staff/scope.ts';
import { type CardStatus, stepRule } from '../domain/card-status.ts';
import { cardIssuanceOperations as ops } from './audit.ts';
import { moveCards, statusesOf } from './store.ts';
import type { IssuanceActor } from './transition.ts';

/** The answer for one scanned or listed ID. */
export type ArrivalResult =
  | { result: 'arrived'; applicantId: string; storageSiteCode: string }
  | { result: 'invalid'; input: string }
  | { result: 'unknown' | 'duplicate' | 'already_arrived' | 'out_of_scope'; applicantId: string }
  | { result: 'not_allowed'; applicantId: string; status: CardStatus };

/** The most IDs one list may hold. */
export const maxArrivalList = 5000;

/** Where and when: `on` is カード管理開始日 (today in Japan by default); `scope` the sites whose cards the clerk may receive. */
export interface ArrivalOptions {
  on?: string | undefined;
  scope?: SiteScope;
}

/** Records the arrival of the cards listed (raw as scanned or typed), answering every entry in the order given. */
export async function recordArrivals(db: Db, municipalityCode: string, scanned: readonly string[], who: IssuanceActor, options: ArrivalOptions = {}): Promise<ArrivalResult[]> {
  if (scanned.length === 0 || scanned.length > maxArrivalList) throw new AppError('bad_request');
  const ids = scanned.map((raw) => parseApplicantId(raw));
  const firstAt = new Map<string, number>();
  for (const [i, id] of ids.entries()) if (id && !firstAt.has(id)) firstAt.set(id, i);
  const unique = [...firstAt.keys()];
  const rule = stepRule('arrive');
  return db.transaction(async (tx) => {
    const moved = await moveCards(tx, municipalityCode, unique, {
      step: 'arrive', from: rule.from, to: rule.to, date: { field: 'managementStartedOn', on: options.on ?? todayInJapan() }, storageSites: options.scope, by: who.actor.userId,
    });
    const arrived = new Map(moved.map((m) => [m.applicantId, m.storageSiteCode]));
    const known = await statusesOf(tx, municipalityCode, unique.filter((id) => !arrived.has(id)));
    const results = scanned.map((raw, i): ArrivalResult => {
      const id = ids[i];
      if (!id) return { result: 'invalid', input: raw.trim().slice(0, 40) };
      if (firstAt.get(id) !== i) return { result: 'duplicate', applicantId: id };
      const siteCode = arrived.get(id);
      if (siteCode) return { result: 'arrived', applicantId: id, storageSiteCode: siteCode };
      const card = known.get(id);
      if (!card) return { result: 'unknown', applicantId: id };
      if (!inScope(options.scope, card.storageSiteCode)) return { result: 'out_of_scope', applicantId: id };
      const status = card.status;
      return status === 'arrived' ? { result: 'already_arrived', applicantId: id } : { result: 'not_allowed', applicantId: id, status };
    });
    const counts = new Map<string, number>();
    for (const r of results) counts.set(r.result, (counts.get(r.result) ?? 0) + 1);
    await appendAudit(tx, {
      municipalityCode, operation: ops['card.issuance.arrival'], actor: who.actor, ...(who.client ? { client: who.client } : {}),
      subjects: moved.map((m) => subjectId('card', m.applicantId)),
      detail: `scanned ${scanned.length}: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    });
    return results;
  });
}
