import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { listOutbox } from '../../../platform/mail/index.ts';
import { buildApplicant, cardDb, MC } from '../card.builders.ts';
import { book, cancelReservation, joinWaitlist } from '../reservations/book.ts';
import { offerExpiryJob } from './offer-expiry.ts';

// 再発行 at 北区役所 on Tuesday 2 March 2027: one person an hour, 10:00–15:00.
const day = '2027-03-02';
const now = new Date('2027-02-20T10:00:00+09:00');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

for (const backend of backends) {
  describe(`the offer-expiry job (${backend})`, () => {
    it('passes a place whose hold ran out to the next in line, and nothing before that', async () => {
      const db = await cardDb(backend);
      try {
        const ctx = { publicUrl: 'https://portal.example.jp', now };
        const slot = { municipalityCode: MC, siteCode: 'kita', typeCode: 'reissue', date: day, people: 1, lang: 'ja' as const };
        const made = [];
        for (const startTime of ['10:00', '11:00', '12:00', '13:00', '14:00']) made.push(await book(db, { ...slot, startTime, applicant: buildApplicant() }, { kind: 'resident' }, ctx));
        for (const who of ['first', 'second']) await joinWaitlist(db, { ...slot, name: who, email: `${who}@example.jp`, phone: '0612345678' }, now);
        await cancelReservation(db, MC, made[0]!.reservationNumber, { token: made[0]!.cancelToken }, ctx);
        const offers = async () => (await listOutbox(db.kysely, MC, { limit: 100 })).filter((m) => m.category === 'card.waitlist.offer').map((m) => m.to).sort();
        assert.deepEqual(await offers(), ['first@example.jp']);

        const job = (at: Date) => db.transaction((tx) => offerExpiryJob(ctx.publicUrl, () => at).run(tx));
        assert.equal(await job(hours(23)), 0, 'the hold (24 h) still runs');
        assert.equal(await job(hours(25)), 1);
        assert.deepEqual(await offers(), ['first@example.jp', 'second@example.jp']);
      } finally {
        await db.close();
      }
    });
  });
}
