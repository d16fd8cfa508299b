import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import iconv from 'iconv-lite';
import { type CliWorld, cliWorld } from '../../../test/support/cli-world.ts';
import { backends } from '../../../test/support/db.ts';
import { buildResidentRow } from './domain/verdict.cases.ts';
import { numbered, residentsCsv, taxYearsCsv } from './extract.builders.ts';

for (const backend of backends) {
  describe(`madoguchi review import on ${backend}`, () => {
    let w: CliWorld;
    before(async () => {
      w = await cliWorld(backend, 'review-import-cli');
    });
    after(() => w.dispose());

    const rows = numbered([buildResidentRow({ residentId: '1' }), buildResidentRow({ residentId: '2', nameKana: 'スズキ ハナコ', taxYears: [] })]);
    const file = (name: string, text: string, encoding: 'utf8' | 'sjis' = 'utf8') => {
      const p = path.join(w.data, name);
      fs.writeFileSync(p, encoding === 'sjis' ? iconv.encode(text, 'cp932') : text);
      return p;
    };
    const generations = () => w.withDb(async (db) => (await sql<{ g: string }>`select generation || ':' || state as g from review_extract order by generation`.execute(db.kysely)).rows.map((r) => r.g));

    it('imports the two files and prints what it loaded, with no progress bar when stdout is not a terminal', async () => {
      const r = await w.cli(['review', 'import', '--residents', file('r.csv', residentsCsv(rows), 'sjis'), '--tax-years', file('t.csv', taxYearsCsv(rows), 'sjis'), '--encoding', 'sjis']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^279994: 審査用データを取り込みました \/ review extract imported — 世代 \/ generation 1: 住民 \/ residents 2, 氏名 \/ readings 2, 課税年度 \/ tax years 2 \(\d+\.\d s\)\n$/);
      assert.ok(!r.stdout.includes('\r') && !r.stderr.includes('\r'), 'no progress bar');
      assert.deepEqual(await generations(), ['1:current']);
    });

    it('exits 1 listing every bad line in Japanese and English, and keeps the extract in use', async () => {
      const bad = residentsCsv(rows).replace('1980-04-01', '1980-04-31');
      const r = await w.cli(['review', 'import', '--residents', file('bad.csv', `${bad}3,山田,19800401,6500001,,\r\n`), '--tax-years', file('t2.csv', taxYearsCsv(rows))]);
      assert.equal(r.code, 1, r.stdout);
      const lines = r.stderr.trim().split('\n');
      assert.deepEqual(lines.slice(0, 2), [
        'エラー: ファイルに誤りがあるため取り込みませんでした（2件）。以前のデータはそのまま使われます。',
        'Error: The file was rejected (2 errors). The previous data is still in use.',
      ]);
      assert.equal(lines.length, 4);
      assert.match(lines[2]!, /^ {2}住民ファイル 2行目「生年月日」: 生年月日は.+ \/ Residents file: Line 2, column "生年月日": The birth date must be .+\.$/);
      assert.match(lines[3]!, /^ {2}住民ファイル 4行目「氏名カナ」: カナ.+ \/ Residents file: Line 4, column "氏名カナ": The name must be in kana.+$/);
      assert.ok(!r.stderr.includes('山田') && !r.stderr.includes('1980-04-31'), 'no value of the file is printed');
      assert.deepEqual(await generations(), ['1:current']);
      const events = await w.withDb(async (db) => (await sql<{ e: string }>`select outcome || ' ' || detail as e from audit_event
        where operation_code = 'review.extract.import' order by seq`.execute(db.kysely)).rows.map((x) => x.e));
      assert.deepEqual(events, ['success 世代 1: 住民 2件, 氏名 2件, 課税年度 2件', 'failure 取込拒否: 誤り 2件']);
    });

    it('refuses a missing file, a missing flag and an unknown encoding with the usage (exit 2)', async () => {
      const r1 = await w.cli(['review', 'import', '--residents', path.join(w.data, 'nope.csv'), '--tax-years', file('t3.csv', taxYearsCsv(rows))]);
      assert.equal(r1.code, 2);
      assert.match(r1.stderr, /No such file: .*nope\.csv/);
      const r2 = await w.cli(['review', 'import', '--residents', file('r3.csv', residentsCsv(rows))]);
      assert.equal(r2.code, 2);
      assert.match(r2.stderr, /--tax-years is required/);
      const r3 = await w.cli(['review', 'import', '--residents', file('r4.csv', residentsCsv(rows)), '--tax-years', file('t4.csv', taxYearsCsv(rows)), '--encoding', 'latin1']);
      assert.equal(r3.code, 2);
      assert.match(r3.stderr, /--encoding must be utf8 or sjis: latin1/);
      assert.match(r3.stderr, /review import --residents FILE --tax-years FILE/);
    });
  });
}
