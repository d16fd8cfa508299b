import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../test/support/db.ts';
import { buildMatchRequest, type ReviewApiWorld, reviewApiWorld } from '../../../test/support/review-api.ts';

const answerKeys = ['certificateIssuable', 'reasons', 'requestId', 'verdict'];

/** Calls in parallel batches (as a busy review server would), so group commit keeps the test quick. */
async function callMany(w: ReviewApiWorld, token: string, n: number, body: (i: number) => Record<string, unknown>) {
  const answers = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) => w.call(token, body(i + j)));
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

for (const backend of backends) {
  describe(`POST /api/v1/review/match on ${backend}`, () => {
    let w: ReviewApiWorld;
    before(async () => {
      w = await reviewApiWorld(backend);
    });
    after(() => w.close());

    it('answers a registered client with the verdict and exactly requestId, verdict, certificateIssuable and reasons', async () => {
      const { token } = await w.client();
      const cases = [
        [{ nameKana: 'ヤマダタロウ' }, { verdict: 'match', certificateIssuable: true, reasons: [] }],
        [{ nameKana: 'ヤマダキヨウコ' }, { verdict: 'partial', certificateIssuable: false, reasons: ['kana_variant', 'postal_code_differs'] }],
        [{ nameKana: 'スズキイチロウ' }, { verdict: 'multiple', certificateIssuable: null, reasons: [] }],
        [{ nameKana: 'ダレモイナイ', taxYear: undefined }, { verdict: 'no_match', certificateIssuable: null, reasons: [] }],
      ] as const;
      for (const [fields, expected] of cases) {
        const res = await w.call(token, buildMatchRequest({ requestId: 'A-1', ...fields }));
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(Object.keys(res.json()).sort(), answerKeys);
        assert.deepEqual(res.json(), { requestId: 'A-1', ...expected });
        assert.equal(res.headers['cache-control'], 'no-store');
      }
    });

    it('logs every call as an audit event by the client, with the request id and the verdict and no value the caller sent', async () => {
      const { clientId, token } = await w.client({ name: '監査テスト用 接続先' });
      const before = (await w.events()).length;
      const body = buildMatchRequest({ requestId: 'AUD-7', nameKana: 'ヤマダキヨウコ', birthDate: '1979-12-31', postalCode: '650-0044', taxYear: 2023 });
      assert.equal((await w.call(token, body)).statusCode, 200);
      assert.equal((await w.call(token, { ...body, requestId: 'AUD-8', birthDate: '1979/12/31' })).statusCode, 400);
      const events = (await w.events()).slice(before);
      assert.deepEqual(events.map((e) => [e.operation_code, e.outcome, e.user_id, e.user_name, e.subjects]), [
        ['review.match', 'success', `api_client:${clientId}`, '監査テスト用 接続先', ['review_request:AUD-7']],
        ['review.match', 'failure', `api_client:${clientId}`, '監査テスト用 接続先', []],
      ]);
      assert.equal(events[0]!.detail, 'verdict partial, certificateIssuable false, reasons kana_variant postal_code_differs');
      assert.equal(events[1]!.detail, 'refused: validation_failed');
      const logged = JSON.stringify(events);
      for (const value of ['ヤマダキヨウコ', 'ﾔﾏﾀﾞ', '1979-12-31', '19791231', '1979/12/31', '650-0044', '6500044', '2023']) {
        assert.ok(!logged.includes(value), `the audit log holds ${value}`);
      }
      assert.ok(!w.logs().includes('ヤマダキヨウコ') && !w.logs().includes('1979-12-31'), 'nor does the server log');
    });

    it('answers invalid input with 400 and the error shape, naming the field but not its value', async () => {
      const { token } = await w.client();
      const cases: Array<[string, Record<string, unknown>]> = [
        ['a birth date not YYYY-MM-DD', buildMatchRequest({ birthDate: '19800401' })],
        ['a field not in the schema', buildMatchRequest({ address: '神戸市中央区' })],
        ['a missing name', { requestId: 'A-1', birthDate: '1980-04-01', postalCode: '650-0001' }],
        ['a request id with spaces', buildMatchRequest({ requestId: 'APP 1' })],
        ['a request id over 64 characters', buildMatchRequest({ requestId: 'x'.repeat(65) })],
        ['a tax year that is not an integer', buildMatchRequest({ taxYear: 2024.5 })],
        ['a name the matching cannot read', buildMatchRequest({ nameKana: 'ダメ' })],
      ];
      for (const [why, body] of cases) {
        const res = await w.call(token, body);
        assert.equal(res.statusCode, 400, why);
        assert.equal(res.json().error.code, 'validation_failed', why);
        assert.equal(typeof res.json().error.message, 'string', why);
        assert.ok(!res.body.includes('神戸市中央区'), `${why}: the answer echoes no value`);
      }
      const notJson = await w.call(token, undefined, { headers: { 'content-type': 'application/xml' } });
      assert.equal(notJson.statusCode, 415);
      assert.equal(notJson.json().error.code, 'unsupported_media_type');
    });

    it('counts verdicts in /metrics', async () => {
      const { token } = await w.client();
      await w.call(token, buildMatchRequest({ nameKana: 'スズキイチロウ' }));
      const metrics = (await w.app.inject('/metrics')).body;
      assert.match(metrics, /madoguchi_review_verdicts_total\{verdict="multiple"\} [1-9]/);
    });
  });

  describe(`rate limit per client on ${backend}`, () => {
    let w: ReviewApiWorld;
    before(async () => {
      w = await reviewApiWorld(backend);
    });
    after(() => w.close());

    it('refuses the 601st call in a minute with 429, Retry-After and the error shape, and logs it', async () => {
      const { clientId, token } = await w.client();
      const answers = await callMany(w, token, 600, (i) => buildMatchRequest({ requestId: `R-${i}` }));
      assert.deepEqual([...new Set(answers.map((a) => a.statusCode))], [200]);
      const over = await w.call(token, buildMatchRequest({ requestId: 'R-600' }));
      assert.equal(over.statusCode, 429);
      const retryAfter = Number(over.headers['retry-after']);
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${over.headers['retry-after']}`);
      assert.equal(over.json().error.code, 'rate_limited');
      assert.equal(over.json().error.details.retryAfterSeconds, retryAfter);
      const last = (await w.events()).filter((e) => e.user_id === `api_client:${clientId}`).at(-1)!;
      assert.deepEqual([last.outcome, last.detail], ['denied', 'refused: over 600 calls per minute']);
    });

    it('keeps each client to its own limit', async () => {
      const slow = await w.client({ ratePerMinute: 3 });
      const other = await w.client({ ratePerMinute: 3 });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await w.call(slow.token)).statusCode);
      statuses.push((await w.call(other.token)).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 429, 200]);
    });
  });

  describe(`the no_match burst alert on ${backend}`, () => {
    let w: ReviewApiWorld;
    before(async () => {
      w = await reviewApiWorld(backend);
    });
    after(() => w.close());

    const alerts = async (clientId: string) => (await w.events()).filter((e) => e.operation_code === 'review.alert.no_match_burst' && e.subjects.includes(`review_client:${clientId}`));

    it('raises one alert for a client with more than half no_match of 100 calls, and keeps answering when not set to suspend', async () => {
      const { clientId, token } = await w.client();
      // 49 matches, then no_match after no_match: the 100th call makes 51 of 100.
      const answers = await callMany(w, token, 160, (i) => buildMatchRequest({ requestId: `B-${i}`, nameKana: i < 49 ? 'ヤマダタロウ' : `ダレ${i}` }));
      assert.deepEqual([...new Set(answers.map((a) => a.statusCode))], [200]);
      const raised = await alerts(clientId);
      assert.equal(raised.length, 1);
      assert.equal(raised[0]!.user_id, 'system:review_monitor');
      assert.match(raised[0]!.detail, /^no_match \d+ of \d+ calls in 5 min \(alert above 50 % of ≥ 100\)$/);
      const metrics = (await w.app.inject('/metrics')).body;
      assert.match(metrics, new RegExp(`madoguchi_review_no_match_alerts_total\\{client_id="${clientId}"\\} 1`));
    });

    it('suspends a client set to suspend on the alert, which is then refused with 403 api_client_suspended', async () => {
      const { clientId, token } = await w.client({ suspendOnAlert: true });
      for (let i = 0; i < 100; i++) {
        const res = await w.call(token, buildMatchRequest({ requestId: `S-${i}`, nameKana: i < 49 ? 'ヤマダタロウ' : `ダレ${i}` }));
        assert.equal(res.statusCode, 200, `call ${i + 1} is answered: the alert comes with the 100th`);
      }
      const refused = await w.call(token);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'api_client_suspended');
      assert.match(refused.json().error.message, /suspended|利用停止/);
      assert.equal((await alerts(clientId)).length, 1);
      const row = await w.db.kysely.selectFrom('review_api_client').select(['suspended_at', 'suspended_reason']).where('client_id', '=', clientId).executeTakeFirstOrThrow();
      assert.notEqual(row.suspended_at, null);
      assert.match(row.suspended_reason ?? '', /^no_match burst: no_match 51 of 100 calls/);
      const events = (await w.events()).filter((e) => e.subjects.includes(`review_client:${clientId}`)).map((e) => `${e.operation_code}:${e.user_id}`);
      assert.deepEqual(events, ['review.client.register:cli', 'review.alert.no_match_burst:system:review_monitor', 'review.client.suspend:system:review_monitor']);
    });
  });
}
