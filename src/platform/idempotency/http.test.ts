import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { replyIdempotently } from './http.ts';

describe('Idempotency-Key on a route', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp('pglite');
    await t.db.script('create table booking_effect (n serial primary key)');
    t.app.post('/api/test/book', { config: { public: true } }, (req, reply) =>
      replyIdempotently(t.db, req, reply, { municipalityCode: '279994', clientId: 'test' }, async (tx) => {
        const r = await sql<{ n: number }>`insert into booking_effect default values returning n`.execute(tx);
        return { status: 201, body: { bookingNo: r.rows[0]!.n } };
      }));
    await t.app.ready();
  });
  after(() => t.close());

  it('replays the stored answer with Idempotent-Replayed for a retry with the same key', async () => {
    const send = () => t.app.inject({ method: 'POST', url: '/api/test/book', headers: { 'idempotency-key': 'booking-abc-123' }, payload: { seats: 2 } });
    const first = await send();
    const retry = await send();
    assert.equal(first.statusCode, 201);
    assert.equal(retry.statusCode, 201);
    assert.deepEqual(retry.json(), first.json());
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.equal(first.headers['idempotent-replayed'], undefined);
  });

  it('refuses a malformed key', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/test/book', headers: { 'idempotency-key': 'short' }, payload: {} });
    assert.equal(res.statusCode, 400);
  });
});
