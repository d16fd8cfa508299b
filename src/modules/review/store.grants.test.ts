import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../test/support/db.ts';
import type { Tx } from '../../platform/db/index.ts';
import { looseKana, normalizePostalCode, strictKana } from './domain/index.ts';
import { buildResidentRow } from './domain/verdict.cases.ts';
import { city, type ReviewWorld, reviewWorld } from './extract.builders.ts';
import { findCandidates } from './store.ts';

// Roles exist only on PostgreSQL; this runs migration 0009's production grants against roles made for the test.
describe('the review role on postgres: single record in, verdict out, enforced by grants', () => {
  const skip = backends.includes('postgres') ? undefined : 'roles need PostgreSQL (DATABASE_URL)';
  const suffix = randomBytes(4).toString('hex');
  const reviewRole = `t_review_${suffix}`;
  const otherRole = `t_other_${suffix}`;
  let w: ReviewWorld;

  before(async () => {
    if (skip) return;
    w = await reviewWorld('postgres');
    await w.importRows([buildResidentRow()]);
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(w.db.kysely);
    await w.db.script(`create role ${reviewRole} nologin; create role ${otherRole} nologin;
      grant usage on schema ${rows[0]!.s} to ${reviewRole}, ${otherRole};
      revoke all on review_extract, review_reading from public, ${reviewRole};
      grant execute on function review_candidates(text, text, text, text, integer) to ${reviewRole}`);
  });
  after(async () => {
    if (skip) return;
    await w.db.script(`drop owned by ${reviewRole}, ${otherRole}; drop role ${reviewRole}; drop role ${otherRole}`).catch(() => undefined);
    await w.close();
  });

  const as = <T>(role: string, fn: (tx: Tx) => Promise<T>) => w.db.transaction(async (tx) => {
    await sql`select set_config('role', ${role}, true)`.execute(tx);
    return fn(tx);
  });

  // The applicant buildResidentRow() describes, keyed as matchApplicant keys it.
  const query = () => {
    const strict = strictKana('やまだ きょうこ');
    const keys = w.indexer.readingKeys(strict, looseKana(strict), '1980-04-01');
    return { strictKey: keys.strict, looseKey: keys.loose, postalKey: w.indexer.postalKey(normalizePostalCode('650-0001')!), taxYear: 2024 };
  };

  it('is denied SELECT on every review table', { skip }, async () => {
    const { rows } = await sql<{ t: string }>`select relname as t from pg_class
      where relnamespace = current_schema()::regnamespace and relkind = 'r' and relname like 'review\\_%' order by relname`.execute(w.db.kysely);
    const tables = rows.map((r) => r.t);
    assert.ok(tables.includes('review_reading') && tables.includes('review_extract'), tables.join(', '));
    for (const table of tables) {
      await assert.rejects(as(reviewRole, (tx) => sql`select * from ${sql.table(table)} limit 1`.execute(tx)), /permission denied/, table);
    }
  });

  it('calls review_candidates and gets the one resident, with yes/no answers only', { skip }, async () => {
    const rows = await as(reviewRole, (tx) => findCandidates(tx, city, query()));
    assert.deepEqual(rows, [{ candidate: 1, name_kind: 'name', strict_equal: true, postal_code_equal: true, tax_record_exists: true }]);
  });

  it('leaves a role without the grant unable to call the function (EXECUTE is revoked from PUBLIC)', { skip }, async () => {
    await assert.rejects(as(otherRole, (tx) => findCandidates(tx, city, query())), /permission denied for function review_candidates/);
  });
});
