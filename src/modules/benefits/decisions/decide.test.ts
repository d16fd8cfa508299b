// Deciding on both backends: 支給決定 of a reply with consent and of a notice past its 辞退 deadline (one, or all in
// bulk a page per transaction), 却下 with a reason that applies, each with the target's rule version and amount,
// audited; refusals say why and change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { addPublicFundAccount, addTarget, buildAccount, city, letterWorld } from '../letters/letters.builders.ts';
import { sendLetter } from '../letters/send.ts';
import { recordReply } from '../replies/record.ts';
import { type DecisionScope, grantOverdueNotices, grantTarget, planOverdueNotices, rejectTarget } from './decide.ts';
import { decisionOf } from './store.ts';

const programmeId = 'adjustment-2024';
const clerk = { userId: 'benefits.clerk' };

for (const backend of backends) {
  describe(`deciding on ${backend}`, () => {
    let w: Awaited<ReturnType<typeof letterWorld>>;
    let scope: (today: string) => DecisionScope;
    before(async () => {
      w = await letterWorld(backend);
      scope = (today) => ({ db: w.db, municipalityCode: city, programmeId, today, actor: clerk });
    });
    after(() => w.close());

    /** A target with its letter sent on 1 July 2024: a notice (deadline 15 July) or a confirmation form (29 September). */
    const notified = async (kind: 'notice' | 'confirmation', amount = 90_000) => {
      const t = await addTarget(w.db, { amount });
      if (kind === 'notice') await addPublicFundAccount(w.db, w.cipher, t.residentNumber);
      await sendLetter({ db: w.db, cipher: w.cipher, municipalityCode: city, programmeId, residentNumber: t.residentNumber, sentOn: '2024-07-01', actor: clerk });
      return t.residentNumber;
    };
    const replied = async (consent: boolean) => {
      const r = await notified('confirmation');
      await recordReply({ db: w.db, cipher: w.cipher, municipalityCode: city, programmeId, residentNumber: r, answer: consent ? { consent, account: buildAccount() } : { consent }, channel: 'paper', receivedOn: '2024-07-10', today: '2024-07-10', actor: clerk });
      return r;
    };
    const state = async (r: string) => (await w.db.kysely.selectFrom('benefit_target').select('state').where('resident_number', '=', r).executeTakeFirstOrThrow()).state;
    const refused = (p: Promise<unknown>, refusal: string) => assert.rejects(p, (e) => e instanceof AppError && e.code === 'benefits_decision_refused' && e.details.refusal === refusal);

    it('grants a reply with consent with the target’s amount and rule version, recording who and when, audited', async () => {
      const r = await replied(true);
      const d = await grantTarget({ ...scope('2024-07-12'), residentNumber: r });
      assert.equal(await state(r), 'decided');
      const stored = await decisionOf(w.db.kysely, city, programmeId, r);
      assert.deepEqual([stored?.outcome, stored?.amount, stored?.ruleVersion, stored?.decidedOn, stored?.decidedBy, stored?.reason], ['granted', 90_000, 'adjustment-2024.1', '2024-07-12', clerk.userId, null]);
      assert.deepEqual(d.amount, 90_000);
      const events = await w.db.kysely.selectFrom('audit_event').select('subjects').where('operation_code', '=', 'benefits.decision.record').execute();
      assert.deepEqual(events.map((e) => e.subjects), [[`benefit_target:${r}`]]);
    });

    it('grants a notice only after its decline deadline, and waits for a confirmation form', async () => {
      const n = await notified('notice');
      await refused(grantTarget({ ...scope('2024-07-15'), residentNumber: n }), 'before_decline_deadline');
      assert.equal(await state(n), 'notified');
      await grantTarget({ ...scope('2024-07-16'), residentNumber: n });
      assert.equal(await state(n), 'decided');
      await refused(grantTarget({ ...scope('2024-12-01'), residentNumber: await notified('confirmation') }), 'waiting_for_reply');
      await refused(grantTarget({ ...scope('2024-07-16'), residentNumber: n }), 'not_open');
    });

    it('rejects a declining reply as 辞退 (never grants it), and an overdue confirmation form as 期限経過', async () => {
      const declined = await replied(false);
      await refused(grantTarget({ ...scope('2024-07-12'), residentNumber: declined }), 'reply_declined');
      await rejectTarget({ ...scope('2024-07-12'), residentNumber: declined, reason: 'declined' });
      const d = await decisionOf(w.db.kysely, city, programmeId, declined);
      assert.deepEqual([d?.outcome, d?.reason, d?.amount, d?.ruleVersion], ['rejected', 'declined', 0, 'adjustment-2024.1']);
      assert.equal(await state(declined), 'rejected');
      const overdue = await notified('confirmation');
      await refused(rejectTarget({ ...scope('2024-09-29'), residentNumber: overdue, reason: 'deadline_passed' }), 'not_overdue');
      await rejectTarget({ ...scope('2024-09-30'), residentNumber: overdue, reason: 'deadline_passed' });
      assert.equal(await state(overdue), 'rejected');
      await refused(rejectTarget({ ...scope('2024-09-30'), residentNumber: overdue, reason: 'not_eligible' }), 'not_open');
    });

    it('plans and grants every notice past its deadline in bulk, a page per transaction, leaving the rest', async () => {
      const due = [await notified('notice', 10_000), await notified('notice', 20_000), await notified('notice', 30_000)];
      const form = await notified('confirmation');
      const early = await addTarget(w.db, { amount: 40_000 });
      await addPublicFundAccount(w.db, w.cipher, early.residentNumber);
      await sendLetter({ db: w.db, cipher: w.cipher, municipalityCode: city, programmeId, residentNumber: early.residentNumber, sentOn: '2024-07-10', actor: clerk });
      const plan = await planOverdueNotices(scope('2024-07-20'));
      assert.deepEqual(plan, { targets: 3, amount: 60_000 });
      const before = (await w.db.kysely.selectFrom('audit_event').select('seq').where('operation_code', '=', 'benefits.decision.record').execute()).length;
      assert.deepEqual(await grantOverdueNotices({ ...scope('2024-07-20'), pageSize: 2 }), plan);
      for (const r of due) assert.equal(await state(r), 'decided');
      assert.equal(await state(form), 'notified');
      assert.equal(await state(early.residentNumber), 'notified');
      const after = (await w.db.kysely.selectFrom('audit_event').select('seq').where('operation_code', '=', 'benefits.decision.record').execute()).length;
      assert.equal(after - before, 2, 'one audit event per page');
      assert.deepEqual(await grantOverdueNotices(scope('2024-07-20')), { targets: 0, amount: 0 });
    });
  });
}
