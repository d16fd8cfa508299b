// The 公金受取口座 files on both backends: ② written for the targets without an account, ③ built from it as the
// 中間サーバー answers (Shift_JIS and UTF-8, the second 照会処理結果メッセージ as the seed names it) and imported whole,
// or refused whole with numbered lines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import type { CsvEncoding } from '../../../platform/csv/index.ts';
import { type FieldCipher, fieldCipher, masterKeyFrom, newSecretKey } from '../../../platform/crypto/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { importLinkage, importTaxpayers } from '../import/import.ts';
import { city, generatedLedgerRows, type LedgerWorld, ledgerWorld, linkageCsv, taxpayersCsv } from '../ledger.builders.ts';
import { computeTargets } from '../targets/compute.ts';
import { checkAccount } from './domain/account.ts';
import { accountQueryCount, importAccountResults, writeAccountQuery } from './public-fund.ts';
import { QUERY_COLUMNS } from './public-fund-files.ts';
import { accountItems, answerLines, type ResultLine, writeResultFile } from './accounts.builders.ts';
import { accountsForPayment, saveAccount } from './store.ts';
import { backends } from '../../../../test/support/db.ts';

const master = masterKeyFrom(newSecretKey(), 'test');
const programmeId = 'adjustment-2024';
const actor = { userId: 'cli' };

const resultFile = (w: LedgerWorld, name: string, lines: readonly ResultLine[], encoding: CsvEncoding) => writeResultFile(w.file(name, ''), lines, encoding);
const account = accountItems;

function readQuery(file: string): Record<string, string>[] {
  const text = iconv.decode(fs.readFileSync(file), 'cp932');
  return parse<Record<string, string>>(text, {
    columns: (header: string[]) => {
      assert.deepEqual(header, [...QUERY_COLUMNS]);
      return header;
    },
  });
}

async function rejection(p: Promise<unknown>): Promise<{ count: number; errors: { line: number; column?: string; code: string; ja: string; en: string }[] }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError && e.code === 'import_rejected') return e.details as never;
    throw e;
  }
  assert.fail('the file was taken');
}

