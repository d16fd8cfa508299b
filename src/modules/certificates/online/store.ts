// The SQL of online delivery: one row per certificate issued for an online application, with its one-time link.
import type { Db, Tx } from '../../../platform/db/index.ts';

type Q = Db['kysely'] | Tx;

export async function insertDelivery(tx: Tx, d: { municipalityCode: string; certificateNumber: string; applicationId: string; delivery: 'download' | 'post'; tokenSha256: string | null; expiresAt: Date | null }): Promise<void> {
  await tx.insertInto('certificate_online_delivery').values({
    municipality_code: d.municipalityCode,
    certificate_number: d.certificateNumber,
    application_id: d.applicationId,
    delivery: d.delivery,
    token_sha256: d.tokenSha256,
    expires_at: d.expiresAt,
  }).execute();
}

/** The certificate behind a live link (not used, not expired), or undefined. */
export async function findLiveLink(q: Q, tokenSha256: string): Promise<{ municipalityCode: string; certificateNumber: string; expiresAt: Date } | undefined> {
  const r = await q.selectFrom('certificate_online_delivery').select(['municipality_code', 'certificate_number', 'expires_at'])
    .where('token_sha256', '=', tokenSha256).where('downloaded_at', 'is', null).where('expires_at', '>', new Date()).executeTakeFirst();
  return r && { municipalityCode: r.municipality_code, certificateNumber: r.certificate_number, expiresAt: r.expires_at! };
}

/** Uses the link up; false when another download took it first or it expired meanwhile. */
export async function consumeLink(q: Q, tokenSha256: string): Promise<boolean> {
  const r = await q.updateTable('certificate_online_delivery').set({ downloaded_at: new Date() })
    .where('token_sha256', '=', tokenSha256).where('downloaded_at', 'is', null).where('expires_at', '>', new Date()).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Which applications already have their certificate (of those asked about). */
export async function applicationsWithCertificate(q: Q, municipalityCode: string, applicationIds: readonly string[]): Promise<Set<string>> {
  if (applicationIds.length === 0) return new Set();
  const rows = await q.selectFrom('certificate_online_delivery').select('application_id')
    .where('municipality_code', '=', municipalityCode).where('application_id', 'in', applicationIds).execute();
  return new Set(rows.map((r) => r.application_id));
}
