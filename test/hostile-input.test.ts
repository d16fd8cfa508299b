// Hostile input through every registered route, as a logged-in administrator: always a 4xx or a normal answer in the
// error shape, never a 500, and nothing changes in the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from './support/app.ts';
import { staffWithRoles, type TestStaff } from './support/staff.ts';

const strings = [
  "' OR '1'='1",
  "'; drop table municipality; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}',
  'a\u0000b',
  'bell\u0007',
  '\u202Eevil',
  'x'.repeat(100_000),
];

type Payload = { name: string; contentType: string; body: string | Buffer };
const payloads: Payload[] = [
  { name: 'malformed JSON', contentType: 'application/json', body: '{"a": ' },
  { name: 'JSON of the wrong type', contentType: 'application/json', body: '[1,2,3]' },
  { name: 'JSON with wrong field types', contentType: 'application/json', body: JSON.stringify({ loginId: 42, password: ['x'], csrf: { a: 1 } }) },
  { name: 'invalid UTF-8', contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { name: 'oversize body', contentType: 'application/json', body: JSON.stringify({ a: 'x'.repeat(2 * 1024 * 1024) }) },
  { name: 'unknown content type', contentType: 'application/x-evil', body: 'zzz' },
  ...strings.map((s, i) => ({ name: `JSON string #${i}`, contentType: 'application/json', body: JSON.stringify({ loginId: s, password: s, csrf: s, name: s, q: s }) })),
  ...strings.map((s, i) => ({ name: `form string #${i}`, contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ loginId: s, password: s, csrf: s }).toString() })),
];

const concrete = (url: string, value: string) => url.replace(/:[A-Za-z_]+/g, encodeURIComponent(value)).replace(/\*$/, 'x');

describe('hostile input on every route', () => {
  let t: TestApp;
  let admin: TestStaff;
  let snapshot: () => Promise<string>;
  before(async () => {
    t = await testApp('pglite');
    await t.app.ready();
    admin = await staffWithRoles(t.db, 'hostile.admin', [{ role: 'administrator' }]);
    // Row counts of every table but the ones a request legitimately touches (sessions, audit attempts).
    snapshot = async () => {
      const { rows } = await sql<{ t: string }>`select relname as t from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' and relname not in ('staff_session', 'audit_event', 'audit_chain_head', 'idempotency_key') order by 1`.execute(t.db.kysely);
      const counts = [];
      for (const r of rows) counts.push(`${r.t}=${(await sql<{ n: number }>`select count(*)::int as n from ${sql.table(r.t)}`.execute(t.db.kysely)).rows[0]!.n}`);
      return counts.join(',');
    };
  });
  after(() => t.close());

  it('never answers 500 and changes nothing', async () => {
    const before = await snapshot();
    const routes = t.routes.filter((r) => !['HEAD', 'OPTIONS'].includes(r.method));
    const failures: string[] = [];
    for (const route of routes) {
      for (const p of payloads) {
        const method = route.method as 'POST';
        const url = `${concrete(route.url, "1' or 1=1--")}?q=${encodeURIComponent('<script>')}&lang=${encodeURIComponent("'")}`;
        const hasBody = !['GET', 'DELETE'].includes(method);
        const res = await t.app.inject({
          method,
          url,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...(hasBody ? { 'content-type': p.contentType } : {}) },
          ...(hasBody ? { payload: p.body } : {}),
        });
        if (res.statusCode >= 500) failures.push(`${method} ${route.url} ${p.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400 && /json/.test(String(res.headers['content-type']))) {
          const body = res.json();
          if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string') failures.push(`${method} ${route.url} ${p.name}: not the error shape`);
        }
        if (!hasBody) break; // a GET gets the hostile query once
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(await snapshot(), before);
  });

  it('rejects control characters in a query with 400 invalid_text', async () => {
    const res = await t.app.inject({ url: `/api/v1/municipality?q=${encodeURIComponent('a\u0000b')}` });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_text');
  });

  it('rejects a JSON body that is not valid UTF-8 with 400 invalid_text', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/console/login', headers: { 'content-type': 'application/json' },
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_text');
  });
});
