import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type CliWorld, cliWorld } from '../../../../test/support/cli-world.ts';
import { backends } from '../../../../test/support/db.ts';
import { generatedLedgerRows, linkageCsv, taxpayersCsv } from '../ledger.builders.ts';
import { accountItems, answerLines, writeResultFile } from './accounts.builders.ts';

for (const backend of backends) {
  describe(`madoguchi benefits account-query / import-account-results on ${backend}`, () => {
    let w: CliWorld;
    let asked: string[];
    before(async () => {
      const [world, rows] = await Promise.all([cliWorld(backend, 'benefits-accounts-cli'), generatedLedgerRows()]);
      w = world;
      const write = (name: string, text: string) => {
        const p = path.join(w.data, name);
        fs.writeFileSync(p, text);
        return p;
      };
      for (const args of [
        ['benefits', 'import-taxpayers', write('t.csv', taxpayersCsv(rows.taxpayers))],
        ['benefits', 'import-linkage', write('l.csv', linkageCsv(rows.linkage))],
        ['benefits', 'compute-targets'],
      ]) {
        const r = await w.cli(args);
        assert.equal(r.code, 0, r.stderr);
      }
    });
    after(() => w.dispose());

    it('writes the query file in Shift_JIS and logs the export', async () => {
      const out = path.join(w.data, 'query.csv');
      const r = await w.cli(['benefits', 'account-query', '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      const eligible = await w.withDb(async (db) => (await sql<{ n: number }>`select count(*)::integer as n from benefit_target where eligible`.execute(db.kysely)).rows[0]!.n);
      assert.match(r.stdout, new RegExp(`query file written — ${eligible.toLocaleString('en')} 人 / people \\(Shift_JIS\\)`));
      const rows = parse<Record<string, string>>(iconv.decode(fs.readFileSync(out), 'cp932'), { columns: true });
      assert.equal(rows.length, eligible);
      asked = rows.map((q) => q['団体内統合宛名番号']!);
      const audited = await w.withDb(async (db) => (await sql<{ detail: string }>`select detail from audit_event where operation_code = 'benefits.accounts.query'`.execute(db.kysely)).rows);
      assert.deepEqual(audited.map((a) => a.detail), [`adjustment-2024: 照会 ${eligible}件`]);
      const wrong = await w.cli(['benefits', 'account-query']);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /Give the file to write with --out/);
    });

    it('imports the result file and prints what it did; a bad file exits 1 naming the line without its value', async () => {
      const good = await writeResultFile(path.join(w.data, 'r.csv'), [
        ...answerLines(asked[0]!, '1', accountItems('0001', '001', '普通', '1234567', 'ヤマダ タロウ')),
        ...answerLines(asked[1]!, '2', { status: '提供済', reason: '口座未登録' }),
      ], 'sjis');
      const r = await w.cli(['benefits', 'import-account-results', good]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /results imported — 6 行 \/ lines \(Shift_JIS\)/);
      assert.match(r.stdout, /回答 \/ answers 2: 口座を登録 \/ registered 1, 変更なし \/ unchanged 0/);
      assert.match(r.stdout, /口座なし \/ no account — 提供済 \/ 口座未登録: 1 人 \/ people/);
      const bad = await writeResultFile(path.join(w.data, 'bad.csv'), answerLines(asked[2]!, '3', accountItems('0001', '001', '普通', '87654321', 'スズキ')), 'utf8');
      const b = await w.cli(['benefits', 'import-account-results', bad]);
      assert.equal(b.code, 1, b.stdout);
      assert.match(b.stderr, /^ {2}5行目「情報提供内容」: 口座番号は7桁以内の数字です/m);
      assert.ok(!b.stderr.includes('87654321'));
      const stored = await w.withDb(async (db) => (await sql<{ n: number }>`select count(*)::integer as n from benefit_account`.execute(db.kysely)).rows[0]!.n);
      assert.equal(stored, 1);
    });
  });
}
