import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { city, type CsvRow, generatedLedgerRows, type LedgerWorld, ledgerWorld, linkageCsv, taxpayersCsv } from '../ledger.builders.ts';
import { importLinkage, importTaxpayers } from './import.ts';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'import_rejected', `expected import_rejected, got ${String(e)}`);
    return e;
  }
  assert.fail('the file was accepted');
}

const listed = (e: AppError) => (e.details.errors as { line: number; column?: string; code: string }[]).map((p) => `${p.line}:${p.column ?? ''}:${p.code}`);

for (const backend of backends) {
  describe(`benefits imports on ${backend}`, () => {
    let w: LedgerWorld;
    let taxpayers: CsvRow[];
    let linkage: CsvRow[];
    let n = 0;
    before(async () => {
      [w, { taxpayers, linkage }] = await Promise.all([ledgerWorld(backend), generatedLedgerRows()]);
    });
    after(() => w.close());

    const source = (text: string | Buffer) => w.file(`f-${++n}.csv`, text);
    const importFile = (text: string | Buffer) => importTaxpayers({ db: w.db, municipalityCode: city, programmeId: 'adjustment-2024', source: source(text), actor: { userId: 'cli' } });
    const count = async (table: 'benefit_taxpayer' | 'benefit_linkage') => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(w.db.kysely)).rows[0]!.n);
    const stored = async (residentNumber: string) =>
      (await w.db.kysely.selectFrom('benefit_taxpayer').selectAll().where('resident_number', '=', residentNumber).executeTakeFirstOrThrow());

    it("imports the generator's taxpayers: every row, figures and household as written", async () => {
      const r = await importFile(taxpayersCsv(taxpayers));
      assert.deepEqual(r, { rows: taxpayers.length, encoding: 'utf8', removed: 0, kept: 0 });
      assert.equal(await count('benefit_taxpayer'), taxpayers.length);
      const withSpouse = taxpayers.find((t) => t['配偶者区分'] === '控除対象配偶者' && t['扶養親族等'] !== '')!;
      const row = await stored(withSpouse['住記個人番号']!);
      assert.equal(Number(row.total_income), Number(withSpouse['合計所得金額']));
      assert.equal(Number(row.estimated_income_tax), Number(withSpouse['推計所得税額']));
      assert.equal(Number(row.resident_income_levy), Number(withSpouse['所得割額']));
      assert.equal(row.spouse_class, '控除対象配偶者');
      assert.equal(row.dependants_domestic, Number(withSpouse['扶養親族数_国内']));
      assert.equal((row.relatives as unknown[]).length, withSpouse['扶養親族等']!.split(';').length);
      assert.equal(row.birth_date, withSpouse['生年月日']);
      const moved = taxpayers.find((t) => t['住民状態'] === '転出')!;
      assert.deepEqual([(await stored(moved['住記個人番号']!)).status, (await stored(moved['住記個人番号']!)).status_date], ['転出', moved['異動日']]);
    });

    it('refuses the whole file for one bad line, naming the line and column in Japanese and English, and keeps what was stored', async () => {
      const before = await count('benefit_taxpayer');
      const bad = [taxpayers[0]!, taxpayers[1]!, { ...taxpayers[2]!, 推計所得税額: '12,000' }, { ...taxpayers[3]!, 扶養親族数_国内: '7' }];
      const e = await rejection(importFile(taxpayersCsv(bad.map((r, i) => (i < 2 ? { ...r, 氏名: '置換　される' } : r)))));
      assert.deepEqual(listed(e), ['4:推計所得税額:yen_invalid', '5:扶養親族数_国内:relatives_count_mismatch']);
      const first = (e.details.errors as { ja: string; en: string }[])[0]!;
      assert.equal(first.ja, '4行目「推計所得税額」: 金額は0以上の整数（円、カンマなし）で入力してください。');
      assert.equal(first.en, 'Line 4, column "推計所得税額": An amount must be a whole number of yen, 0 or more, without commas.');
      assert.ok(!JSON.stringify(e.details).includes('12,000'));
      assert.equal(await count('benefit_taxpayer'), before);
      assert.notEqual((await stored(taxpayers[0]!['住記個人番号']!)).name, '置換　される');
    });

    it('refuses a duplicate 住記個人番号 and a year that is not the programme\'s', async () => {
      const e = await rejection(importFile(taxpayersCsv([taxpayers[0]!, { ...taxpayers[1]!, 課税年度: '2025' }, taxpayers[0]!])));
      assert.deepEqual(listed(e), ['3:課税年度:fiscal_year_other', '4:住記個人番号:duplicate_key']);
    });

    it('refuses a file whose problem comes after the first thousand lines were written (PostgreSQL writes each batch ahead), and keeps what was stored', async () => {
      const before = await count('benefit_taxpayer');
      // 1,876 lines, two batches; every name changed, so a write that stayed would show.
      const big = [...taxpayers, ...taxpayers.map((t) => ({ ...t, 住記個人番号: `9${t['住記個人番号']!}` }))].map((t) => ({ ...t, 氏名: '置換　される' }));
      const kept = async () => {
        assert.equal(await count('benefit_taxpayer'), before);
        assert.notEqual((await stored(taxpayers[0]!['住記個人番号']!)).name, '置換　される');
      };
      // Duplicates in the last lines: one of a line in the same batch, one of a line of the first batch.
      const duplicated = await rejection(importFile(taxpayersCsv([...big, big[1500]!, big[10]!])));
      assert.deepEqual(listed(duplicated), [`${big.length + 2}:住記個人番号:duplicate_key`, `${big.length + 3}:住記個人番号:duplicate_key`]);
      await kept();
      const bad = await rejection(importFile(taxpayersCsv(big.map((t, i) => (i === 1800 ? { ...t, 性別: '?' } : t)))));
      assert.deepEqual(listed(bad), ['1802:性別:choice_invalid']);
      await kept();
    });

    it('reads a Shift_JIS (CP932) file as well as UTF-8, names and addresses intact', async () => {
      const some = taxpayers.slice(0, 50);
      const r = await importFile(iconv.encode(taxpayersCsv(some), 'cp932'));
      assert.equal(r.encoding, 'sjis');
      assert.equal(r.rows, 50);
      const row = await stored(some[7]!['住記個人番号']!);
      assert.deepEqual([row.name, row.name_kana, row.address], [some[7]!['氏名'], some[7]!['氏名カナ'], some[7]!['住所']]);
    });

    it('removes a taxpayer the new file leaves out while only targeted, and keeps one already notified', async () => {
      await importFile(taxpayersCsv(taxpayers));
      const [gone, notified] = [taxpayers[0]!['住記個人番号']!, taxpayers[1]!['住記個人番号']!];
      await sql`insert into benefit_target (municipality_code, programme_id, resident_number, rule_version, state, eligible, amount,
        count_income_tax, count_resident_tax, income_tax_shortfall, resident_tax_shortfall, exclusion_code, explanation)
        values (${city}, 'adjustment-2024', ${notified}, 'adjustment-2024.1', 'notified', true, 10000, 1, 1, 5000, 0, null, '{}')`.execute(w.db.kysely);
      const r = await importFile(taxpayersCsv(taxpayers.slice(2)));
      assert.deepEqual([r.removed, r.kept], [1, 1]);
      assert.equal(await w.db.kysely.selectFrom('benefit_taxpayer').select('resident_number').where('resident_number', '=', gone).executeTakeFirst(), undefined);
      assert.equal((await stored(notified)).resident_number, notified);
    });

    it('replaces the linkage file whole, joining the two halves of 前住所地コード, and refuses half a code', async () => {
      const r = await importLinkage({ db: w.db, municipalityCode: city, source: source(linkageCsv(linkage)), actor: { userId: 'cli' } });
      assert.equal(r.rows, linkage.length);
      const moved = linkage.find((l) => l['前住所地コード(前2桁)'] !== '')!;
      const row = await w.db.kysely.selectFrom('benefit_linkage').selectAll().where('resident_number', '=', moved['住基個人番号']!).executeTakeFirstOrThrow();
      assert.equal(row.previous_municipality_code, `${moved['前住所地コード(前2桁)']}${moved['前住所地コード(後ろ3桁)']}`);
      assert.equal(row.integrated_number, moved['統合宛名番号']);
      const e = await rejection(importLinkage({ db: w.db, municipalityCode: city, source: source(linkageCsv([linkage[0]!, { ...moved, '前住所地コード(後ろ3桁)': '' }])), actor: { userId: 'cli' } }));
      assert.deepEqual(listed(e), ['3:前住所地コード(後ろ3桁):previous_code_half']);
      assert.equal(await count('benefit_linkage'), linkage.length);
    });
  });
}
