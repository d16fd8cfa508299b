import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { authorizeRecord } from './record.ts';

const records = new Map([
  ['r-a', { id: 'r-a', site: 'A', holder: '山田' }],
  ['r-b', { id: 'r-b', site: 'B', holder: '佐藤' }],
]);

describe('object-level access by data scope', () => {
  let t: TestApp;
  let clerkOfA: TestStaff;
  before(async () => {
    t = await testApp('pglite');
    t.app.get('/api/test/records/:id', { config: { capability: 'console.use' } }, async (req) => {
      const { id } = req.params as { id: string };
      return authorizeRecord(req, 'console.use', records.get(id), (r) => ({ municipalityCode: '279994', attributes: { site: r.site } }));
    });
    clerkOfA = await staffWithRoles(t.db, 'clerk.a', [{ role: 'clerk', scope: { site: ['A'] } }]);
  });
  after(() => t.close());

  it('gives a clerk of site A a record of site A', async () => {
    const res = await t.app.inject({ url: '/api/test/records/r-a', headers: { cookie: clerkOfA.cookie } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().holder, '山田');
  });

  it('answers a clerk of site A asking for a record of site B with 404, exactly as for a missing id', async () => {
    const other = await t.app.inject({ url: '/api/test/records/r-b', headers: { cookie: clerkOfA.cookie } });
    const missing = await t.app.inject({ url: '/api/test/records/r-zzz', headers: { cookie: clerkOfA.cookie } });
    assert.equal(other.statusCode, 404);
    assert.doesNotMatch(other.body, /佐藤/);
    assert.deepEqual(other.json(), missing.json());
  });
});
