// 保護評価書（案） in the console: the files that can be assessed (個人番号 or marked specific), a draft filled from the
// register and the controls in force — the person bucket of the live count, the roles' second factor, the idle
// time-out, the last signed verification of the audit chain, the contractors with their flags — as a page and as a
// PDF that qpdf checks and pdftotext reads; both audited; refused to the auditor, who has no governance.assessment.draft.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { city } from '../../../../test/support/audit.ts';
import { backends } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { anchorAuditChain } from '../../../platform/audit/index.ts';
import { ASSESSMENT_PATH as base } from './page.tsx';

for (const backend of backends) {
  describe(`protection assessment draft on ${backend}`, () => {
    let t: TestApp;
    let admin: TestStaff;
    let auditor: TestStaff;
    let dataDir: string;
    before(async () => {
      t = await testApp(backend, ['console']);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-assessment-'));
      (t.config as { dataDir: string }).dataDir = dataDir;
      admin = await staffWithRoles(t.db, 'gov.admin', [{ role: 'administrator' }]);
      auditor = await staffWithRoles(t.db, 'gov.auditor', [{ role: 'auditor' }]);
      await staffWithRoles(t.db, 'gov.handler', [{ role: 'number_handler' }], { enrollMfa: false });
      await sql`insert into governance_contractor (municipality_code, contractor_id, name, contract_starts_on, registered_by)
        values (${city}, '11111111-1111-4111-8111-111111111111', '見本電算株式会社', '2020-04-01', 'test')`.execute(t.db.kysely);
      await sql`insert into governance_contractor_file (municipality_code, contractor_id, file_id, recorded_by)
        values (${city}, '11111111-1111-4111-8111-111111111111', 'application', 'test')`.execute(t.db.kysely);
      await sql`insert into governance_contractor_certification (municipality_code, contractor_id, kind, number, expires_on, recorded_by)
        values (${city}, '11111111-1111-4111-8111-111111111111', 'pmark', '10820001', '2020-01-31', 'test')`.execute(t.db.kysely);
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const get = (url: string, who: TestStaff = admin) => t.app.inject({ url, headers: { cookie: who.cookie } });
    const row = (html: string, label: string) => new RegExp(`<th scope="row">${label}</th><td class="documents">([^<]*)</td>`).exec(html)?.[1] ?? '';
    const lastEvent = (code: string) => t.db.kysely.selectFrom('audit_event').select(['user_id', 'category', 'subjects', 'detail'])
      .where('operation_code', '=', code).orderBy('seq', 'desc').executeTakeFirstOrThrow();

    it('refuses the auditor, and offers only the files holding 個人番号 or marked specific', async () => {
      assert.equal((await get(base, auditor)).statusCode, 403);
      assert.equal((await get(`${base}.pdf?file=application`, auditor)).statusCode, 403);
      const page = (await get(base)).body;
      for (const id of ['application', 'benefit_ledger', 'card_record']) assert.match(page, new RegExp(`<option value="${id}"`), id);
      assert.doesNotMatch(page, /<option value="mail_outbox"/);
      assert.equal((await get(`${base}?file=mail_outbox`)).statusCode, 404);
    });

    it('drafts I, II, 別添1 and III for the applications file from the register and the controls in force, as an audited read', async () => {
      const res = await get(`${base}?file=application`);
      assert.equal(res.statusCode, 200);
      const page = res.body;
      assert.match(row(page, '1. ③対象人数'), /^\[1万人未満\]（選択肢 1）$/);
      assert.match(row(page, '2. ②対象となる本人の数'), /^\[1万人未満\]（選択肢 1）\u3000\d{4}-\d{2}-\d{2} 現在 0人$/);
      assert.match(row(page, '2. ④主な記録項目'), /識別情報: \[○\] 個人番号/);
      assert.match(row(page, '4. 個人番号の利用 法令上の根拠'), /.+/);
      const roles = row(page, '権限管理（役割ごとの多要素認証）');
      assert.match(roles, /個人番号事務取扱担当者: 多要素認証 必須、職員 1人（うち多要素認証登録済み 0人）/);
      assert.match(roles, /窓口職員: 多要素認証 任意/);
      assert.match(row(page, '認証・セッション'), /操作のない状態が15分続くと/);
      assert.match(row(page, '操作ログ'), /最終検証・署名: 記録なし/);
      assert.match(row(page, '4. 委託先における不正な使用等のリスク'), /見本電算株式会社: 認証 プライバシーマーク 10820001（有効期限 2020-01-31）、最終確認 未実施、次回確認期限 2021-03-31【確認期限切れ、認証期限切れ】/);
      assert.match(row(page, '8. 監査'), /（要記入）/);
      const event = await lastEvent('governance.assessment.read');
      assert.deepEqual([event.user_id, event.category, event.subjects], ['gov.admin', 'read', ['personal_data_file:application']]);
      assert.equal(event.detail, 'page; application=0');
    });

    it('marks 口座情報 among the benefits ledger\'s items, and not among the card records\'', async () => {
      assert.match(row((await get(`${base}?file=benefit_ledger`)).body, '2. ④主な記録項目'), /\[○\] 地方税関係情報 \[○\] 口座情報/);
      assert.match(row((await get(`${base}?file=card_record`)).body, '2. ④主な記録項目'), /\[ \] 口座情報/);
    });

    it('names the last signed verification of the audit chain once it has been anchored', async () => {
      await anchorAuditChain(t.db, { dataDir }, city, { now: new Date('2026-04-01T00:00:00.000Z') });
      assert.match(row((await get(`${base}?file=benefit_ledger`)).body, '操作ログ'), /最終検証・署名: 2026-04-01T00:00:00.000Z/);
    });

    it('speaks English when asked', async () => {
      const page = (await get(`${base}?file=application&lang=en`)).body;
      assert.match(page, /<caption>III Risk controls<\/caption>/);
      assert.match(page, /\[Fewer than 10,000\] \(choice 1\)/);
    });

    it('prints the draft as a PDF that qpdf checks and pdftotext reads, as an audited export', async () => {
      const res = await get(`${base}.pdf?file=card_record`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const text = checkedPdfText(res.rawPayload).replace(/\s+/g, ' ');
      for (const heading of ['特定個人情報保護評価書（重点項目評価書）案', 'I 基本情報', 'II 特定個人情報ファイルの概要', '（別添1）特定個人情報ファイル記録項目', 'III リスク対策', 'IV 開示請求、問合せ', 'V 評価実施手続']) {
        assert.ok(text.includes(heading), heading);
      }
      assert.match(text, /マイナンバーカード交付管理データ/);
      assert.match(text, /\[1万人未満\]/);
      const event = await lastEvent('governance.assessment.export');
      assert.deepEqual([event.category, event.detail], ['export', 'pdf; card_record=0']);
    });
  });
}
