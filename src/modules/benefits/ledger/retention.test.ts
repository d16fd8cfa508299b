// The benefit ledger as a retention source, on both backends: an entry (a taxpayer of a programme) is due 5 years after
// the programme ends, later when a receivable of it was settled later, never while a receivable is outstanding or a
// transfer awaits its result; disposal deletes the entry with every row that hangs on it, the person's accounts and
// linkage once no other programme holds them, and their number from the batches' lists of those left out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { addPublicFundAccount, addTarget, city, letterWorld } from '../letters/letters.builders.ts';
import { benefitLedgerRetention as source } from './retention.ts';

type World = Awaited<ReturnType<typeof letterWorld>>;
const programmeId = 'adjustment-2024';
const perEntry = ['benefit_taxpayer', 'benefit_target', 'benefit_letter', 'benefit_reply', 'benefit_decision', 'benefit_payment_item', 'benefit_receivable'];
const perPerson = ['benefit_account', 'benefit_account_lookup', 'benefit_linkage'];

/** Letter, reply and decision of the target, as the clerks' steps write them. */
async function notifyAndDecide(w: World, n: string): Promise<void> {
  await sql`insert into benefit_letter (municipality_code, programme_id, resident_number, letter_number, kind, rule_version, amount, reply_deadline, sent_on, sent_by)
    values (${city}, ${programmeId}, ${n}, 1, 'notice', 'adjustment-2024.1', 90000, '2024-08-31', '2024-07-01', 'clerk1')`.execute(w.db.kysely);
  await sql`insert into benefit_reply (municipality_code, programme_id, resident_number, letter_number, channel, consent, received_on, recorded_by)
    values (${city}, ${programmeId}, ${n}, 1, 'paper', true, '2024-07-10', 'clerk1')`.execute(w.db.kysely);
  await sql`insert into benefit_decision (municipality_code, programme_id, resident_number, outcome, amount, rule_version, decided_on, decided_by)
    values (${city}, ${programmeId}, ${n}, 'granted', 90000, 'adjustment-2024.1', '2024-07-20', 'clerk1')`.execute(w.db.kysely);
}

/** A transfer of the target in the batch, paid or still waiting for the bank. */
const transfer = (w: World, batchId: number, item: number, n: string, result: 'paid' | 'pending') => sql`insert into benefit_payment_item (municipality_code, batch_id,
    item_number, programme_id, resident_number, amount, bank_code, branch_code, bank_kana, branch_kana, account_type, account_number_encrypted,
    account_number_last3, holder_kana, result, result_at, result_by)
  values (${city}, ${batchId}, ${item}, ${programmeId}, ${n}, 90000, '0001', '001', 'ﾐｽﾞﾎ', 'ﾄｳｷﾖｳ', '1', 'v1.test', '567', 'ﾐﾎﾝ ﾊﾅｺ', ${result},
    ${result === 'paid' ? new Date('2024-08-10T00:00:00Z') : null}, ${result === 'paid' ? 'clerk1' : null})`.execute(w.db.kysely);