for (const backend of backends) {
  describe(`公金受取口座 query and result files on ${backend}`, () => {
    let w: LedgerWorld;
    let cipher: FieldCipher;
    /** Eligible targets' integrated numbers → resident numbers (from the linkage file). */
    let needed: Map<string, string>;
    let query: Record<string, string>[];
    before(async () => {
      const [world, rows] = await Promise.all([ledgerWorld(backend), generatedLedgerRows()]);
      w = world;
      await importTaxpayers({ db: w.db, municipalityCode: city, programmeId, source: w.file('t.csv', taxpayersCsv(rows.taxpayers)), actor });
      await importLinkage({ db: w.db, municipalityCode: city, source: w.file('l.csv', linkageCsv(rows.linkage)), actor });
      await computeTargets({ db: w.db, municipalityCode: city, programmeId, actor });
      cipher = await fieldCipher(w.db, master, city);
      const { rows: eligible } = await sql<{ integrated_number: string; resident_number: string }>`
        select k.integrated_number, g.resident_number from benefit_target g join benefit_linkage k using (municipality_code, resident_number)
        where g.eligible order by k.integrated_number`.execute(w.db.kysely);
      needed = new Map(eligible.map((r) => [r.integrated_number, r.resident_number]));
      assert.ok(needed.size > 20, `only ${needed.size} eligible targets generated`);
    });
    after(() => w.close());

    it('writes ② in Shift_JIS: one row per eligible target without an account, by 団体内統合宛名番号, the fixed codes in every row', async () => {
      const file = w.file('query.csv', '');
      const r = await writeAccountQuery({ db: w.db.kysely, municipalityCode: city, programmeId, dest: file });
      assert.equal(r.rows, needed.size);
      assert.equal(await accountQueryCount({ db: w.db.kysely, municipalityCode: city, programmeId }), needed.size);
      assert.ok(fs.readFileSync(file).includes(iconv.encode('団体内統合宛名番号', 'cp932')));
      query = readQuery(file);
      assert.deepEqual(query.map((q) => q['団体内統合宛名番号']), [...needed.keys()]);
      assert.deepEqual(query.map((q) => q['レコード識別番号']), query.map((_, i) => String(i + 1)));
      for (const q of query) {
        assert.deepEqual([q['情報照会者機関コード'], q['照会側不開示コード'], q['事務コード'], q['特定個人情報名コード'], q['特定個人情報の項目コード']], [city, '0', 'JM160', 'KOKIN-UKETORI-KOZA', '']);
      }
    });

    it('imports ③ in Shift_JIS: accounts registered as public_fund, answers without one counted by reason', async () => {
      const [a, b, c, d, e] = query.map((q) => q['団体内統合宛名番号']!);
      const lines = [
        ...answerLines(a!, '000001', account('0001', '001', '普通', '1234567', 'ヤマダ タロウ')),
        ...answerLines(b!, '000002', account('0005', '001', '1', '765432', 'ｽｽﾞｷ ﾊﾅｺ')),
        ...answerLines(c!, '000003', account('0009', '001', '貯蓄', '0000123', 'タナカ　ジロウ')),
        ...answerLines(d!, '000004', { status: '提供済', reason: '口座未登録' }),
        ...answerLines(e!, '000005', { status: '照会中', reason: '' }),
      ];
      const r = await importAccountResults({ db: w.db, municipalityCode: city, source: await resultFile(w, 'r.csv', lines, 'sjis'), actor, cipher, by: null });
      assert.equal(r.encoding, 'sjis');
      assert.equal(r.rows, lines.length);
      assert.deepEqual([r.answers, r.registered, r.unchanged, r.keptOther], [5, 3, 0, 0]);
      assert.deepEqual(r.noAccount, [{ statusName: '提供済', unsetReason: '口座未登録', count: 1 }, { statusName: '照会中', unsetReason: '', count: 1 }]);

      const accounts = await accountsForPayment(w.db.kysely, cipher, city, [a, b, c, d, e].map((n) => needed.get(n!)!));
      assert.deepEqual([...accounts.keys()].sort(), [a, b, c].map((n) => needed.get(n!)!).sort());
      const first = checkAccount({ bankCode: '0001', branchCode: '001', accountType: '普通', accountNumber: '1234567', holderName: 'ヤマダ タロウ' });
      assert.ok(first.ok);
      assert.deepEqual(accounts.get(needed.get(a!)!), first.account);
      assert.equal(accounts.get(needed.get(b!)!)!.accountNumber, '0765432');
      assert.equal(accounts.get(needed.get(c!)!)!.holderKana, 'ﾀﾅｶ ｼﾞﾛｳ');
      const { rows: stored } = await sql<{ source: string; n: number }>`select source, count(*)::integer as n from benefit_account group by source`.execute(w.db.kysely);
      assert.deepEqual(stored, [{ source: 'public_fund', n: 3 }]);
      const { rows: lookups } = await sql<{ outcome: string; n: number }>`select outcome, count(*)::integer as n from benefit_account_lookup group by outcome order by outcome`.execute(w.db.kysely);
      assert.deepEqual(lookups, [{ outcome: 'none', n: 2 }, { outcome: 'provided', n: 3 }]);

    });

    it('asks again only when told: ② leaves out accounts and "no account" answers, and with again includes the latter', async () => {
      const [a, b, c, d, e] = query.map((q) => q['団体内統合宛名番号']!);
      const plain = w.file('q-plain.csv', '');
      await writeAccountQuery({ db: w.db.kysely, municipalityCode: city, programmeId, dest: plain });
      const asked = new Set(readQuery(plain).map((q) => q['団体内統合宛名番号']));
      assert.equal(asked.size, needed.size - 5);
      for (const n of [a, b, c, d, e]) assert.equal(asked.has(n), false);
      const again = w.file('q-again.csv', '');
      await writeAccountQuery({ db: w.db.kysely, municipalityCode: city, programmeId, dest: again, again: true });
      const askedAgain = new Set(readQuery(again).map((q) => q['団体内統合宛名番号']));
      assert.equal(askedAgain.size, needed.size - 3);
      assert.ok(askedAgain.has(d) && askedAgain.has(e));
    });

    it('imports ③ in UTF-8; the same account again is unchanged, and a reply\'s account is kept over the registry\'s', async () => {
      const [a, , , , , f] = query.map((q) => q['団体内統合宛名番号']!);
      const fromReply = checkAccount({ bankCode: '0001', branchCode: '001', accountType: '当座', accountNumber: '5555555', holderName: 'サトウ' });
      assert.ok(fromReply.ok);
      await saveAccount(w.db.kysely, cipher, { municipalityCode: city, residentNumber: needed.get(f!)!, source: 'reply', account: fromReply.account, by: 'clerk' });
      const lines = [
        ...answerLines(a!, '000011', account('0001', '001', '普通', '1234567', 'ヤマダ タロウ')),
        ...answerLines(f!, '000012', account('0005', '001', '普通', '1111111', 'サトウ')),
      ];
      const r = await importAccountResults({ db: w.db, municipalityCode: city, source: await resultFile(w, 'r8.csv', lines, 'utf8'), actor, cipher, by: 'clerk' });
      assert.equal(r.encoding, 'utf8');
      assert.deepEqual([r.answers, r.registered, r.unchanged, r.keptOther], [2, 0, 1, 1]);
      const kept = await accountsForPayment(w.db.kysely, cipher, city, [needed.get(f!)!]);
      assert.equal(kept.get(needed.get(f!)!)!.accountNumber, '5555555');
    });

    it('refuses a file with bad lines whole, each by line and column, without values, and changes nothing', async () => {
      const ids = query.map((q) => q['団体内統合宛名番号']!);
      const before = await sql<{ n: number }>`select count(*)::integer as n from benefit_account`.execute(w.db.kysely);
      const good = answerLines(ids[10]!, '000021', account('0001', '001', '普通', '2345678', 'イトウ'));
      const badNumber = answerLines(ids[11]!, '000022', account('0001', '001', '普通', '98765432', 'カトウ'));
      const missing = answerLines(ids[12]!, '000023', account('0001', '001', '普通', '3456789', 'キムラ')).slice(0, 4);
      const kanji = answerLines(ids[13]!, '000024', account('0001', '001', '普通', '4567890', '木村'));
      const unknown = answerLines('999999999999999', '000025', account('0001', '001', '普通', '4567890', 'ハヤシ'));
      const badItem = answerLines(ids[14]!, '000026', { ...account('0001', '001', '普通', '4567890', 'モリ'), 口座の色: 'アカ' });
      const lines = [...good, ...badNumber, ...missing, ...kanji, ...unknown, ...badItem];
      const file = await resultFile(w, 'bad.csv', lines, 'sjis');
      const r = await rejection(importAccountResults({ db: w.db, municipalityCode: city, source: file, actor, cipher, by: null }));
      // Line 1 is the header; the answers follow in the order written: 5 + 5 + 4 + 5 + 5 + 6 lines.
      const found = r.errors.map((e) => [e.line, e.column, e.code]);
      assert.deepEqual(found, [
        [10, '情報提供内容', 'account_number_invalid'],
        [12, '特定個人情報の項目名称', 'item_missing'],
        [20, '情報提供内容', 'account_holder_chars'],
        [21, '団体内統合宛名番号', 'person_unknown'],
        [31, '特定個人情報の項目名称', 'item_unknown'],
      ]);
      assert.equal(r.count, 5);
      const text = JSON.stringify(r.errors);
      for (const value of ['98765432', '木村', 'アカ', '999999999999999']) assert.equal(text.includes(value), false, value);
      assert.match(r.errors[1]!.ja, /口座名義人\(カナ\)/);
      const after = await sql<{ n: number }>`select count(*)::integer as n from benefit_account`.execute(w.db.kysely);
      assert.deepEqual(after.rows, before.rows);
    });

    it('refuses one person answered under two serials, and an answer mixing provided lines with others', async () => {
      const ids = query.map((q) => q['団体内統合宛名番号']!);
      const mixed = answerLines(ids[16]!, '000032', account('0001', '001', '普通', '5678901', 'オカダ'));
      mixed[2] = { ...mixed[2], '照会ステータス(特定個人情報名単位)名称': '照会中' };
      const lines = [
        ...answerLines(ids[15]!, '000030', account('0001', '001', '普通', '5678901', 'ノグチ')),
        ...answerLines(ids[15]!, '000031', { status: '提供済', reason: '口座未登録' }),
        ...mixed,
      ];
      const r = await rejection(importAccountResults({ db: w.db, municipalityCode: city, source: await resultFile(w, 'twice.csv', lines, 'utf8'), actor, cipher, by: null }));
      assert.deepEqual(r.errors.map((e) => [e.line, e.column, e.code]), [
        [7, '団体内統合宛名番号', 'person_twice'],
        [10, '照会ステータス(特定個人情報名単位)名称', 'answer_mixed'],
      ]);
      assert.match(r.errors[0]!.ja, /2行目からの回答もあります/);
    });

    it('refuses a file whose header is not seed 002\'s', async () => {
      const file = w.file('header.csv', '団体内統合宛名番号,処理通番\r\n1,1\r\n');
      const r = await rejection(importAccountResults({ db: w.db, municipalityCode: city, source: file, actor, cipher, by: null }));
      assert.ok(r.errors.some((e) => e.code === 'header_missing' && e.line === 1));
    });
  });
}
