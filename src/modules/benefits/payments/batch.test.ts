// 振込バッチ on both backends: what a batch takes and leaves out, the account snapshot encrypted, one unsettled batch
// per target held by the database (also when two clerks prepare at once), four eyes, the file written again to the
// same bytes, settlement, a return paid again after the account's correction, and cancelling.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { backends } from '../../../../test/support/db.ts';
import { staffActor } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { nextState } from '../domain/ledger-state.ts';
import { parseTransferFile } from '../zengin/parser.ts';
import { approveBatch, batchFile, cancelBatch, prepareBatch } from './batch.ts';
import { addAccounts, addDecidedTargets, mc, type PaymentWorld, paymentWorld, programmeId, targetState } from './payments.builders.ts';
import { returnItems, settleBatch } from './settle.ts';
import { batchItems, findBatch, itemPage } from './store.ts';

const as = (loginId: string) => ({ municipalityCode: mc, actor: staffActor({ loginId, displayName: loginId, department: '' }) });
const refusedWith = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

for (const backend of backends) {
  describe(`payment batches on ${backend}`, () => {
    let w: PaymentWorld;
    let targets: string[];
    before(async () => {
      w = await paymentWorld(backend);
      targets = await addDecidedTargets(w.db, [90_000, 30_000, 10_000, 40_000, 20_000]);
      await addAccounts(w.db, w.cipher, targets.filter((_, i) => i !== 2));
      await addDecidedTargets(w.db, [50_000], 90, 'replied');
      // The 支給決定 of the fifth says 25,000: the batch pays what was decided, not the computation.
      await sql`insert into benefit_decision (municipality_code, programme_id, resident_number, outcome, amount, rule_version, decided_on, decided_by)
        values (${mc}, ${programmeId}, ${targets[4]}, 'granted', 25000, 'adjustment-2024.1', '2026-12-01', 'test')`.execute(w.db.kysely);
    });
    after(() => w.close());

    let batchId: number;
    it('takes the decided targets with an account, lists the one without, snapshots amounts and accounts with the number encrypted', async () => {
      const b = await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: '2027-01-08' });
      batchId = b.batchId;
      assert.deepEqual([b.itemCount, b.total, b.leftOut], [4, 185_000, [targets[2]]]);
      const items = await batchItems(w.db.kysely, mc, batchId);
      assert.deepEqual(items.map((i) => [i.itemNumber, i.residentNumber, i.amount, i.result]), [
        [1, targets[0], 90_000, 'pending'], [2, targets[1], 30_000, 'pending'], [3, targets[3], 40_000, 'pending'], [4, targets[4], 25_000, 'pending'],
      ]);
      for (const it of items) {
        assert.match(it.accountNumberEncrypted, /^v1\./);
        assert.ok(!it.accountNumberEncrypted.includes(it.residentNumber.slice(-7)));
        assert.equal(it.accountNumberLast3, it.residentNumber.slice(-3));
      }
      const { rows } = await sql<{ n: number }>`select count(*)::integer as n from benefit_payment_item where account_number_encrypted like ${`%${targets[0]!.slice(-7)}%`}`.execute(w.db.kysely);
      assert.equal(rows[0]!.n, 0, 'no account number in clear');
      assert.equal((await findBatch(w.db.kysely, mc, batchId))!.state, 'prepared');
      assert.equal(await targetState(w.db, targets[0]!), 'decided', 'a target stays decided until the bank pays');
    });

    it('finds nothing left for a second batch while the first is unsettled', async () => {
      await assert.rejects(prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: '2027-01-08' }), refusedWith('benefits_batch_empty'));
    });

    it('refuses in the database a second unsettled item for a target, whoever writes it', async () => {
      await assert.rejects(sql`insert into benefit_payment_item (municipality_code, batch_id, item_number, programme_id, resident_number, amount, bank_code, branch_code,
        bank_kana, branch_kana, account_type, account_number_encrypted, account_number_last3, holder_kana)
        values (${mc}, ${batchId}, 99, ${programmeId}, ${targets[0]}, 1, '0001', '001', 'ﾐｽﾞﾎ', 'ﾄｳｷﾖｳ', '1', 'v1.x', '123', 'ﾔﾏﾀﾞ')`.execute(w.db.kysely), /unique|duplicate/i);
    });

    it('puts each target in one batch when two clerks prepare at the same moment', async () => {
      const fresh = await addDecidedTargets(w.db, Array.from({ length: 30 }, () => 10_000), 200);
      await addAccounts(w.db, w.cipher, fresh);
      const outcomes = await Promise.allSettled([
        prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: '2027-01-08' }),
        prepareBatch(w.db, w.cipher, { ...as('clerk2'), programmeId, transferDate: '2027-01-08' }),
      ]);
      const made = outcomes.filter((o) => o.status === 'fulfilled');
      assert.equal(made.length, 1, JSON.stringify(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.value))));
      const refused = outcomes.find((o) => o.status === 'rejected');
      assert.ok(refused && (refusedWith('benefits_batch_empty')(refused.reason) || refusedWith('benefits_batch_conflict')(refused.reason)));
      const { rows } = await sql<{ n: number; distinct: number }>`select count(*)::integer as n, count(distinct resident_number)::integer as distinct
        from benefit_payment_item where result = 'pending' and resident_number in (select jsonb_array_elements_text(${JSON.stringify(fresh)}::jsonb))`.execute(w.db.kysely);
      assert.deepEqual(rows[0], { n: 30, distinct: 30 });
      await cancelBatch(w.db, { ...as('clerk'), batchId: made[0]!.value.batchId });
    });

    it('takes up to N when asked, the rest left for the next batch', async () => {
      const b = await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: '2027-01-08', limit: 10 });
      assert.equal(b.itemCount, 10);
      await cancelBatch(w.db, { ...as('clerk'), batchId: b.batchId });
      const { rows } = await sql<{ n: number }>`select count(*)::integer as n from benefit_payment_item where batch_id = ${b.batchId} and result = 'cancelled'`.execute(w.db.kysely);
      assert.equal(rows[0]!.n, 10, 'a cancelled batch releases its targets');
    });

    it('refuses approval by the preparer (four eyes) and lets another approve, writing the file and keeping its hash', async () => {
      await assert.rejects(approveBatch(w.db, w.cipher, { ...as('clerk'), batchId }), refusedWith('benefits_four_eyes'));
      const file = await approveBatch(w.db, w.cipher, { ...as('officer'), batchId });
      const batch = (await findBatch(w.db.kysely, mc, batchId))!;
      assert.deepEqual([batch.state, batch.approvedBy, batch.fileSha256], ['approved', 'officer', file.sha256]);
      const parsed = parseTransferFile(file.bytes);
      assert.deepEqual([parsed.count, parsed.total, parsed.header.transferDate], [4, 185_000, '0108']);
      await assert.rejects(approveBatch(w.db, w.cipher, { ...as('officer2'), batchId }), refusedWith('benefits_batch_step_not_allowed'));
    });

    it('writes the same bytes again, and refuses a file whose items changed since approval', async () => {
      const first = await batchFile(w.db, w.cipher, mc, batchId);
      const again = await batchFile(w.db, w.cipher, mc, batchId);
      assert.ok(first.bytes.equals(again.bytes));
      assert.equal(first.sha256, (await findBatch(w.db.kysely, mc, batchId))!.fileSha256);
      await sql`update benefit_payment_item set amount = amount + 1 where batch_id = ${batchId} and item_number = 1`.execute(w.db.kysely);
      await assert.rejects(batchFile(w.db, w.cipher, mc, batchId), refusedWith('benefits_batch_file_mismatch'));
      await sql`update benefit_payment_item set amount = amount - 1 where batch_id = ${batchId} and item_number = 1`.execute(w.db.kysely);
    });

    it('settles: every transfer paid, every target paid, the batch settled', async () => {
      assert.deepEqual(await settleBatch(w.db, { ...as('officer'), batchId }), { settled: 4, batchSettled: true });
      assert.deepEqual(await Promise.all([0, 1, 3, 4].map((i) => targetState(w.db, targets[i]!))), ['paid', 'paid', 'paid', 'paid']);
      assert.equal((await findBatch(w.db.kysely, mc, batchId))!.state, 'settled');
      assert.ok((await batchFile(w.db, w.cipher, mc, batchId)).sha256, 'a settled batch still gives its file');
    });

    it('records a returned transfer, refuses one not paid, and pays it again in a new batch once the account is corrected', async () => {
      await assert.rejects(returnItems(w.db, { ...as('clerk'), batchId, itemNumbers: [2, 7], reason: 'account_closed', note: '' }), (e: unknown) => e instanceof AppError && e.code === 'benefits_batch_items' && e.message.includes('7'));
      assert.equal(await returnItems(w.db, { ...as('clerk'), batchId, itemNumbers: [2], reason: 'account_closed', note: '解約済' }), 1);
      assert.equal(await targetState(w.db, targets[1]!), 'returned');
      await assert.rejects(returnItems(w.db, { ...as('clerk'), batchId, itemNumbers: [2], reason: 'account_closed', note: '' }), refusedWith('benefits_batch_items'));
      const meanwhile = await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: '2027-01-12' });
      assert.ok(!(await batchItems(w.db.kysely, mc, meanwhile.batchId)).some((i) => i.residentNumber === targets[1]), 'a returned target waits for its correction');
      await cancelBatch(w.db, { ...as('clerk'), batchId: meanwhile.batchId });
      await sql`update benefit_target set state = 'rejected' where resident_number like '0000000001002%' or resident_number like '0000000001003%'`.execute(w.db.kysely);
      // The accounts slice's correction: a new account, and the `correct` step back to decided.
      await addAccounts(w.db, w.cipher, [targets[1]!], 'ヤマダ ハナコ');
      await sql`update benefit_target set state = ${nextState('returned', 'correct')}, state_changed_at = now() where resident_number = ${targets[1]} and state = 'returned'`.execute(w.db.kysely);
      const again = await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: '2027-01-12' });
      assert.deepEqual([again.itemCount, again.total], [1, 30_000]);
      assert.equal((await batchItems(w.db.kysely, mc, again.batchId))[0]!.holderKana, 'ﾔﾏﾀﾞ ﾊﾅｺ');
      await approveBatch(w.db, w.cipher, { ...as('officer'), batchId: again.batchId });
      await settleBatch(w.db, { ...as('officer'), batchId: again.batchId, itemNumbers: [1] });
      assert.equal(await targetState(w.db, targets[1]!), 'paid');
      await assert.rejects(cancelBatch(w.db, { ...as('clerk'), batchId: again.batchId }), refusedWith('benefits_batch_step_not_allowed'));
    });

    it('writes a batch of more than a page of items (5,001) whole and in order, the file the same when written again', async () => {
      const many = await addDecidedTargets(w.db, Array.from({ length: itemPage + 1 }, (_, i) => 10_000 * (1 + (i % 3))), 10_000);
      await addAccounts(w.db, w.cipher, many);
      const b = await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: '2027-01-13' });
      assert.equal(b.itemCount, itemPage + 1);
      const file = await approveBatch(w.db, w.cipher, { ...as('officer'), batchId: b.batchId });
      const parsed = parseTransferFile(file.bytes);
      assert.deepEqual([parsed.count, parsed.total], [b.itemCount, b.total]);
      assert.deepEqual(parsed.transfers.map((t) => Number(t.customerCode1)), Array.from({ length: itemPage + 1 }, (_, i) => i + 1));
      assert.equal(parsed.transfers.at(-1)!.accountNumber, many.at(-1)!.slice(-7));
      assert.ok((await batchFile(w.db, w.cipher, mc, b.batchId)).bytes.equals(file.bytes));
      await cancelBatch(w.db, { ...as('clerk'), batchId: b.batchId });
      assert.equal((await findBatch(w.db.kysely, mc, b.batchId))!.state, 'cancelled', 'an approved batch not yet paid may be cancelled');
      await assert.rejects(batchFile(w.db, w.cipher, mc, b.batchId), refusedWith('benefits_batch_step_not_allowed'), 'and its file is no longer given');
    });

    it('writes an audit event for every change, naming the batch and never a person', async () => {
      const events = await w.db.kysely.selectFrom('audit_event').select(['subjects', 'detail', 'user_id']).where('operation_code', '=', 'benefits.batch.change').execute();
      assert.ok(events.length >= 8);
      for (const e of events) {
        assert.ok(e.subjects.every((s) => s.startsWith('benefit_payment_batch:')));
        assert.ok(!targets.some((n) => e.detail.includes(n)));
      }
    });
  });
}