async function rowCounts(w: World, tables: readonly string[], n: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where municipality_code = ${city} and resident_number = ${n}`.execute(w.db.kysely);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

for (const backend of backends) {
  describe(`the benefit ledger as a retention source on ${backend}`, () => {
    let w: World;
    let paid: string;
    let shared: string;
    let owing: string;
    let waiting: string;
    let batchId: number;
    let receivableId: number;
    before(async () => {
      w = await letterWorld(backend);
      const target = async () => (await addTarget(w.db, { state: 'paid' })).residentNumber;
      paid = await target();
      shared = await target();
      owing = await target();
      waiting = await target();
      const { rows: [batch] } = await sql<{ batch_id: number }>`insert into benefit_payment_batch (municipality_code, programme_id, transfer_date, item_count, total_amount, left_out, prepared_by)
        values (${city}, ${programmeId}, '2024-08-10', 3, 270000, ${JSON.stringify([paid, owing])}::jsonb, 'clerk1') returning batch_id`.execute(w.db.kysely);
      batchId = Number(batch!.batch_id);
      for (const n of [paid, shared]) {
        await notifyAndDecide(w, n);
        await addPublicFundAccount(w.db, w.cipher, n);
      }
      await transfer(w, batchId, 1, paid, 'paid');
      await transfer(w, batchId, 2, owing, 'paid');
      await transfer(w, batchId, 3, waiting, 'pending');
      await sql`insert into benefit_account_lookup (municipality_code, resident_number, outcome, status_name) values (${city}, ${paid}, 'provided', '提供済')`.execute(w.db.kysely);
      await sql`insert into benefit_linkage (municipality_code, resident_number, integrated_number, resident_since) values (${city}, ${paid}, ${paid}, '1990-01-01')`.execute(w.db.kysely);
      // The same person in a programme the ledger does not know the end of: their own rows stay with it.
      await sql`insert into benefit_taxpayer select municipality_code, 'topup-2025', resident_number, addressee_number, integrated_number, name, name_kana,
          birth_date, sex, postal_code, address, building, fiscal_year, total_income, estimated_income_tax, resident_income_levy, spouse_class,
          spouse_resident_number, spouse_abroad, spouse_business_employee, dependants_domestic, dependants_abroad, family_employees, relatives, status,
          status_date, imported_at
        from benefit_taxpayer where municipality_code = ${city} and resident_number = ${shared}`.execute(w.db.kysely);
      const { rows: [receivable] } = await sql<{ receivable_id: number }>`insert into benefit_receivable (municipality_code, programme_id, resident_number, amount, reason,
          notice_date, due_date, status, collected_amount, created_by)
        values (${city}, ${programmeId}, ${owing}, 90000, 'double_payment', '2024-09-01', '2024-09-30', 'partial', 10000, 'clerk1') returning receivable_id`.execute(w.db.kysely);
      receivableId = Number(receivable!.receivable_id);
      await sql`insert into benefit_receivable_payment (municipality_code, receivable_id, payment_number, paid_on, amount, recorded_by)
        values (${city}, ${receivableId}, 1, '2024-09-20', 10000, 'clerk1')`.execute(w.db.kysely);
    });
    after(() => w?.close());

    const due = (asOf: string) => w.db.transaction((tx) => source.findDue(tx, city, asOf, 10));
    const dispose = (keys: string[]) => w.db.transaction((tx) => source.dispose(tx, city, keys));
    const key = (n: string) => `${programmeId}:${n}`;

    it('finds the entries 5 years after the programme ends, not one with a repayment outstanding or a transfer unanswered', async () => {
      assert.deepEqual(await due('2030-03-30'), []);
      assert.deepEqual(await due('2030-03-31'), [paid, shared].map((n) => ({
        key: key(n), personKey: n, description: '給付台帳 定額減税調整給付金（当初調整給付）（事業終了 2025-03-31）', dueOn: '2030-03-31',
      })));
      assert.deepEqual((await due('2099-01-01')).map((d) => d.key), [key(paid), key(shared)]);
    });

    it('disposes of an entry with every row hanging on it, the person\'s own rows once no programme holds them, and their number from a batch\'s list', async () => {
      assert.deepEqual(await rowCounts(w, perEntry, paid), Object.fromEntries(perEntry.map((t) => [t, t === 'benefit_receivable' ? 0 : 1])));
      assert.deepEqual(await dispose([key(paid), key(shared), key(owing), key(waiting), 'not-a-key', key('999')]), [key(paid), key(shared)]);
      assert.deepEqual(await rowCounts(w, [...perEntry, ...perPerson], paid), Object.fromEntries([...perEntry, ...perPerson].map((t) => [t, 0])));
      assert.deepEqual(await rowCounts(w, ['benefit_taxpayer', 'benefit_target', 'benefit_account'], shared), { benefit_taxpayer: 1, benefit_target: 0, benefit_account: 1 },
        'the person\'s account stays while another programme holds them');
      assert.deepEqual(await rowCounts(w, ['benefit_target', 'benefit_payment_item', 'benefit_receivable'], owing), { benefit_target: 1, benefit_payment_item: 1, benefit_receivable: 1 });
      assert.deepEqual(await rowCounts(w, ['benefit_target', 'benefit_payment_item'], waiting), { benefit_target: 1, benefit_payment_item: 1 });
      const { rows: [batch] } = await sql<{ left_out: string[]; item_count: number }>`select left_out, item_count from benefit_payment_batch where batch_id = ${batchId}`.execute(w.db.kysely);
      assert.deepEqual([batch?.left_out, batch?.item_count], [[owing], 3], 'the batch stays, without the disposed person\'s number');
      assert.deepEqual(await dispose([key(paid), key(shared)]), []);
    });

    it('makes an entry due 5 years after its last repayment was settled, when that is later than the programme\'s', async () => {
      await sql`update benefit_receivable set status = 'written_off', written_off_reason = '時効', status_changed_at = '2031-06-01T01:00:00+09:00'
        where receivable_id = ${receivableId}`.execute(w.db.kysely);
      assert.deepEqual((await due('2036-05-31')).map((d) => d.key), []);
      assert.deepEqual((await due('2036-06-01')).map((d) => [d.key, d.dueOn]), [[key(owing), '2036-06-01']]);
      assert.deepEqual(await dispose([key(owing)]), [key(owing)]);
      assert.deepEqual(await rowCounts(w, perEntry, owing), Object.fromEntries(perEntry.map((t) => [t, 0])));
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from benefit_receivable_payment where receivable_id = ${receivableId}`.execute(w.db.kysely);
      assert.equal(rows[0]!.n, 0, 'the payments against the receivable went with it');
    });
  });
}
