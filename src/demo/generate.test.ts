import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { demoCity } from './demo-city.ts';
import { fileNames, generateDemoData, type GenerateOptions } from './generate.ts';
import { linkageHeader, residentsHeader, reviewResidentsHeader } from './file-residents.ts';
import { reviewTaxYearsHeader, taxRecordsHeader } from './file-tax.ts';
import { taxpayersHeader } from './file-taxpayers.ts';
import { employmentIncome, pensionIncome } from './income.ts';
import { isValidMyNumber } from './my-number.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-demo-test-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(name: string, options: Partial<GenerateOptions> = {}): Promise<string> {
  const outDir = path.join(tmp, name);
  await generateDemoData({ residents: 3_000, seed: 7, outDir, municipality: demoCity, workers: 0, ...options });
  return outDir;
}

const read = (dir: string, file: string): Buffer => fs.readFileSync(path.join(dir, file));
const rows = (dir: string, file: string): Array<Record<string, string>> => parse<Record<string, string>>(read(dir, file), { columns: true });

describe('determinism', () => {
  it('writes byte-identical files for the same seed and size', async () => {
    const [a, b] = [await run('same-a'), await run('same-b')];
    for (const file of Object.values(fileNames)) assert.ok(read(a, file).equals(read(b, file)), file);
  });

  it('writes different residents for a different seed', async () => {
    const [a, b] = [await run('seed-7'), await run('seed-8', { seed: 8 })];
    assert.ok(!read(a, 'residents.csv').equals(read(b, 'residents.csv')));
  });

  it('writes the same bytes whether chunks are made by worker threads or in this thread, reporting progress per chunk', async () => {
    const progress: Array<[number, number]> = [];
    const inline = await run('inline', { residents: 25_000, workers: 0 });
    const threaded = await run('threaded', { residents: 25_000, workers: 2, onProgress: (done, total) => progress.push([done, total]) });
    for (const file of Object.values(fileNames)) assert.ok(read(inline, file).equals(read(threaded, file)), file);
    assert.deepEqual(progress, [[10_000, 25_000], [20_000, 25_000], [25_000, 25_000]]);
  });

  it('rejects a size of zero and a base year before the tables', async () => {
    await assert.rejects(run('zero', { residents: 0 }), RangeError);
    await assert.rejects(run('old', { baseFiscalYear: 2020 }), RangeError);
  });
});

