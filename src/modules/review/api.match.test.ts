// The review API with the real matching, on an extract imported by the review's own import.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { cliActor } from '../../platform/auth/audit.ts';
import { loadMasterKey } from '../../platform/crypto/index.ts';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { backends } from '../../../test/support/db.ts';
import { importExtract } from './import.ts';
import { reviewIndexer } from './indexer.ts';
import { registerReviewClient } from './clients.ts';

const city = '279994';
const residents = [
  '住記個人番号,氏名カナ,生年月日,郵便番号,通称名カナ,AL氏名カナ',
  '1001,ヤマダ　タロウ,1980-04-01,650-0001,,',
  '1002,ヤマダ　キョウコ,1985-07-07,650-0001,,',
  '1003,リ　ヨウ,1990-01-31,650-0044,ミヤモト　ヨウコ,',
].join('\r\n');
const taxYears = ['住記個人番号,業務宛名番号,課税年度', '1001,5001,2025', '1002,5002,2024'].join('\r\n');

for (const backend of backends) {
  describe(`POST /api/v1/review/match with the real matching, on ${backend}`, () => {
    let t: TestApp;
    let token = '';
    before(async () => {
      t = await testApp(backend, ['review']);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-review-api-'));
      fs.writeFileSync(path.join(dir, 'residents.csv'), residents);
      fs.writeFileSync(path.join(dir, 'tax-years.csv'), taxYears);
      const indexer = await reviewIndexer(t.db, loadMasterKey(t.config), city);
      await importExtract({ db: t.db, indexer, residentsFile: path.join(dir, 'residents.csv'), taxYearsFile: path.join(dir, 'tax-years.csv'), actor: cliActor });
      fs.rmSync(dir, { recursive: true, force: true });
      ({ token } = await registerReviewClient(t.db, { municipalityCode: city, name: 'スマート申請 審査サーバー' }, cliActor));
    });
    after(() => t.close());

    const call = (body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/review/match', headers: { authorization: `Bearer ${token}` }, payload: { requestId: 'R-1', ...body } });

    const cases: Array<{ why: string; body: Record<string, unknown>; expected: Record<string, unknown> }> = [
      {
        why: 'match: the name in half-width kana without a space, the postal code without hyphen, a year with a tax record',
        body: { nameKana: 'ﾔﾏﾀﾞﾀﾛｳ', birthDate: '1980-04-01', postalCode: '6500001', taxYear: 2025 },
        expected: { verdict: 'match', certificateIssuable: true, reasons: [] },
      },
      {
        why: 'match, but no certificate for a year without a tax record',
        body: { nameKana: 'ヤマダ タロウ', birthDate: '1980-04-01', postalCode: '650-0001', taxYear: 2023 },
        expected: { verdict: 'match', certificateIssuable: false, reasons: [] },
      },
      {
        why: 'partial: キヨウコ for キョウコ needs the loose tier, and the postal code differs',
        body: { nameKana: 'ヤマダキヨウコ', birthDate: '1985-07-07', postalCode: '650-0044', taxYear: 2024 },
        expected: { verdict: 'partial', certificateIssuable: true, reasons: ['kana_variant', 'postal_code_differs'] },
      },
      {
        why: 'match by the alias name (通称名カナ) in hiragana, saying so, and no certificate question without a year',
        body: { nameKana: 'みやもと ようこ', birthDate: '1990-01-31', postalCode: '650-0044' },
        expected: { verdict: 'match', certificateIssuable: null, reasons: ['alias_name'] },
      },
      {
        why: 'no_match for another birth date',
        body: { nameKana: 'ヤマダタロウ', birthDate: '1980-04-02', postalCode: '650-0001', taxYear: 2025 },
        expected: { verdict: 'no_match', certificateIssuable: null, reasons: [] },
      },
    ];
    for (const c of cases) {
      it(c.why, async () => {
        const res = await call(c.body);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(res.json(), { requestId: 'R-1', ...c.expected });
      });
    }

    it('answers a name that is not kana with 400 validation_failed naming the field, and logs no value of the request', async () => {
      const res = await call({ requestId: 'R-bad', nameKana: '山田太郎', birthDate: '1980-04-01', postalCode: '650-0001' });
      assert.equal(res.statusCode, 400);
      assert.deepEqual([res.json().error.code, res.json().error.details], ['validation_failed', { fields: ['nameKana'] }]);
      const { rows } = await sql<{ all: string }>`select string_agg(detail || ' ' || array_to_string(subjects, ' '), ' | ') as all from audit_event where operation_code = 'review.match'`.execute(t.db.kysely);
      for (const value of ['山田', 'ヤマダ', 'ﾔﾏﾀﾞ', 'みやもと', '1980-04-0', '1985-07-07', '650-00', '6500001']) assert.ok(!rows[0]!.all.includes(value), value);
      assert.match(rows[0]!.all, /review_request:R-bad/);
    });
  });
}
