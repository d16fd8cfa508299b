import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRecordNumber, readTaxYearLine, type ResidentLine, ResidentLineReader, scanTaxYearLine, type TaxYearOut, taxYearWindow } from './extract-rows.ts';
import { ResidentNumbers, TaxYears } from './import-state.ts';

const today = '2025-06-01';
const window = taxYearWindow(today);
const codes = (r: unknown) => (Array.isArray(r) ? r.map((i: { column?: string; code: string }) => `${i.column}:${i.code}`) : r);

describe('residents rows', () => {
  const reader = new ResidentLineReader(today);
  const read = (values: string[]) => codes(reader.read(values));

  it('reads a row in any of the spellings the core systems write, into one form', () => {
    const forms = [
      ['1000000015', 'ヤマダ　キョウコ', '1980-04-01', '650-0001', '', ''],
      ['１０００００００１５', 'やまだ きょうこ', '19800401', '6500001', ' ', ''],
      [' 1000000015 ', 'ﾔﾏﾀﾞｷｮｳｺ', '１９８０－０４－０１', '〒650-0001', '', ''],
    ];
    for (const values of forms) {
      assert.deepEqual(read(values), {
        number: 1000000015,
        readings: [{ kind: 'name', strict: 'ヤマダキョウコ', loose: 'ヤマダキヨウコ' }],
        birthDate: '1980-04-01',
        postalCode: '6500001',
      }, values.join(','));
    }
  });

  it('keeps 通称名カナ and AL氏名カナ as readings of their own, the loose form made from the strict one', () => {
    const row = reader.read(['7', 'キム ミンジュン', '1990-01-31', '650-0001', 'かねだ みのる', 'ヴ ァン']);
    assert.deepEqual((row as ResidentLine).readings, [
      { kind: 'name', strict: 'キムミンジュン', loose: 'キムミンジユン' },
      { kind: 'alias_name', strict: 'カネダミノル', loose: 'カネダミノル' },
      { kind: 'alphabet_name', strict: 'ヴァン', loose: 'バン' },
    ]);
  });

  it('names every bad field of a row, never its value', () => {
    assert.deepEqual(read(['12a', '山田', '1980-02-30', '650-001', 'Kaneda', '・']), [
      '住記個人番号:record_number_invalid',
      '氏名カナ:name_kana_invalid',
      '通称名カナ:name_kana_invalid',
      'AL氏名カナ:name_kana_invalid',
      '生年月日:birth_date_invalid',
      '郵便番号:postal_code_invalid',
    ]);
    assert.deepEqual(read(['1', ' ', '1872-12-31', '650-0001', '', '']), ['氏名カナ:name_kana_required', '生年月日:birth_date_invalid']);
    assert.deepEqual(read(['1', 'ア', '2025-06-02', '650-0001', '', '']), ['生年月日:birth_date_invalid']);
    assert.deepEqual(read(['1234567890123456', 'ア', '2025-06-01', '650-0001', '', '']), ['住記個人番号:record_number_invalid']);
  });

  it('reads 住記個人番号 as numbers of up to 15 digits', () => {
    assert.equal(parseRecordNumber('999999999999999'), 999999999999999);
    assert.equal(parseRecordNumber('0012'), 12);
    assert.equal(parseRecordNumber(''), undefined);
    assert.equal(parseRecordNumber('1e5'), undefined);
  });
});

describe('tax-years rows', () => {
  it('scans the usual line in place exactly as readTaxYearLine reads it, and leaves every other line to it', () => {
    const lines = [
      '1000000015,5799961760,2025', '1,2,1997', '999999999999999,999999999999999,2026', // scanned
      '1000000015,5799961760,1996', '1000000015,5799961760,2027', '1000000015,,2025', ',5799961760,2025', // refused
      '1234567890123456,1,2025', '1,1234567890123456,2025', '1,2,20255', '1,2,２０２５', ' 1,2,2025', '1,2,2025,', 'a,2,2025',
    ];
    const out: TaxYearOut = { number: 0, year: 0 };
    for (const line of lines) {
      const values = line.split(',');
      const read = values.length === 3 ? readTaxYearLine(values, window) : undefined;
      if (scanTaxYearLine(line, window, out)) assert.deepEqual({ ...out }, read, line);
      else assert.ok(read === undefined || Array.isArray(read) || /[^\d,]/.test(line), line);
    }
    assert.deepEqual(lines.map((l) => scanTaxYearLine(l, window, out)), [true, true, true, ...Array<boolean>(11).fill(false)]);
  });

  it('allows thirty 課税年度, from 28 years before the current one to the next', () => {
    assert.deepEqual(window, { first: 1997, last: 2026 });
    assert.deepEqual(codes(readTaxYearLine(['1', '2', '1996'], window)), ['課税年度:tax_year_invalid']);
    assert.deepEqual(readTaxYearLine(['１', '２', '２０２５'], window), { number: 1, year: 2025 });
  });
});

describe('the import keeps its bookkeeping out of the heap', () => {
  it('keeps each number’s years and knows which numbers no resident claimed, across the table growing', () => {
    const years = new TaxYears(window);
    const numbers = Array.from({ length: 200_000 }, (_, i) => 1_000_000_000 + i * 7919);
    for (const n of numbers) assert.equal(years.add(n, 2024 + (n % 3)), true);
    assert.equal(years.add(numbers[5]!, 2024 + (numbers[5]! % 3)), false, 'the same year twice is a duplicate');
    assert.equal(years.add(numbers[5]!, 1997), true);
    for (const n of numbers.slice(1)) years.claim(n);
    assert.equal(years.hasUnclaimed(), true);
    assert.equal(years.isUnclaimed(numbers[0]!), true);
    assert.equal(years.isUnclaimed(numbers[1]!), false);
    assert.equal(years.isUnclaimed(42), false, 'a number not in the tax file is not unclaimed');
    assert.equal(years.claim(numbers[5]!), `{1997,${2024 + (numbers[5]! % 3)}}`);
    assert.equal(years.claim(42), '{}');
    years.claim(numbers[0]!);
    assert.equal(years.hasUnclaimed(), false);
    assert.equal(years.rows, 200_001);
  });

  it('finds every repeated 住記個人番号 with the line it first appeared on', () => {
    const seen = new ResidentNumbers();
    for (let i = 0; i < 100_000; i++) seen.push(i, i + 2);
    seen.push(5, 200_000);
    seen.push(99_999, 200_001);
    seen.push(5, 200_002);
    assert.deepEqual(seen.duplicates(), [
      { line: 200_000, firstLine: 7 },
      { line: 200_001, firstLine: 100_001 },
      { line: 200_002, firstLine: 7 },
    ]);
  });
});
