import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { importTaxRecords } from './import.ts';
import { importSerials, normalizeSerial } from './serials.ts';
import { residentBySerial } from './store.ts';
import { city, type CsvRow, generatedTaxRows, taxCsv, type TaxWorld, taxWorld } from './tax.builders.ts';

describe('normalizeSerial', () => {
  for (const [raw, expected] of [
    ['0a1B2c', '0A1B2C'],
    [' 00FF ', '00FF'],
    ['A'.repeat(40), 'A'.repeat(40)],
    ['A'.repeat(41), undefined],
    ['', undefined],
    ['12-34', undefined],
    ['ＡＢ12', undefined], // full-width letters are not ASCII
  ] as const) {
    it(`${JSON.stringify(raw)} → ${String(expected)}`, () => assert.equal(normalizeSerial(raw), expected));
  }
});

for (const backend of backends) {
  describe(`importSerials on ${backend}`, () => {
    let w: TaxWorld;
    let rows: CsvRow[];
    let n = 0;
    before(async () => {
      [w, rows] = await Promise.all([taxWorld(backend), generatedTaxRows()]);
      await importTaxRecords({ db: w.db, municipalityCode: city, source: w.file('tax.csv', taxCsv(rows)), actor: { userId: 'cli' } });
    });
    after(() => w.close());

    const importText = (text: string) => importSerials({ db: w.db, municipalityCode: city, source: w.file(`serials-${++n}.csv`, text), actor: { userId: 'cli' } });
    const mapped = async () => (await sql<{ s: string }>`select serial_number || '>' || resident_number as s from certificate_serial order by 1`.execute(w.db.kysely)).rows.map((r) => r.s);

    it('maps serial numbers to people, case-insensitively, and accepts a person the tax side does not know', async () => {
      const person = rows[0]!['住記個人番号']!;
      const result = await importText(`住記個人番号,シリアル番号\r\n${person},00ab12cd\r\n${person},00AB12CE\r\n9999999999,FFFF\r\n`);
      assert.equal(result.rows, 3);
      assert.deepEqual(await mapped(), [`00AB12CD>${person}`, `00AB12CE>${person}`, 'FFFF>9999999999']);
      assert.equal(await residentBySerial(w.db.kysely, city, '00AB12cd'), person);
      assert.equal(await residentBySerial(w.db.kysely, city, 'ffff'), '9999999999');
      assert.equal(await residentBySerial(w.db.kysely, city, '1234'), undefined);
      assert.equal(await residentBySerial(w.db.kysely, city, 'not a serial!'), undefined);
      assert.equal(await residentBySerial(w.db.kysely, '131041', '00AB12CD'), undefined);
    });

    it('replaces the whole mapping: a serial not in the new file maps to nobody', async () => {
      const person = rows[1]!['住記個人番号']!;
      await importText(`住記個人番号,シリアル番号\r\n${person},ABC\r\n`);
      assert.deepEqual(await mapped(), [`ABC>${person}`]);
      assert.equal(await residentBySerial(w.db.kysely, city, 'FFFF'), undefined);
    });

    it('rejects bad serial numbers, bad numbers and a serial given twice (any case), listing lines, and keeps the mapping', async () => {
      const before = await mapped();
      const text = ['住記個人番号,シリアル番号', '1,A1', '2,', '3,' + 'B'.repeat(41), 'x4,C', '5,a1', '6,D-1'].join('\r\n');
      try {
        await importText(text);
        assert.fail('accepted');
      } catch (e) {
        assert.ok(e instanceof AppError && e.code === 'import_rejected');
        const got = (e.details.errors as { line: number; column: string; code: string }[]).map((p) => `${p.line}:${p.column}:${p.code}`);
        assert.deepEqual(got, ['3:シリアル番号:value_required', '4:シリアル番号:serial_invalid', '5:住記個人番号:number_invalid', '6:シリアル番号:duplicate_key', '7:シリアル番号:serial_invalid']);
      }
      assert.deepEqual(await mapped(), before);
      const audits = (await sql<{ c: string }>`select outcome as c from audit_event where operation_code = 'certificates.serials.import' order by seq`.execute(w.db.kysely)).rows.map((r) => r.c);
      assert.deepEqual(audits, ['success', 'success', 'failure']);
    });
  });
}