describe('a 10,000-resident sample', () => {
  let dir = '';
  let residents: Array<Record<string, string>> = [];
  before(async () => {
    dir = await run('sample', { residents: 10_000, seed: 1 });
    residents = rows(dir, 'residents.csv');
  });

  it('has the documented header in every file and as many fields in every row', () => {
    const headers: Record<string, readonly string[]> = {
      'residents.csv': residentsHeader,
      'review-residents.csv': reviewResidentsHeader,
      'review-tax-years.csv': reviewTaxYearsHeader,
      'tax-records.csv': taxRecordsHeader,
      'taxpayers.csv': taxpayersHeader,
      'linkage.csv': linkageHeader,
    };
    for (const [file, header] of Object.entries(headers)) {
      const records = parse(read(dir, file));
      assert.deepEqual(records[0], [...header], file);
      for (const record of records) assert.equal(record.length, header.length, `${file}: ${record.join(',')}`);
    }
    assert.equal(residents.length, 10_000);
  });

  it('writes review-residents exactly as issue 4 reads it: dates, postal codes, kana only', () => {
    const kana = /^[ァ-ヶー\u3000]+$/;
    for (const row of rows(dir, 'review-residents.csv')) {
      assert.match(row['住記個人番号']!, /^\d{10}$/);
      assert.match(row['生年月日']!, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(!Number.isNaN(Date.parse(row['生年月日']!)), row['生年月日']);
      assert.match(row['郵便番号']!, /^\d{3}-\d{4}$/);
      assert.match(row['氏名カナ']!, kana);
      for (const optional of [row['通称名カナ']!, row['AL氏名カナ']!]) if (optional) assert.match(optional, kana);
    }
  });

  it('lists tax years only for residents in the review extract, once per year', () => {
    const known = new Set(rows(dir, 'review-residents.csv').map((r) => r['住記個人番号']));
    const seen = new Set<string>();
    for (const row of rows(dir, 'review-tax-years.csv')) {
      assert.ok(known.has(row['住記個人番号']), row['住記個人番号']);
      const key = `${row['住記個人番号']}/${row['課税年度']}`;
      assert.ok(!seen.has(key), key);
      seen.add(key);
    }
  });

  it('has the name variety a matcher must respect', () => {
    const kanaOf = (r: Record<string, string>): string => `${r['氏名カナ']}|${r['通称名カナ']}|${r['AL氏名カナ']}`;
    const count = (test: (r: Record<string, string>) => boolean): number => residents.filter(test).length;
    assert.ok(count((r) => /[ァィゥェォッャュョ]/.test(r['氏名カナ']!)) > 500, 'small kana');
    assert.ok(count((r) => /キョウコ/.test(r['氏名カナ']!)) > 0 && count((r) => /キヨコ/.test(r['氏名カナ']!)) > 0, 'キョウコ and キヨコ');
    assert.ok(count((r) => /(ユウ|ヨウ)/.test(r['氏名カナ']!)) > 100, 'long vowels written ウ');
    assert.ok(count((r) => r['氏名カナ']!.includes('ー')) > 20, 'long vowels written ー');
    assert.ok(count((r) => kanaOf(r).includes('ヴ')) > 10, 'ヴ');
    assert.ok(count((r) => /^[A-Z]+( [A-Z]+)*$/.test(r['氏名英字']!)) > 100, 'alphabet names');
    assert.ok(count((r) => r['通称名']!.length > 0) > 10, '通称名');
    assert.ok(count((r) => r['AL氏名カナ']!.length > 0) > 50, 'AL氏名カナ');
    assert.ok(count((r) => r['外字'] === '1') > 0, '外字');
    assert.ok(count((r) => r['方書']!.length > 0) > 2_000, 'flats');
  });

  it('gives every resident a valid synthetic 個人番号 and unique numbers', () => {
    for (const key of ['住記個人番号', '宛名番号', '統合宛名番号', '個人番号']) {
      assert.equal(new Set(residents.map((r) => r[key])).size, residents.length, key);
    }
    for (const r of residents) {
      assert.ok(isValidMyNumber(r['個人番号']!), r['個人番号']);
      assert.ok(r['個人番号']!.startsWith('99'));
      assert.match(r['郵便番号']!, /^599-99\d{2}$/);
      assert.ok(r['住所']!.startsWith('大阪府見本市'));
    }
  });

  it('keeps every tax record internally consistent: 所得 = 収入 − 控除, 課税標準額 and 所得割 by the documented rounding', () => {
    const n = (r: Record<string, string>, key: string): number => Number(r[key]);
    let checked = 0;
    for (const r of rows(dir, 'tax-records.csv')) {
      if (r['申告区分'] === '被扶養者' || r['申告区分'] === '未申告') {
        assert.equal(r['給与収入'], '');
        assert.equal(n(r, '年税額'), 0);
        continue;
      }
      checked++;
      const incomeYear = n(r, '課税年度') - 1;
      const age = incomeYear - Number(r['生年月日']!.slice(0, 4));
      assert.equal(n(r, '給与所得') + n(r, '所得金額調整控除額'), employmentIncome(n(r, '給与収入'), incomeYear));
      const other = n(r, '給与所得') + n(r, '所得金額調整控除額') + n(r, '営業等所得') + n(r, '不動産所得') + n(r, '配当所得');
      assert.equal(n(r, '公的年金等所得'), pensionIncome(n(r, '公的年金等収入'), age >= 65, other));
      const total = n(r, '給与所得') + n(r, '公的年金等所得') + n(r, '営業等所得') + n(r, '不動産所得') + n(r, '配当所得');
      assert.equal(n(r, '総所得金額'), total);
      const deductionKeys = ['社会保険料控除', '小規模企業共済等掛金控除', '生命保険料控除', '地震保険料控除', '医療費控除', '配偶者控除', '配偶者特別控除', '扶養控除', '障害者控除', '寡婦控除', 'ひとり親控除', '勤労学生控除', '基礎控除'];
      assert.equal(deductionKeys.reduce((sum, key) => sum + n(r, key), 0), n(r, '所得控除合計'));
      const base = Math.max(0, Math.floor((total - n(r, '所得控除合計')) / 1_000) * 1_000);
      assert.equal(n(r, '課税標準額'), base);
      if (r['課税区分'] === '課税') {
        assert.equal(n(r, '市町村民税所得割額'), Math.floor(((base * 6) / 100 - n(r, '市町村民税調整控除額')) / 100) * 100);
        assert.equal(n(r, '道府県民税所得割額'), Math.floor(((base * 4) / 100 - n(r, '道府県民税調整控除額')) / 100) * 100);
      } else {
        assert.equal(n(r, '市町村民税所得割額') + n(r, '道府県民税所得割額'), 0);
      }
      const perCapita = n(r, '市町村民税均等割額') + n(r, '道府県民税均等割額') + n(r, '森林環境税額');
      assert.ok(perCapita === 0 || perCapita === 5_300, `均等割 ${perCapita}`);
      const levy = n(r, '市町村民税所得割額') + n(r, '道府県民税所得割額');
      assert.equal(n(r, '年税額'), levy - n(r, '定額減税額') + perCapita);
      if (r['課税年度'] !== '2024') assert.equal(n(r, '定額減税額'), 0);
    }
    assert.ok(checked > 10_000, `checked ${checked}`);
  });

  it('lists in taxpayers.csv the 2024 taxpayers with spouses and dependants who are residents', () => {
    const known = new Set(residents.map((r) => r['住記個人番号']));
    const taxpayers = rows(dir, 'taxpayers.csv');
    assert.ok(taxpayers.length > 2_000);
    for (const t of taxpayers) {
      assert.equal(t['課税年度'], '2024');
      assert.ok(Number(t['所得割額']) > 0 || Number(t['推計所得税額']) > 0);
      if (t['配偶者住記個人番号']) assert.ok(known.has(t['配偶者住記個人番号']));
      const entries = t['扶養親族等'] ? t['扶養親族等'].split(';') : [];
      for (const entry of entries) {
        const [number, , kind, abroad] = entry.split(':');
        assert.ok(abroad === '1' ? number === '' : known.has(number), entry);
        assert.ok(['年少', '一般', '特定', '老人', '同居老親', '事業専従者'].includes(kind!), entry);
      }
    }
    assert.ok(taxpayers.some((t) => t['配偶者区分'] === '控除対象配偶者'));
  });
});
