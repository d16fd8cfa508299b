import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../test/support/db.ts';
import { demoCity, generateDemoData } from '../../demo/index.ts';
import { AppError } from '../../platform/errors.ts';
import { looseKana, normalizePostalCode, strictKana } from './domain/index.ts';
import { buildApplicant, buildResidentRow, type ResidentRow } from './domain/verdict.cases.ts';
import { city, numbered, residentsCsv, type ReviewWorld, reviewWorld, taxYearsCsv } from './extract.builders.ts';
import type { ExtractProblem } from './import-state.ts';
import { matchApplicant } from './match.ts';
import { findCurrentExtract } from './store.ts';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'import_rejected', `expected import_rejected, got ${String(e)}`);
    return e;
  }
  assert.fail('the files were accepted');
}

const listed = (e: AppError) => (e.details.errors as ExtractProblem[]).map((p) => `${p.file}:${p.line}:${p.column ?? ''}:${p.code}`);

/** Residents ヤマダ <i in kana>, born 1980-04-01, one per number from `from`, each taxed in 2024. */
function many(count: number, from = 1): ResidentRow[] {
  const digit = 'アイウエオカキクケコ';
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const given = [...String(i)].map((d) => digit[Number(d)]).join('');
    return buildResidentRow({ residentId: String(i), nameKana: `ヤマダ ${given}`, taxYears: [2024] });
  });
}

const applicantOf = (r: ResidentRow) => buildApplicant({ nameKana: r.nameKana, birthDate: r.birthDate, postalCode: r.postalCode });

