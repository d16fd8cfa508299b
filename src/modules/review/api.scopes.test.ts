import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliActor } from '../../platform/auth/audit.ts';
import { backends } from '../../../test/support/db.ts';
import { buildMatchRequest, city, type ReviewApiWorld, reviewApiWorld } from '../../../test/support/review-api.ts';
import { staffWithRoles } from '../../../test/support/staff.ts';
import { changeReviewClientSuspension } from './clients.ts';

for (const backend of backends) {
  describe(`who may call the review API, on ${backend}`, () => {
    let w: ReviewApiWorld;
    before(async () => {
      // Rows are read on every call here, so a suspension made behind the server's back shows at once.
      w = await reviewApiWorld(backend, { cacheMs: 0 });
    });
    after(() => w.close());

    const errorOf = (res: { statusCode: number; json(): { error: { code: string; message: string } } }) => [res.statusCode, res.json().error.code];

    it('refuses a call without a token with 401 invalid_api_token and a Bearer challenge, and logs no event for nobody', async () => {
      const before = (await w.events()).length;
      const res = await w.call(undefined);
      assert.deepEqual(errorOf(res), [401, 'invalid_api_token']);
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="madoguchi"');
      assert.equal((await w.events()).length, before);
    });

    it('refuses a token that is malformed, unknown, or right for the client id but wrong in its secret with 401', async () => {
      const { token } = await w.client();
      const [code, clientId, secret] = token.split('.') as [string, string, string];
      const wrong = [
        'not-a-token',
        `${code}.${clientId}`,
        `${code}.rc_0000000000000000.${secret}`,
        `131041.${clientId}.${secret}`,
        `${code}.${clientId}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`,
        `${token}x`,
      ];
      for (const t of wrong) {
        const res = await w.call(t);
        assert.deepEqual(errorOf(res), [401, 'invalid_api_token'], t);
        assert.equal(res.headers['www-authenticate'], 'Bearer realm="madoguchi", error="invalid_token"');
      }
      const basic = await w.app.inject({ method: 'POST', url: '/api/v1/review/match', headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, payload: buildMatchRequest() });
      assert.deepEqual(errorOf(basic), [401, 'invalid_api_token']);
      assert.match((await w.app.inject('/metrics')).body, /madoguchi_review_refusals_total\{reason="invalid_token"\} [1-9]/);
      assert.equal((await w.call(token)).statusCode, 200, 'the right token still works');
    });

    it('refuses a member of staff, even an administrator with a valid session and CSRF token, with 403 api_client_only', async () => {
      const admin = await staffWithRoles(w.db, 'review.admin', [{ role: 'administrator' }]);
      const res = await w.app.inject({
        method: 'POST', url: '/api/v1/review/match',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        payload: JSON.stringify(buildMatchRequest()),
      });
      assert.deepEqual(errorOf(res), [403, 'api_client_only']);
    });

    it('refuses a suspended client with 403 api_client_suspended, logs the refusal, and answers again once resumed', async () => {
      const { clientId, token } = await w.client();
      await changeReviewClientSuspension(w.db, { municipalityCode: city, clientId, suspend: true, reason: 'test' }, cliActor);
      const refused = await w.call(token, buildMatchRequest({ requestId: 'SUS-1' }));
      assert.deepEqual(errorOf(refused), [403, 'api_client_suspended']);
      assert.match(refused.json().error.message, /利用停止|suspended/);
      const last = (await w.events()).at(-1)!;
      assert.deepEqual([last.operation_code, last.outcome, last.user_id, last.subjects], ['review.match', 'denied', `api_client:${clientId}`, []]);
      assert.match(last.detail, /^refused: suspended since /);
      await changeReviewClientSuspension(w.db, { municipalityCode: city, clientId, suspend: false, reason: 'test over' }, cliActor);
      assert.equal((await w.call(token)).statusCode, 200);
    });

    it('admits a client with an allow-list only from its networks, IPv4 and IPv6', async () => {
      const { token } = await w.client({ networks: ['192.0.2.0/24', '2001:db8::/32'] });
      const from = async (remoteAddress: string) => (await w.call(token, buildMatchRequest(), { remoteAddress })).statusCode;
      assert.equal(await from('192.0.2.7'), 200);
      assert.equal(await from('::ffff:192.0.2.7'), 200);
      assert.equal(await from('2001:db8::5'), 200);
      const outside = await w.call(token, buildMatchRequest(), { remoteAddress: '198.51.100.1' });
      assert.deepEqual(errorOf(outside), [403, 'api_client_network_refused']);
      assert.equal(await from('2001:db9::5'), 403);
      const last = (await w.events()).at(-1)!;
      assert.deepEqual([last.outcome, last.detail], ['denied', "refused: address outside the client's networks"]);
    });

    it('admits a client without an allow-list from any address', async () => {
      const { token } = await w.client();
      for (const remoteAddress of ['198.51.100.1', '2001:db9::5', '127.0.0.1']) {
        assert.equal((await w.call(token, buildMatchRequest(), { remoteAddress })).statusCode, 200, remoteAddress);
      }
    });
  });
}
