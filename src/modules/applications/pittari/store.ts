// The SQL of imported bundles: remembered by their hash and the portal's 申請番号s, so nothing is imported twice.
import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/index.ts';

type Q = Db['kysely'] | Tx;

/** True when a bundle with these bytes was imported before. */
export async function bundleImported(q: Q, municipalityCode: string, bundleSha256: string): Promise<boolean> {
  const r = await q.selectFrom('application_pittari_bundle').select('bundle_sha256')
    .where('municipality_code', '=', municipalityCode).where('bundle_sha256', '=', bundleSha256).executeTakeFirst();
  return r !== undefined;
}

/** Those of the portal's 申請番号s that an earlier bundle already carried. */
export async function numbersImported(q: Q, municipalityCode: string, numbers: string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const { rows } = await sql<{ n: string }>`select distinct n from application_pittari_bundle, unnest(pittari_numbers) as n
    where municipality_code = ${municipalityCode} and pittari_numbers && ${numbers}::text[] and n = any(${numbers}::text[]) order by n`.execute(q);
  return rows.map((r) => r.n);
}

/** Remembers an imported bundle. */
export async function recordBundle(tx: Tx, b: { municipalityCode: string; bundleSha256: string; importedBy: string; numbers: string[]; at: Date }): Promise<void> {
  await tx.insertInto('application_pittari_bundle').values({
    municipality_code: b.municipalityCode, bundle_sha256: b.bundleSha256, imported_at: b.at, imported_by: b.importedBy,
    application_count: b.numbers.length, pittari_numbers: b.numbers,
  }).execute();
}
