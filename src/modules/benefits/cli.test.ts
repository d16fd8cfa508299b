import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type CliWorld, cliWorld } from '../../../test/support/cli-world.ts';
import { backends } from '../../../test/support/db.ts';
import { type CsvRow, generatedLedgerRows, linkageCsv, taxpayersCsv } from './ledger.builders.ts';

for (const backend of backends) {
  describe(`madoguchi benefits import-taxpayers / import-linkage / compute-targets on ${backend}`, () => {
    let w: CliWorld;
    let taxpayers: CsvRow[];
    let linkage: CsvRow[];
    before(async () => {
      [w, { taxpayers, linkage }] = await Promise.all([cliWorld(backend, 'benefits-cli'), generatedLedgerRows()]);
    });
    after(() => w.dispose());

    const file = (name: string, content: string | Buffer) => {
      const p = path.join(w.data, name);
      fs.writeFileSync(p, content);
      return p;
    };
    const stored = () => w.withDb(async (db) => Number((await sql<{ n: string }>`select count(*) as n from benefit_taxpayer`.execute(db.kysely)).rows[0]!.n));

    it('imports a Shift_JIS taxpayers file and the linkage file, and prints the counts', async () => {
      // The demo city comes with its demo ledger, every decision still targeted: those the file leaves out are removed.
      const demo = await w.withDb(async (db) => (await sql<{ r: string }>`select resident_number as r from benefit_taxpayer`.execute(db.kysely)).rows.map((x) => x.r));
      const listed = new Set(taxpayers.map((t) => t['住記個人番号']));
      const removed = demo.filter((r) => !listed.has(r)).length;
      const r = await w.cli(['benefits', 'import-taxpayers', file('t.csv', iconv.encode(taxpayersCsv(taxpayers), 'cp932'))]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`adjustment-2024: 課税情報を取り込みました / taxpayers imported — ${taxpayers.length} 件 / rows; 削除 / removed ${removed} \\(Shift_JIS\\)`));
      const l = await w.cli(['benefits', 'import-linkage', file('l.csv', linkageCsv(linkage))]);
      assert.equal(l.code, 0, l.stderr);
      assert.match(l.stdout, new RegExp(`linkage replaced — ${linkage.length.toLocaleString('en')} 件 / rows \\(UTF-8\\)`));
    });

    it('exits 1 naming the bad line in both languages without its value, and keeps the taxpayers', async () => {
      const r = await w.cli(['benefits', 'import-taxpayers', file('bad.csv', taxpayersCsv([taxpayers[0]!, { ...taxpayers[1]!, 生年月日: '1970-13-01' }]))]);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /^ {2}3行目「生年月日」: 日付は YYYY-MM-DD で入力してください。 \/ Line 3, column "生年月日": A date must be YYYY-MM-DD\.$/m);
      assert.ok(!r.stderr.includes('1970-13-01') && !r.stderr.includes(taxpayers[1]!['氏名']!));
      assert.equal(await stored(), taxpayers.length);
    });

    it('computes the targets and prints them by outcome, then dry-runs with nothing to change', async () => {
      const r = await w.cli(['benefits', 'compute-targets', '--programme', 'adjustment-2024']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`decided ${taxpayers.length} taxpayers with adjustment-2024\\.1`));
      assert.match(r.stdout, /targeted adjustment-2024\.1 支給 \/ eligible: \d+ 人 \/ people, [\d,]+円/);
      assert.match(r.stdout, /対象外 \/ excluded: no_shortfall/);
      const dry = await w.cli(['benefits', 'compute-targets', '--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, new RegExp(`変わらない / unchanged: ${taxpayers.length} 人`));
      const wrong = await w.cli(['benefits', 'compute-targets', '--programme', 'nope']);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--programme must be one of: adjustment-2024/);
    });
  });
}
