import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type CliWorld, cliWorld } from '../../../../test/support/cli-world.ts';
import { backends } from '../../../../test/support/db.ts';
import { type CsvRow, generatedTaxRows, taxCsv } from './tax.builders.ts';

for (const backend of backends) {
  describe(`madoguchi certificates import-tax / import-serials on ${backend}`, () => {
    let w: CliWorld;
    let rows: CsvRow[];
    before(async () => {
      [w, rows] = await Promise.all([cliWorld(backend, 'certificates-tax-cli'), generatedTaxRows()]);
    });
    after(() => w.dispose());

    const file = (name: string, content: string | Buffer) => {
      const p = path.join(w.data, name);
      fs.writeFileSync(p, content);
      return p;
    };
    const records = () => w.withDb(async (db) => Number((await sql<{ n: string }>`select count(*) as n from certificate_tax_record`.execute(db.kysely)).rows[0]!.n));

    it('imports a Shift_JIS file with --encoding cp932 and prints the rows per year', async () => {
      const some = rows.filter((r) => r['課税年度'] !== '2024');
      const r = await w.cli(['certificates', 'import-tax', file('tax.csv', iconv.encode(taxCsv(some), 'cp932')), '--encoding', 'cp932']);
      assert.equal(r.code, 0, r.stderr);
      const perYear = (y: string) => some.filter((x) => x['課税年度'] === y).length;
      assert.ok(r.stdout.includes(`年度別 / by year 2025: ${perYear('2025')}, 2026: ${perYear('2026')};`), r.stdout);
      assert.ok(r.stdout.includes('(Shift_JIS)'));
      assert.equal(await records(), some.length);
    });

    it('exits 1 listing the bad line in both languages without its value, and keeps the records', async () => {
      const bad = [rows[0]!, { ...rows[1]!, 生年月日: '1970-13-01' }];
      const r = await w.cli(['certificates', 'import-tax', file('bad.csv', taxCsv(bad))]);
      assert.equal(r.code, 1, r.stdout);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[2]!, /^ {2}3行目「生年月日」: 日付は YYYY-MM-DD で入力してください。 \/ Line 3, column "生年月日": A date must be YYYY-MM-DD\.$/);
      assert.ok(!r.stderr.includes('1970-13-01') && !r.stderr.includes(rows[1]!['氏名']!));
      assert.equal(await records(), rows.filter((x) => x['課税年度'] !== '2024').length);
    });

    it('imports the serial-number mapping, and refuses an unknown encoding with the usage (exit 2)', async () => {
      const r = await w.cli(['certificates', 'import-serials', file('serials.csv', `住記個人番号,シリアル番号\r\n${rows[0]!['住記個人番号']},00ab\r\n`)]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /serial-number mapping replaced — 1 件 \/ rows$/m);
      const wrong = await w.cli(['certificates', 'import-tax', file('x.csv', 'x'), '--encoding', 'latin1']);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--encoding must be utf8 or cp932/);
    });
  });
}