for (const backend of backends) {
  describe(`importExtract on ${backend}`, () => {
    let w: ReviewWorld;
    before(async () => {
      w = await reviewWorld(backend);
    });
    after(() => w.close());

    const match = (r: ResidentRow) => matchApplicant(w.db, w.indexer, city, applicantOf(r));
    const generations = async () =>
      (await sql<{ g: string }>`select generation || ':' || state as g from review_extract where municipality_code = ${city} order by generation`.execute(w.db.kysely)).rows.map((r) => r.g);
    const readingGenerations = async () =>
      (await sql<{ generation: number }>`select distinct generation from review_reading order by generation`.execute(w.db.kysely)).rows.map((r) => r.generation);

    it("imports the generator's review files: every row counted, residents found with their tax years", async () => {
      const out = path.join(w.dir, 'demo');
      await generateDemoData({ residents: 300, seed: 3, outDir: out, municipality: demoCity, baseFiscalYear: 2025, workers: 0 });
      const residentsFile = path.join(out, 'review-residents.csv');
      const taxYearsFile = path.join(out, 'review-tax-years.csv');
      const loaded = await w.importTexts(fs.readFileSync(residentsFile, 'utf8'), fs.readFileSync(taxYearsFile, 'utf8'));
      const rows = (file: string) => fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
      const residents = rows(residentsFile);
      const taxed = new Set(rows(taxYearsFile).map((r) => `${r[0]}:${r[2]}`));
      assert.equal(loaded.residents, residents.length);
      assert.equal(loaded.taxYears, taxed.size);
      assert.equal(loaded.readings, residents.length + residents.filter((r) => r[4]).length + residents.filter((r) => r[5]).length);
      const sameKey = (r: string[]) => `${looseKana(strictKana(r[1]!))}|${r[2]}`;
      const counts = new Map<string, number>();
      for (const r of residents) counts.set(sameKey(r), (counts.get(sameKey(r)) ?? 0) + 1);
      for (const r of residents.filter((x) => counts.get(sameKey(x)) === 1).slice(0, 40)) {
        const answer = await matchApplicant(w.db, w.indexer, city, { nameKana: r[1]!, birthDate: r[2]!, postalCode: r[3]!, taxYear: 2025 });
        assert.equal(answer.verdict, 'match', r.join(','));
        assert.equal(answer.certificateIssuable, taxed.has(`${r[0]}:2025`));
      }
    });

    it('reads Shift_JIS files, declared (--encoding sjis) or detected, and refuses them read as UTF-8', async () => {
      const rows = numbered([buildResidentRow({ nameKana: 'ﾔﾏﾀﾞ ｷｮｳｺ', aliasNameKana: 'やまだ はなこ' })]);
      const residents = w.file('sjis-residents.csv', residentsCsv(rows), 'sjis');
      const taxYears = w.file('sjis-tax-years.csv', taxYearsCsv(rows), 'sjis');
      for (const encoding of ['sjis', 'auto'] as const) {
        await w.importTexts('', '', { residentsFile: residents, taxYearsFile: taxYears, encoding });
        assert.equal((await match(buildResidentRow())).verdict, 'match');
        assert.deepEqual((await matchApplicant(w.db, w.indexer, city, buildApplicant({ nameKana: 'ヤマダ ハナコ' }))).reasons, ['alias_name']);
      }
      const e = await rejection(w.importTexts('', '', { residentsFile: residents, taxYearsFile: taxYears, encoding: 'utf8' }));
      assert.ok(listed(e).every((p) => /^(residents|tax_years):1::header_(missing|unknown)$/.test(p)), listed(e).join(' '));
    });

    it('rejects files with bad rows, listing every bad line of both files, and the previous extract keeps answering', async () => {
      const kept = buildResidentRow({ residentId: '1', nameKana: 'スズキ イチロウ' });
      await w.importRows([kept]);
      const before = await generations();
      const residents = [
        '住記個人番号,氏名カナ,生年月日,郵便番号,通称名カナ,AL氏名カナ',
        '11,ヤマダ タロウ,1980-04-01,650-0001,,', // 2 good
        '12,ヤマダ ジロウ,1980-13-01,650-0001,,', // 3 no 13th month
        '13,ヤマダ サブロウ,1980-04-01,65-0001,,', // 4 six digits
        '14,山田 四郎,1980-04-01,650-0001,,', // 5 kanji
        '11,ヤマダ ゴロウ,1980-04-01,650-0001,,', // 6 the number of line 2
        '15,,1980-04-01,650-0001,,', // 7 no name
        'A16,ヤマダ ロクロウ,19800401,6500001,,John', // 8 a letter in the number, a Latin AL氏名カナ
        '17,ヤマダ ナナコ,2030-01-01,650-0001,,', // 9 born after today
        '18,ヤマダ ハチロウ,1980-04-01', // 10 three fields
      ].join('\r\n');
      const taxYears = [
        '住記個人番号,業務宛名番号,課税年度',
        '99,9000000099,2024', // 2 nobody's
        '11,9000000011,2024', // 3 good
        '11,9000000011,2024', // 4 the same as line 3
        '11,9000000011,20x4', // 5 not a year
        '11,9000000011,1990', // 6 outside the window
        '11,,2024', // 7 no 業務宛名番号
      ].join('\n');
      const e = await rejection(w.importTexts(residents, taxYears));
      assert.deepEqual(listed(e), [
        'residents:3:生年月日:birth_date_invalid',
        'residents:4:郵便番号:postal_code_invalid',
        'residents:5:氏名カナ:name_kana_invalid',
        'residents:6:住記個人番号:duplicate_key',
        'residents:7:氏名カナ:name_kana_required',
        'residents:8:住記個人番号:record_number_invalid',
        'residents:8:AL氏名カナ:name_kana_invalid',
        'residents:9:生年月日:birth_date_invalid',
        'residents:10::csv_column_count',
        'tax_years:2:住記個人番号:resident_unknown',
        'tax_years:4:課税年度:duplicate_key',
        'tax_years:5:課税年度:tax_year_invalid',
        'tax_years:6:課税年度:tax_year_invalid',
        'tax_years:7:業務宛名番号:record_number_invalid',
      ]);
      assert.equal(e.details.count, 14);
      assert.equal(e.details.truncated, false);
      const problems = e.details.errors as ExtractProblem[];
      assert.equal(problems[3]!.ja, '住民ファイル 6行目「住記個人番号」: 2行目と同じ値です（重複）。');
      assert.equal(problems[3]!.en, 'Residents file: Line 6, column "住記個人番号": Same value as line 2 (duplicate).');
      assert.match(problems[0]!.ja, /1873-01-01〜2025-06-01/);
      assert.ok(!/山田|ヤマダ|1980-13|65-0001|John/.test(JSON.stringify(e.details)), 'a problem names the place, never the value');
      assert.deepEqual(await generations(), before, 'the rejected generation is gone, the current one untouched');
      assert.deepEqual(await readingGenerations(), [Number(before[0]!.split(':')[0])]);
      assert.equal((await match(kept)).verdict, 'match');
    });

    it('lists the first maxErrors problems and counts them all', async () => {
      const bad = many(30).map((r) => ({ ...r, postalCode: '12345' }));
      const e = await rejection(w.importRows(bad, { maxErrors: 5 }));
      assert.deepEqual(listed(e), [2, 3, 4, 5, 6].map((l) => `residents:${l}:郵便番号:postal_code_invalid`));
      assert.equal(e.details.count, 30);
      assert.equal(e.details.truncated, true);
    });

    it('refuses a residents file with only a header, and one whose header misses or adds a column', async () => {
      const header = residentsCsv([]);
      assert.deepEqual(listed(await rejection(w.importTexts(header, taxYearsCsv([])))), ['residents:1::csv_no_rows']);
      const renamed = header.replace('氏名カナ', 'カナ氏名');
      assert.deepEqual(listed(await rejection(w.importTexts(renamed, taxYearsCsv([])))), ['residents:1::header_missing', 'residents:1::header_unknown']);
    });

    it('replaces the whole extract: a resident left out is no longer found, and the old generation is deleted', async () => {
      const [a, b] = numbered([buildResidentRow({ residentId: '1', nameKana: 'アベ アイ' }), buildResidentRow({ residentId: '2', nameKana: 'イノウエ イチ' })]);
      const first = await w.importRows([a!, b!]);
      const second = await w.importRows([b!]);
      assert.equal(second.generation, first.generation + 1);
      assert.deepEqual(await generations(), [`${second.generation}:current`]);
      assert.deepEqual(await readingGenerations(), [second.generation]);
      assert.equal((await match(a!)).verdict, 'no_match');
      assert.equal((await match(b!)).verdict, 'match');
      const { swappedAt, ...summary } = (await findCurrentExtract(w.db.kysely, city))!;
      assert.deepEqual(summary, { generation: second.generation, residents: 1, readings: 1, taxYears: 2 });
      assert.ok(swappedAt instanceof Date);
    });

    it('keeps answering from the previous extract while the new one loads, then from the new one', async () => {
      const old = many(6000, 1);
      const fresh = many(6000, 100_000);
      await w.importRows(old);
      let during: Promise<[string, string, number]> | undefined;
      await w.importRows(fresh, {
        progress: {
          // Rows count both files; by 9,000 the new generation has thousands of readings written.
          update(rows) {
            during ??= rows >= 9000
              ? Promise.all([match(old[10]!).then((v) => v.verdict), match(fresh[10]!).then((v) => v.verdict),
                sql<{ n: number }>`select count(*)::int as n from review_reading r join review_extract e using (municipality_code, generation)
                  where e.state = 'loading'`.execute(w.db.kysely).then((r) => r.rows[0]!.n)])
              : undefined;
          },
          done: () => undefined,
        },
      });
      const [oldDuring, freshDuring, loadingRows] = await during!;
      assert.ok(loadingRows > 0, 'the new generation was being written');
      assert.deepEqual([oldDuring, freshDuring], ['match', 'no_match']);
      assert.deepEqual([(await match(old[10]!)).verdict, (await match(fresh[10]!)).verdict], ['no_match', 'match']);
    });

    it('refuses a second import of the same municipality while one runs', async () => {
      const rows = many(3000);
      const first = w.importRows(rows);
      await assert.rejects(w.importRows(rows), (e: unknown) => e instanceof AppError && e.code === 'conflict');
      await first;
    });

    it('audits each import: a success with the counts, a refused file as a failure with the number of problems', async () => {
      await w.importRows([buildResidentRow()]);
      await rejection(w.importRows([buildResidentRow({ birthDate: 'x' })]));
      const { rows } = await sql<{ outcome: string; detail: string; user_id: string }>`select outcome, detail, user_id from audit_event
        where municipality_code = ${city} and operation_code = 'review.extract.import' order by seq desc limit 2`.execute(w.db.kysely);
      assert.deepEqual(rows.reverse().map((r) => [r.outcome, r.user_id, r.detail.replace(/世代 \d+/, '世代 N')]), [
        ['success', 'cli', '世代 N: 住民 1件, 氏名 1件, 課税年度 2件'],
        ['failure', 'cli', '取込拒否: 誤り 1件'],
      ]);
    });

    it('leaves no name, birth date, postal code or 住記個人番号 of the files in the review tables', async () => {
      const out = path.join(w.dir, 'demo-dump');
      await generateDemoData({ residents: 200, seed: 9, outDir: out, municipality: demoCity, baseFiscalYear: 2025, workers: 0 });
      const text = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');
      await w.importTexts(text('review-residents.csv'), text('review-tax-years.csv'));
      const dump = (await sql<{ row: string }>`select row_to_json(t)::text as row from review_reading t
        union all select row_to_json(t)::text from review_extract t`.execute(w.db.kysely)).rows.map((r) => r.row).join('\n');
      const residents = text('review-residents.csv').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
      const secrets = new Set<string>();
      for (const [number, name, birthDate, postalCode, alias, alphabet] of residents) {
        for (const reading of [name!, alias!, alphabet!].filter(Boolean)) {
          secrets.add(reading);
          secrets.add(strictKana(reading));
          for (const part of reading.split(/[\s\u3000]/)) if (part.length >= 2) secrets.add(part);
        }
        secrets.add(birthDate!);
        secrets.add(birthDate!.replaceAll('-', ''));
        secrets.add(postalCode!);
        secrets.add(normalizePostalCode(postalCode!)!);
        secrets.add(number!);
      }
      const found = [...secrets].filter((s) => dump.includes(s));
      assert.deepEqual(found, []);
      assert.ok(dump.length > 10_000, 'the dump holds the extract');
    });
  });
}
