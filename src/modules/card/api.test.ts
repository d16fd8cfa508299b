// /api/v1/card: availability, booking (idempotent, refusals with their codes), cancelling by token, the per-address
// limit and the OpenAPI document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { backends } from '../../../test/support/db.ts';
import { listOutbox } from '../../platform/mail/outbox.ts';
import { WRITES_PER_MINUTE } from './api.ts';
import { buildApplicant, MC } from './card.builders.ts';
import { book } from './reservations/book.ts';

interface Day { date: string; mark: string; symbol: string; remaining: number; slots: Array<{ startTime: string; remaining: number; bookable: boolean }> }

let address = 0;
/** A client address of its own per test, so the per-address limit of one test never reaches another. */
const nextAddress = () => `192.0.2.${++address}`;

for (const backend of backends) {
  describe(`card API on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend, ['portal']);
    });
    after(() => t.close());

    const availability = async (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/card/availability?${query}` });
    /** The first bookable slot of a type at a site with at least `places` left, from the API itself. */
    const openSlot = async (site = 'honcho', type = 'apply', places = 1, skip = 0) => {
      const days = (await availability(`site=${site}&type=${type}`)).json<{ days: Day[] }>().days;
      const slots = days.flatMap((d) => d.slots.filter((s) => s.bookable && s.remaining >= places).map((s) => ({ date: d.date, startTime: s.startTime })));
      return slots[skip]!;
    };
    const post = (body: Record<string, unknown>, headers: Record<string, string> = {}, remoteAddress = nextAddress()) =>
      t.app.inject({ method: 'POST', url: '/api/v1/card/reservations', remoteAddress, headers, payload: body });
    const bookingBody = (slot: { date: string; startTime: string }, applicant = buildApplicant(), extra: Record<string, unknown> = {}) =>
      ({ site: 'honcho', type: 'apply', ...slot, applicant: { ...applicant, email: applicant.email ?? undefined }, ...extra });

    it('answers 31 days of marks and slots, 休 on weekends, with the places left', async () => {
      const res = await availability('site=honcho&type=apply');
      assert.equal(res.statusCode, 200);
      const { days } = res.json<{ days: Day[] }>();
      assert.equal(days.length, 31);
      const sunday = days.find((d) => new Date(`${d.date}T00:00:00Z`).getUTCDay() === 0)!;
      assert.deepEqual([sunday.mark, sunday.symbol, sunday.slots.length], ['closed', '休', 0]);
      const open = days.find((d) => d.mark === 'available')!;
      assert.equal(open.slots[0]?.startTime, '09:00');
      assert.equal(open.remaining, open.slots.reduce((n, s) => n + s.remaining, 0));
    });

    it('refuses an unknown site or type (404) and a malformed or reversed range (400) in the error shape', async () => {
      const unknown = await availability('site=nowhere&type=apply');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'not_found');
      assert.equal((await availability('site=minami&type=reissue')).statusCode, 404);
      assert.equal((await availability('site=honcho&type=apply&from=2026-13-01')).statusCode, 400);
      assert.equal((await availability('site=honcho&type=apply&from=2026-12-10&to=2026-12-01')).statusCode, 400);
      assert.equal((await availability('site=honcho')).statusCode, 400);
      const long = await availability('site=honcho&type=apply&from=2026-12-01&to=2027-12-01');
      assert.equal(long.json<{ days: Day[] }>().days.length, 62);
    });

    it('books a slot: 201 with the number and cancel token, the place taken, the confirmation in the outbox', async () => {
      const slot = await openSlot();
      const applicant = buildApplicant();
      const res = await post(bookingBody(slot, applicant));
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json<{ reservationNumber: string; cancelToken: string; endTime: string }>();
      assert.match(body.reservationNumber, /^[1-9][0-9]{11}$/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const mail = (await listOutbox(t.db.kysely, MC, { limit: 100 })).find((m) => m.to === applicant.email);
      assert.ok(mail?.text.includes(`/card/r/${body.reservationNumber}/${body.cancelToken}`));
      const after_ = (await availability(`site=honcho&type=apply&from=${slot.date}&to=${slot.date}`)).json<{ days: Day[] }>().days[0]!;
      assert.equal(after_.slots.find((s) => s.startTime === slot.startTime)?.remaining, 3);
    });

    it('books once per Idempotency-Key: the repeat gets the same answer, another body with the key is refused', async () => {
      const slot = await openSlot();
      const body = bookingBody(slot);
      const headers = { 'idempotency-key': 'api-test-key-0001' };
      const [first, again] = [await post(body, headers), await post(body, headers)];
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(again.json<{ reservationNumber: string }>().reservationNumber, first.json<{ reservationNumber: string }>().reservationNumber);
      const other = await post(bookingBody(slot), headers);
      assert.deepEqual([other.statusCode, other.json<{ error: { code: string } }>().error.code], [422, 'idempotency_key_reused']);
    });

    it('tells why a booking is refused: invalid details, the same person again, a full slot', async () => {
      const slot = await openSlot('honcho', 'pickup');
      const invalid = await post(bookingBody(slot, buildApplicant(), { type: 'pickup', applicant: { name: '見本', kana: 'abc', address: '見本市', phone: '123' } }));
      assert.equal(invalid.statusCode, 400);
      assert.deepEqual(invalid.json<{ error: { details: unknown } }>().error.details, { fields: { kana: 'invalid', phone: 'invalid', birthDate: 'required' } });

      const person = buildApplicant();
      assert.equal((await post(bookingBody(slot, person, { type: 'pickup' }))).statusCode, 201);
      const again = await post(bookingBody(slot, { ...buildApplicant(), birthDate: person.birthDate, phone: person.phone }, { type: 'pickup' }));
      assert.deepEqual([again.statusCode, again.json<{ error: { code: string } }>().error.code], [409, 'card_duplicate_booking']);

      const k = { municipalityCode: MC, siteCode: 'honcho', typeCode: 'pickup', ...slot, lang: 'ja' as const };
      await book(t.db, { ...k, people: 2, applicant: buildApplicant() }, { kind: 'resident' }, { publicUrl: t.config.publicUrl });
      const full = await post(bookingBody(slot, buildApplicant(), { type: 'pickup' }));
      const error = full.json<{ error: { code: string; message: string } }>().error;
      assert.deepEqual([full.statusCode, error.code], [409, 'card_slot_full']);
      assert.match(error.message, /満席/);
    });

    it('cancels with the token only: a wrong token is an unknown number, the right one cancels, a second time is refused', async () => {
      const slot = await openSlot();
      const { reservationNumber, cancelToken } = (await post(bookingBody(slot))).json<{ reservationNumber: string; cancelToken: string }>();
      const del = (token: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/card/reservations/${reservationNumber}`, remoteAddress: nextAddress(), headers: { 'x-cancel-token': token } });
      assert.equal((await del('A'.repeat(43))).statusCode, 404);
      const ok = await del(cancelToken);
      assert.deepEqual([ok.statusCode, ok.json()], [200, { reservationNumber, status: 'cancelled' }]);
      assert.equal((await del(cancelToken)).json<{ error: { code: string } }>().error.code, 'card_reservation_not_cancellable');
      const noToken = await t.app.inject({ method: 'DELETE', url: `/api/v1/card/reservations/${reservationNumber}` });
      assert.equal(noToken.statusCode, 400);
    });

    it(`limits booking and cancelling to ${WRITES_PER_MINUTE} attempts a minute per client address`, async () => {
      const from = nextAddress();
      const attempts = [];
      for (let i = 0; i <= WRITES_PER_MINUTE; i++) attempts.push(await post({ site: 'honcho', type: 'apply', date: '2026-01-01', startTime: '09:00', applicant: {} }, {}, from));
      assert.equal(attempts.filter((r) => r.statusCode === 429).length, 1);
      const last = attempts.at(-1)!;
      assert.deepEqual([last.json<{ error: { code: string } }>().error.code, last.headers['retry-after']], ['rate_limited', '60']);
      assert.notEqual((await post({ site: 'honcho' }, {}, nextAddress())).statusCode, 429, 'another address is not limited');
    });

    it('is in the OpenAPI document', async () => {
      const doc = (await t.app.inject('/api/openapi.json')).json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
      assert.deepEqual(Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/card')).sort(), ['/api/v1/card/availability', '/api/v1/card/reservations', '/api/v1/card/reservations/{number}']);
      assert.deepEqual(doc.paths['/api/v1/card/reservations']?.post?.tags, ['card']);
      assert.ok(doc.paths['/api/v1/card/reservations/{number}']?.delete);
    });
  });
}
