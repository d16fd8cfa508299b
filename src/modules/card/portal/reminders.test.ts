import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { listOutbox } from '../../../platform/mail/index.ts';
import { buildApplicant, cardDb, MC } from '../card.builders.ts';
import { book, cancelReservation } from '../reservations/book.ts';
import { queueReminders } from './reminders.ts';

// Tuesday 2 March 2027 at the city hall; "now" is the day before, in Japan time.
const day = '2027-03-02';
const at = (hhmm: string) => new Date(`2027-03-01T${hhmm}:00+09:00`);

for (const backend of backends) {
  describe(`the day-before reminder (${backend})`, () => {
    it('mails each of tomorrow\'s bookings with an email once, from 09:00, and none that was cancelled', async () => {
      const db = await cardDb(backend);
      try {
        const ctx = { publicUrl: 'https://portal.example.jp', now: at('08:00') };
        const request = (startTime: string, email: string) => ({
          municipalityCode: MC, siteCode: 'honcho', typeCode: 'apply', date: day, startTime, people: 1, lang: 'ja' as const, applicant: buildApplicant({ email }),
        });
        await book(db, request('09:00', 'kept@example.jp'), { kind: 'resident' }, ctx);
        const gone = await book(db, request('09:30', 'gone@example.jp'), { kind: 'resident' }, ctx);
        await cancelReservation(db, MC, gone.reservationNumber, { token: gone.cancelToken }, ctx);
        await book(db, { ...request('10:00', 'x@example.jp'), date: '2027-03-03' }, { kind: 'resident' }, ctx);

        assert.equal(await db.transaction((tx) => queueReminders(tx, at('08:59'))), 0, 'not before 09:00');
        assert.equal(await db.transaction((tx) => queueReminders(tx, at('09:00'))), 1);
        assert.equal(await db.transaction((tx) => queueReminders(tx, at('10:00'))), 0, 'once');
        const reminders = (await listOutbox(db.kysely, MC, { limit: 100 })).filter((m) => m.category === 'card.reservation.reminder');
        assert.deepEqual(reminders.map((m) => m.to), ['kept@example.jp']);
        assert.match(reminders[0]!.text, /明日/);
        assert.match(reminders[0]!.text, /予約時にお送りしたメールのリンク/);
      } finally {
        await db.close();
      }
    });
  });
}
