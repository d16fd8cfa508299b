// Tax records as a retention source, on both backends: a fiscal year's record is due 5 years after the year ends (as
// 1 April), only its municipality's; disposal deletes those records, the person's registry facts once no record of
// theirs is left, and finds nothing the second time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addMunicipality, city, otherCity } from '../../../../test/support/audit.ts';
import { backends, freshDb } from '../../../../test/support/db.ts';
import type { Db } from '../../../platform/db/index.ts';
import { taxYearRetention as source } from './retention.ts';

/** A person with tax records of these fiscal years. */
async function addPerson(db: Db, mc: string, residentNumber: string, fiscalYears: readonly number[]): Promise<void> {
  await sql`insert into certificate_resident (municipality_code, resident_number, addressee_number, name, name_kana, name_kana_key, birth_date, sex,
      postal_code, address, status, resident_since, support_measure, gaiji, source_fiscal_year)
    values (${mc}, ${residentNumber}, ${residentNumber}, '見本 太郎', 'ミホン タロウ', 'ミホンタロウ', '1980-04-01', '男', '650-0001', '見本市中央1-1', '住民',
      '1980-04-01', false, false, ${Math.max(...fiscalYears)})`.execute(db.kysely);
  for (const fiscalYear of fiscalYears) {
    await sql`insert into certificate_tax_record (municipality_code, resident_number, fiscal_year, jan1_address, filing, tax_status, figures, amounts)
      values (${mc}, ${residentNumber}, ${fiscalYear}, '見本市中央1-1', '給与支払報告', '課税', '{}'::jsonb, '{}'::jsonb)`.execute(db.kysely);
  }
}

const count = async (db: Db, table: string, residentNumber: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where municipality_code = ${city} and resident_number = ${residentNumber}`.execute(db.kysely)).rows[0]!.n;

for (const backend of backends) {
  describe(`tax records as a retention source on ${backend}`, () => {
    let db: Db;
    before(async () => {
      db = await freshDb(backend);
      await addMunicipality(db, city);
      await addMunicipality(db, otherCity);
      await addPerson(db, city, '101', [2019, 2020]);
      await addPerson(db, city, '102', [2020, 2025]);
      await addPerson(db, otherCity, '101', [2019]);
    });
    after(() => db?.close());

    const due = (asOf: string) => db.transaction((tx) => source.findDue(tx, city, asOf, 10));
    const dispose = (keys: string[]) => db.transaction((tx) => source.dispose(tx, city, keys));

    it('finds a fiscal year\'s records on 1 April five years after the year ended, oldest year first', async () => {
      assert.deepEqual(await due('2025-03-31'), []);
      assert.deepEqual(await due('2025-04-01'), [{ key: '2019:101', personKey: '101', description: '課税情報 2019年度', dueOn: '2025-04-01' }]);
      assert.deepEqual((await due('2026-04-01')).map((d) => [d.key, d.dueOn]), [['2019:101', '2025-04-01'], ['2020:101', '2026-04-01'], ['2020:102', '2026-04-01']]);
      assert.deepEqual((await due('2031-03-31')).length, 3);
    });

    it('deletes the records it is given, the person\'s facts with their last record, and nothing the second time', async () => {
      assert.deepEqual((await dispose(['2019:101', '2020:102', '2018:101', 'not-a-key'])).sort(), ['2019:101', '2020:102']);
      assert.deepEqual([await count(db, 'certificate_tax_record', '101'), await count(db, 'certificate_resident', '101')], [1, 1]);
      assert.deepEqual([await count(db, 'certificate_tax_record', '102'), await count(db, 'certificate_resident', '102')], [1, 1]);
      assert.deepEqual(await dispose(['2020:101']), ['2020:101']);
      assert.deepEqual([await count(db, 'certificate_tax_record', '101'), await count(db, 'certificate_resident', '101')], [0, 0]);
      assert.deepEqual(await dispose(['2019:101', '2020:101']), []);
      const other = await sql<{ n: number }>`select count(*)::int as n from certificate_tax_record where municipality_code = ${otherCity}`.execute(db.kysely);
      assert.equal(other.rows[0]!.n, 1, 'another municipality\'s records stay');
    });
  });
}
