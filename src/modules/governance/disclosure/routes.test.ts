// 開示等の請求 in the console on both backends: a clerk of the privacy office records a disclosure request for a
// resident found by kana and birth date, sees what the card reservations hold about them (and not another
// resident's), what was disposed of, and who accessed their reservation when; prints the report (qpdf, pdftotext);
// records the decision; every view is an audited read naming the records; refused without the capability.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { city } from '../../../../test/support/audit.ts';
import { backends } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { appendAudit, AuditOperation } from '../../../platform/audit/index.ts';
import { DISCLOSURE_PATH as base } from './page.tsx';

/** A booked reservation for a resident at the Minami satellite. */
async function reservation(t: TestApp, number: string, who: { name: string; kana: string; phone: string; birth: string }): Promise<void> {
  await sql`insert into card_slot (municipality_code, site_code, type_code, slot_date, start_time, end_time, capacity)
    values (${city}, 'minami', 'pickup', '2026-11-02', '10:00', '10:20', 10) on conflict do nothing`.execute(t.db.kysely);
  await sql`insert into card_reservation (municipality_code, reservation_number, group_id, site_code, type_code, slot_date, start_time, end_time,
      name, kana, phone, birth_date, address, cancel_token_hash)
    values (${city}, ${number}, ${number}, 'minami', 'pickup', '2026-11-02', '10:00', '10:20', ${who.name}, ${who.kana}, ${who.phone}, ${who.birth}::date, '見本市本町1-2-3', ${'0'.repeat(64)})`.execute(t.db.kysely);
}

for (const backend of backends) {
  describe(`disclosure requests on ${backend}`, () => {
    let t: TestApp;
    let officer: TestStaff;
    let auditor: TestStaff;
    before(async () => {
      t = await testApp(backend);
      officer = await staffWithRoles(t.db, 'disc.admin', [{ role: 'administrator' }]);
      auditor = await staffWithRoles(t.db, 'disc.auditor', [{ role: 'auditor' }]);
      await reservation(t, '200000000001', { name: '見本 花子', kana: 'ミホン ハナコ', phone: '09011112222', birth: '1990-01-02' });
      await reservation(t, '200000000002', { name: '別人 一郎', kana: 'ベツジン イチロウ', phone: '09033334444', birth: '1970-05-06' });
      await t.db.transaction((tx) => appendAudit(tx, {
        municipalityCode: city, operation: AuditOperation['audit.search'], actor: { userId: 'counter.tanaka', userName: '田中 窓口', department: '市民課' },
        subjects: ['card_reservation:200000000001'], detail: 'test read',
      }));
    });
    after(() => t.close());

    const get = (url: string, who: TestStaff = officer) => t.app.inject({ url, headers: { cookie: who.cookie } });
    const post = (url: string, payload: Record<string, string>, who: TestStaff = officer) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie }, payload: { csrf: who.csrf, ...payload } });
    const lastEvent = (code: string) => t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'subjects', 'detail'])
      .where('operation_code', '=', code).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    let id = '';

    it('refuses the auditor (no governance.disclosure.manage)', async () => {
      assert.equal((await get(base, auditor)).statusCode, 403);
      assert.equal((await post(base, { kind: 'disclosure', receivedOn: '2026-12-01', kana: 'ミホン ハナコ', birthDate: '1990-01-02' }, auditor)).statusCode, 403);
    });

    it('refuses a request that names nobody, saying why in both languages', async () => {
      const res = await post(base, { kind: 'disclosure', receivedOn: '2026-12-01', kana: 'ミホン ハナコ' });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /本人のキー（ファイルと値）か、氏名カナと生年月日を入力してください/);
      const en = await post(`${base}?lang=en`, { kind: 'disclosure', receivedOn: '2026-12-01' });
      assert.match(en.body, /Enter a person key/);
    });

    it('records a request found by kana (typed half-width) and birth date, as an audited change', async () => {
      const res = await post(base, { kind: 'disclosure', receivedOn: '2026-12-01', kana: 'ﾐﾎﾝ\u3000ﾊﾅｺ', birthDate: '1990-01-02', note: '予約の記録一式' });
      assert.equal(res.statusCode, 303);
      id = /\/console\/governance\/disclosure\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
      const event = await lastEvent('governance.disclosure.record');
      assert.deepEqual([event.user_id, event.outcome, event.detail], ['disc.admin', 'success', 'disclosure received 2026-12-01']);
      assert.match((await get(base)).body, new RegExp(`data-request="${id}"`));
    });

    it('shows what the files hold about that resident only, and who accessed it, as an audited read naming the records', async () => {
      const res = await get(`${base}/${id}`);
      assert.equal(res.statusCode, 200);
      const holdings = /id="disclosure-holdings">([\s\S]*?)<h2>/.exec(res.body)![1]!;
      assert.match(holdings, /data-file="card_reservation" data-table="card_reservation"/);
      assert.match(holdings, /<td>見本 花子<\/td><td>ミホン ハナコ<\/td>/);
      assert.match(holdings, /09011112222/);
      assert.doesNotMatch(res.body, /別人|ベツジン|09033334444/);
      assert.match(res.body, /マイナンバーカード来庁予約データ: ミホン ハナコ\|09011112222/);
      const accesses = /<table class="data-table" id="disclosure-accesses">([\s\S]*?)<\/table>/.exec(res.body)![1]!;
      assert.match(accesses, /田中 窓口 \(counter\.tanaka\)<\/td><td>市民課<\/td>/);
      const event = await lastEvent('governance.disclosure.read');
      assert.deepEqual(event.subjects, [`disclosure_request:${id}`, 'card_reservation:200000000001']);
      assert.match(event.detail, /^request: 1 tables, 1 accesses$/);
    });

    it('prints the report as a PDF, an audited export', async () => {
      const res = await get(`${base}/${id}/report.pdf`);
      assert.equal(res.statusCode, 200);
      const text = checkedPdfText(res.rawPayload);
      for (const expected of ['保有個人情報の開示資料', '開示請求', 'ミホン ハナコ', '09011112222', '見本市本町1-2-3', 'counter.tanaka']) assert.ok(text.includes(expected), `report lacks ${expected}`);
      assert.ok(!text.includes('ベツジン'));
      assert.deepEqual((await lastEvent('governance.disclosure.export')).subjects, [`disclosure_request:${id}`, 'card_reservation:200000000001']);
    });

    it('finds the same resident by the reservation file\'s person key, and records the decision', async () => {
      const byKey = await post(base, { kind: 'correction', receivedOn: '2026-12-02', fileId: 'card_reservation', key: 'ミホン ハナコ|09011112222' });
      const keyId = /([0-9a-f-]{36})$/.exec(String(byKey.headers.location))![1]!;
      assert.match((await get(`${base}/${keyId}`)).body, /<td>見本 花子<\/td>/);
      const decided = await post(`${base}/${keyId}/outcome`, { outcome: 'granted', decidedOn: '2026-12-05', note: '住所を訂正' });
      assert.equal(decided.statusCode, 200);
      assert.match(decided.body, /決定（全部開示・訂正・停止）を記録しました/);
      const row = await t.db.kysely.selectFrom('governance_disclosure_request').select(['outcome', 'decided_on', 'decided_by', 'outcome_note']).where('request_id', '=', keyId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { outcome: 'granted', decided_on: '2026-12-05', decided_by: 'disc.admin', outcome_note: '住所を訂正' });
      assert.equal((await post(`${base}/${keyId}/outcome`, { outcome: 'maybe' })).statusCode, 422);
    });
  });
}
