import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { loadMasterKey } from '../../../platform/crypto/index.ts';
import { buildResidentRow } from '../../review/domain/verdict.cases.ts';
import { numbered, residentsCsv, taxYearsCsv } from '../../review/extract.builders.ts';
import { importExtract } from '../../review/import.ts';
import { reviewIndexer } from '../../review/indexer.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { findApplication } from '../store.ts';
import { buildApplication, city, storeProcedure, validValues } from './inbox.builders.ts';

const bi = (ja: string, en: string) => ({ ja, en });

for (const backend of backends) {
  describe(`審査アシスト on an application on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let id: string;
    const post = (url: string) => t.app.inject({
      method: 'POST', url, headers: { cookie: clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `csrf=${clerk.csrf}`,
    });
    const page = async (url: string) => (await t.app.inject({ url, headers: { cookie: clerk.cookie } })).body;

    before(async () => {
      t = await testApp(backend, ['console']);
      clerk = await staffWithRoles(t.db, 'assist.clerk', [{ role: 'clerk' }]);
      const base = await storeProcedure(t.db, { id: 'assist-test' });
      const fields = [...base.definition.fields, { id: 'tax_year', type: 'number' as const, label: bi('課税年度', 'Tax year'), required: true, category: 'tax' as const }] as ProcedureDefinition['fields'];
      const procedure = await storeProcedure(t.db, { id: 'assist-test', fields, reviewAssist: { nameKana: 'name_kana', birthDate: 'birth_date', postalCode: 'postal_code', taxYear: 'tax_year' } });
      ({ applicationId: id } = await buildApplication(t, { ...procedure, values: validValues({ name_kana: 'ヤマダ キョウコ', birth_date: '1980-04-01', postal_code: '6500001', tax_year: 2024 }) }));
    });
    after(() => t?.close());

    it('says clearly that the extract is missing, stores nothing, and logs the attempt', async () => {
      const res = await post(`/console/applications/${id}/review-assist`);
      assert.equal(res.headers.location, `/console/applications/${id}?problem=review_extract_missing`);
      assert.match(await page(String(res.headers.location)), /審査用データがまだ取り込まれていないため照合できません。/);
      assert.equal((await findApplication(t.db.kysely, city, id))!.reviewVerdict, null);
      const events = await t.db.kysely.selectFrom('audit_event').select(['outcome', 'detail']).where('operation_code', '=', 'applications.application.review_assist').execute();
      assert.deepEqual(events, [{ outcome: 'failure', detail: '照合できず: review_extract_missing' }]);
    });

    it('matches through the review module and stores and shows the verdict codes only', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-assist-'));
      try {
        const rows = numbered([buildResidentRow({ residentId: '1' })]);
        fs.writeFileSync(path.join(dir, 'r.csv'), residentsCsv(rows));
        fs.writeFileSync(path.join(dir, 't.csv'), taxYearsCsv(rows));
        await importExtract({
          db: t.db, indexer: await reviewIndexer(t.db, loadMasterKey(t.config), city),
          residentsFile: path.join(dir, 'r.csv'), taxYearsFile: path.join(dir, 't.csv'), actor: { userId: 'cli' },
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const res = await post(`/console/applications/${id}/review-assist`);
      assert.equal(res.headers.location, `/console/applications/${id}?done=review_assist`);
      const stored = (await findApplication(t.db.kysely, city, id))!.reviewVerdict as Record<string, unknown>;
      assert.deepEqual({ ...stored, at: undefined }, { verdict: 'match', certificateIssuable: true, reasons: [], at: undefined });
      const shown = await page(`/console/applications/${id}`);
      assert.match(shown, /<dt>照合結果<\/dt><dd><strong>一致<\/strong><\/dd><dt>証明発行可否<\/dt><dd>可<\/dd>/);
      assert.match(shown, /もう一度照合する/);
    });
  });
}
