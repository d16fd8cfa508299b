import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { importTaxRecords } from './import.ts';
import { findResidents, findTaxRecord, taxYears } from './store.ts';
import { city, type CsvRow, generatedTaxRows, taxCsv, type TaxWorld, taxWorld } from './tax.builders.ts';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'import_rejected', `expected import_rejected, got ${String(e)}`);
    return e;
  }
  assert.fail('the file was accepted');
}

interface Listed {
  line: number;
  column?: string;
  code: string;
  ja: string;
  en: string;
}
const listed = (e: AppError) => (e.details.errors as Listed[]).map((p) => `${p.line}:${p.column ?? ''}:${p.code}`);

const yen = (r: CsvRow, column: string) => Number(r[column]);

for (const backend of backends) {
  describe(`importTaxRecords on ${backend}`, () => {
    let w: TaxWorld;
    let rows: CsvRow[];
    let n = 0;
    before(async () => {
      [w, rows] = await Promise.all([taxWorld(backend), generatedTaxRows()]);
    });
    after(() => w.close());

    const importText = (text: string | Buffer, encoding?: 'utf8' | 'sjis') =>
      importTaxRecords({ db: w.db, municipalityCode: city, source: w.file(`tax-${++n}.csv`, text), actor: { userId: 'cli' }, ...(encoding ? { encoding } : {}) });
    const recordCount = async () => Number((await sql<{ n: string }>`select count(*) as n from certificate_tax_record`.execute(w.db.kysely)).rows[0]!.n);
    const auditCodes = async () =>
      (await sql<{ c: string }>`select operation_code || ':' || outcome as c from audit_event where operation_code like 'certificates.%' order by seq`.execute(w.db.kysely)).rows.map((r) => r.c);

    it("imports the generator's file: rows per year, every figure as written, people searchable", async () => {
      const result = await importText(taxCsv(rows));
      const perYear = (y: string) => rows.filter((r) => r['課税年度'] === y).length;
      assert.deepEqual(result.years, [2024, 2025, 2026].map((y) => ({ fiscalYear: y, rows: perYear(String(y)) })));
      assert.equal(result.rows, rows.length);
      assert.equal(result.encoding, 'utf8');
      assert.equal(result.residents, new Set(rows.map((r) => r['住記個人番号'])).size);
      assert.equal(await recordCount(), rows.length);

      const taxed = rows.find((r) => r['課税区分'] === '課税' && yen(r, '扶養控除') > 0) ?? rows.find((r) => r['課税区分'] === '課税')!;
      const found = await findTaxRecord(w.db.kysely, city, taxed['住記個人番号']!, Number(taxed['課税年度']));
      assert.ok(found);
      assert.equal(found.record.jan1Address, taxed['1月1日住所']);
      assert.equal(found.record.filing, taxed['申告区分']);
      assert.equal(found.record.figures?.salaryRevenue, yen(taxed, '給与収入'));
      assert.equal(found.record.figures?.deductions.dependants, yen(taxed, '扶養控除'));
      assert.equal(found.record.figures?.deductions.total, yen(taxed, '所得控除合計'));
      assert.equal(found.record.amounts.taxableBase, yen(taxed, '課税標準額'));
      assert.equal(found.record.amounts.annualTotal, yen(taxed, '年税額'));
      assert.deepEqual(found.facts, { status: '住民', statusDate: null, residentSince: taxed['住民となった日'], supportMeasure: false, gaiji: false });

      const dependant = rows.find((r) => r['申告区分'] === '被扶養者')!;
      const dep = await findTaxRecord(w.db.kysely, city, dependant['住記個人番号']!, Number(dependant['課税年度']));
      assert.equal(dep?.record.figures, null);
      assert.equal(dep?.record.taxStatus, '非課税');
      assert.equal(await findTaxRecord(w.db.kysely, city, taxed['住記個人番号']!, 2019), undefined);

      const years = rows.filter((r) => r['住記個人番号'] === taxed['住記個人番号']).map((r) => Number(r['課税年度'])).sort().reverse();
      assert.deepEqual(await taxYears(w.db.kysely, city, taxed['住記個人番号']!), years);
    });

    it('finds people by 住記個人番号, by 宛名番号 and by kana in any width or script with the birth date', async () => {
      const person = rows.at(-1)!;
      const number = person['住記個人番号']!;
      const byNumber = await findResidents(w.db.kysely, city, { residentNumber: number });
      assert.deepEqual(byNumber.map((p) => p.residentNumber), [number]);
      assert.equal(byNumber[0]!.name, person['氏名']);
      assert.deepEqual((await findResidents(w.db.kysely, city, { addresseeNumber: person['宛名番号']! })).map((p) => p.residentNumber), [number]);
      const hiragana = person['氏名カナ']!.replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)).replaceAll('\u3000', '');
      const byKana = await findResidents(w.db.kysely, city, { nameKana: hiragana, birthDate: person['生年月日']! });
      assert.ok(byKana.some((p) => p.residentNumber === number));
      assert.deepEqual(await findResidents(w.db.kysely, city, { nameKana: person['氏名カナ']!, birthDate: '1900-01-01' }), []);
      assert.deepEqual(await findResidents(w.db.kysely, '131041', { residentNumber: number }), []);
    });

    it('rejects a file with bad lines, listing each line and column without the values, and changes nothing', async () => {
      const before = await recordCount();
      const bad = rows.slice(0, 8).map((r) => ({ ...r }));
      bad[1]!['給与収入'] = '1,234'; //                       line 3
      const taxed = bad.findIndex((r) => r['課税区分'] === '課税');
      bad[taxed]!['課税標準額'] = String(yen(bad[taxed]!, '課税標準額') + 1000); // line taxed + 2
      bad[4]!['生年月日'] = '1980-02-30'; //                   line 6
      bad[5]!['申告区分'] = '申告済'; //                        line 7
      bad[7] = { ...bad[0]! }; //                             line 9: the same person and year as line 2
      const e = await rejection(importText(taxCsv(bad)));
      assert.deepEqual(listed(e), [
        '3:給与収入:yen_invalid',
        ...(taxed + 2 === 3 ? [] : [`${taxed + 2}:課税標準額:taxable_base_mismatch`]),
        '6:生年月日:date_invalid',
        '7:申告区分:choice_invalid',
        '9:住記個人番号, 課税年度:duplicate_key',
      ].sort((a, b) => parseInt(a) - parseInt(b)));
      const text = JSON.stringify(e.details);
      for (const value of [bad[0]!['氏名'], bad[0]!['住所'], '1980-02-30', bad[0]!['住記個人番号']]) assert.ok(!text.includes(value!), 'no personal value in the rejection');
      assert.equal(await recordCount(), before);
      assert.ok((await auditCodes()).includes('certificates.tax.import:failure'));
    });

    it('checks the sums the format guarantees: 総所得金額, 所得控除合計 and 年税額, and zero tax without figures', async () => {
      const taxed = rows.filter((r) => r['課税区分'] === '課税').slice(0, 3).map((r) => ({ ...r }));
      taxed[0]!['総所得金額'] = String(yen(taxed[0]!, '総所得金額') + 1);
      taxed[0]!['合計所得金額'] = taxed[0]!['総所得金額']!;
      taxed[1]!['基礎控除'] = String(yen(taxed[1]!, '基礎控除') + 1);
      taxed[2]!['年税額'] = String(yen(taxed[2]!, '年税額') + 100);
      const unfiled = { ...rows.find((r) => r['申告区分'] === '未申告')!, 年税額: '5000' };
      const dependant = { ...rows.find((r) => r['申告区分'] === '被扶養者')!, 給与収入: '100000' };
      const e = await rejection(importText(taxCsv([...taxed, unfiled, dependant])));
      assert.deepEqual(listed(e), ['2:総所得金額:total_income_mismatch', '3:所得控除合計:deduction_total_mismatch', '4:年税額:annual_total_mismatch', '5:年税額:amount_not_zero', '6:給与収入:figures_not_empty']);
    });

    it('rejects a 宛名番号 given to two people, pointing at the first line', async () => {
      const [a, b] = [rows[0]!, rows.find((r) => r['住記個人番号'] !== rows[0]!['住記個人番号'])!];
      const e = await rejection(importText(taxCsv([a, { ...b, 宛名番号: a['宛名番号']! }])));
      assert.deepEqual(listed(e), ['3:宛名番号:addressee_conflict']);
    });

    it('reads a Shift_JIS (CP932) file, detected', async () => {
      const some = rows.filter((r) => r['課税年度'] === '2025');
      const result = await importText(iconv.encode(taxCsv(some), 'cp932'));
      assert.equal(result.encoding, 'sjis');
      const found = await findTaxRecord(w.db.kysely, city, some[0]!['住記個人番号']!, 2025);
      assert.equal(found?.record.name, some[0]!['氏名']);
      assert.equal(found?.record.jan1Address, some[0]!['1月1日住所']);
    });

    it("replaces only the file's years; facts come from the newest year and an older-year file does not overwrite them", async () => {
      await importText(taxCsv(rows));
      const person = rows.find((r) => r['課税年度'] === '2026')!;
      const number = person['住記個人番号']!;
      const only2026 = [{ ...person, 住所: '大阪府見本市本町一丁目1番1号', 住民状態: '転出', 異動日: '2026-05-31' }];
      const result = await importText(taxCsv(only2026));
      assert.deepEqual(result.years, [{ fiscalYear: 2026, rows: 1 }]);
      const count = async (y: number) => Number((await sql<{ n: string }>`select count(*) as n from certificate_tax_record where fiscal_year = ${y}`.execute(w.db.kysely)).rows[0]!.n);
      assert.equal(await count(2026), 1);
      assert.equal(await count(2025), rows.filter((r) => r['課税年度'] === '2025').length);
      const [moved] = await findResidents(w.db.kysely, city, { residentNumber: number });
      assert.equal(moved?.address, '大阪府見本市本町一丁目1番1号');
      assert.deepEqual([moved?.facts.status, moved?.facts.statusDate], ['転出', '2026-05-31']);

      const old = rows.find((r) => r['住記個人番号'] === number && r['課税年度'] === '2024');
      if (old) {
        await importText(taxCsv([old]));
        const [still] = await findResidents(w.db.kysely, city, { residentNumber: number });
        assert.equal(still?.facts.status, '転出', 'the 2024 row does not overwrite facts from 2026');
      }
      assert.ok((await auditCodes()).includes('certificates.tax.import:success'));
    });
  });
}
