// Recording replies on both backends: a returned 支給確認書 with consent saves the account (source reply) and moves
// the target to replied; a declining reply keeps no account; late, second and notice replies are refused with the
// reason, leaving everything as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { accountHistory } from '../accounts/store.ts';
import { addPublicFundAccount, addTarget, buildAccount, city, letterWorld } from '../letters/letters.builders.ts';
import { sendLetter } from '../letters/send.ts';
import { type RecordReply, recordReply } from './record.ts';
import { replyOf } from './store.ts';

const programmeId = 'adjustment-2024';
const clerk = { userId: 'benefits.clerk' };

for (const backend of backends) {
  describe(`recording replies on ${backend}`, () => {
    let w: Awaited<ReturnType<typeof letterWorld>>;
    before(async () => {
      w = await letterWorld(backend);
    });
    after(() => w.close());

    /** A target with its letter sent on 1 July 2024 (a confirmation form unless a public-fund account is known). */
    const notified = async (withAccount = false) => {
      const t = await addTarget(w.db);
      if (withAccount) await addPublicFundAccount(w.db, w.cipher, t.residentNumber);
      await sendLetter({ db: w.db, cipher: w.cipher, municipalityCode: city, programmeId, residentNumber: t.residentNumber, sentOn: '2024-07-01', actor: clerk });
      return t.residentNumber;
    };
    const reply = (residentNumber: string, o: Partial<RecordReply> = {}): RecordReply => ({
      db: w.db, cipher: w.cipher, municipalityCode: city, programmeId, residentNumber, answer: { consent: true, account: buildAccount('7654321') },
      channel: 'paper', receivedOn: '2024-07-20', today: '2024-07-22', actor: clerk, ...o,
    });
    const state = async (r: string) => (await w.db.kysely.selectFrom('benefit_target').select('state').where('resident_number', '=', r).executeTakeFirstOrThrow()).state;
    const refused = async (o: RecordReply, refusal: string) => {
      await assert.rejects(recordReply(o), (e) => e instanceof AppError && e.code === 'benefits_reply_refused' && e.details.refusal === refusal);
    };

    it('takes a returned form with consent: the account becomes the current one, from the reply, and the target is replied', async () => {
      const r = await notified();
      await recordReply(reply(r));
      assert.equal(await state(r), 'replied');
      const stored = await replyOf(w.db.kysely, city, programmeId, r);
      assert.deepEqual([stored?.channel, stored?.consent, stored?.receivedOn, stored?.recordedBy, stored?.letterNumber], ['paper', true, '2024-07-20', clerk.userId, 1]);
      const [account] = await accountHistory(w.db.kysely, city, r);
      assert.deepEqual([account?.source, account?.current, account?.maskedNumber, account?.registeredBy], ['reply', true, '****321', clerk.userId]);
      const events = await w.db.kysely.selectFrom('audit_event').select(['subjects', 'detail']).where('operation_code', '=', 'benefits.reply.record').execute();
      assert.deepEqual(events.map((e) => e.subjects), [[`benefit_target:${r}`]]);
      assert.ok(!events[0]!.detail.includes('7654321'));
    });

    it('takes an online reply that declines, with no account and no clerk', async () => {
      const r = await notified();
      await recordReply(reply(r, { answer: { consent: false }, channel: 'online', actor: { userId: 'resident' }, receivedOn: '2024-07-22' }));
      const stored = await replyOf(w.db.kysely, city, programmeId, r);
      assert.deepEqual([stored?.channel, stored?.consent, stored?.recordedBy], ['online', false, null]);
      assert.deepEqual(await accountHistory(w.db.kysely, city, r), []);
      assert.equal(await state(r), 'replied');
    });

    it('refuses a reply after the deadline, a second reply, a reply to a notice and one without a letter, changing nothing', async () => {
      const late = await notified();
      await refused(reply(late, { receivedOn: '2024-09-30', today: '2024-10-01' }), 'after_deadline');
      assert.equal(await state(late), 'notified');
      assert.equal(await replyOf(w.db.kysely, city, programmeId, late), undefined);
      assert.deepEqual(await accountHistory(w.db.kysely, city, late), []);
      const twice = await notified();
      await recordReply(reply(twice));
      await refused(reply(twice), 'already_replied');
      await refused(reply(await notified(true)), 'not_a_confirmation');
      await refused(reply((await addTarget(w.db)).residentNumber), 'no_letter');
      await assert.rejects(recordReply(reply('1')), (e) => e instanceof AppError && e.code === 'benefits_target_not_found');
    });
  });
}
