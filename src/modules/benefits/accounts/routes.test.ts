// The accounts' console: a clerk registers and corrects accounts (a correction of a returned transfer takes the
// `correct` step) and exchanges the 公金受取口座 files; the number is masked for everyone and shown in full only to a
// payment officer who asks, as an audited read; each action is refused without its capability.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { type TestStaff, staffWithRoles } from '../../../../test/support/staff.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { multipartBody } from '../../review/batch.builders.ts';
import { postForm } from '../../card/staff/staff.builders.ts';
import { loadDemoBenefits } from '../demo.ts';
import { accountItems, answerLines, writeResultFile } from './accounts.builders.ts';

const mc = demoCity.code;
const get = (t: TestApp, who: TestStaff, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
const person = (r: string) => `/console/benefits/accounts/people/${r}`;
const account = { bankCode: '0001', branchCode: '001', accountType: '1', accountNumber: '7654321', holderName: 'やまだ　はなこ' };

for (const backend of backends) {
  describe(`benefits accounts console on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let officer: TestStaff;
    let counter: TestStaff;
    let residents: { resident_number: string; integrated_number: string }[];
    before(async () => {
      t = await testApp(backend);
      await loadDemoBenefits(t.db, mc);
      clerk = await staffWithRoles(t.db, 'benefits.clerk', [{ role: 'benefits_clerk' }]);
      officer = await staffWithRoles(t.db, 'payment.officer', [{ role: 'payment_officer' }]);
      counter = await staffWithRoles(t.db, 'counter.clerk', [{ role: 'clerk' }]);
      ({ rows: residents } = await sql<{ resident_number: string; integrated_number: string }>`
        select g.resident_number, x.integrated_number from benefit_target g join benefit_taxpayer x using (municipality_code, programme_id, resident_number)
        where g.municipality_code = ${mc} and g.eligible order by g.resident_number limit 10`.execute(t.db.kysely));
    });
    after(() => t?.close());

    const audited = async (operation: string) =>
      (await t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects', 'outcome', 'detail']).where('operation_code', '=', operation).orderBy('seq').execute());

    it('registers a reply\'s account for a clerk, shows it masked, and audits both', async () => {
      const r = residents[0]!.resident_number;
      const posted = await postForm(t.app, clerk, person(r), { ...account, source: 'reply', back: `/console/benefits/cases/${r}?programme=adjustment-2024` });
      assert.equal(posted.statusCode, 303);
      assert.equal(posted.headers.location, `${person(r)}?done=saved&back=%2Fconsole%2Fbenefits%2Fcases%2F${r}%3Fprogramme%3Dadjustment-2024`);
      const page = await get(t, clerk, String(posted.headers.location));
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('口座を登録しました。'));
      assert.ok(page.body.includes('****321'));
      assert.ok(page.body.includes('ﾔﾏﾀﾞ ﾊﾅｺ'));
      assert.ok(!page.body.includes('7654321'));
      assert.ok(!page.body.includes('口座番号を表示'), 'a clerk has no reveal');
      assert.ok(page.body.includes(`href="/console/benefits/cases/${r}?programme=adjustment-2024"`));
      const registered = await audited('benefits.accounts.register');
      assert.deepEqual(registered.map((e) => [e.user_id, e.subjects, e.outcome, e.detail]), [[clerk.loginId, [`benefit_account:${r}`], 'success', 'reply: saved']]);
      assert.ok((await audited('benefits.accounts.read')).some((e) => e.user_id === clerk.loginId && e.subjects.includes(`benefit_account:${r}`)));
    });

    it('shows every wrong field next to it, keeps what was typed and saves nothing', async () => {
      const r = residents[1]!.resident_number;
      const res = await postForm(t.app, clerk, person(r), { bankCode: '0001', branchCode: '999', accountType: '', accountNumber: '12345678', holderName: '山田', source: 'reply' });
      assert.equal(res.statusCode, 400);
      for (const text of ['この金融機関にこの支店コードの支店はありません。', '預金種目（普通・当座・貯蓄）を選んでください。', '口座番号は7桁以内の数字です', '「山」「田」', '入力に4件の誤りがあります']) {
        assert.ok(res.body.includes(text), text);
      }
      assert.ok(res.body.includes('id="a-accountNumber-error"') && res.body.includes('aria-invalid="true"'));
      assert.ok(res.body.includes('value="999"'));
      const { rows } = await sql`select 1 from benefit_account where resident_number = ${r}`.execute(t.db.kysely);
      assert.equal(rows.length, 0);
      const en = await postForm(t.app, clerk, `${person(r)}?lang=en`, { ...account, accountNumber: '', source: 'reply' });
      assert.equal(en.statusCode, 400);
      assert.ok(en.body.includes('Enter the account number.'));
    });

    it('shows the full number only to a payment officer who asks, as an audited read of that account', async () => {
      const r = residents[0]!.resident_number;
      const masked = await get(t, officer, person(r));
      assert.equal(masked.statusCode, 200);
      assert.ok(masked.body.includes('****321') && !masked.body.includes('7654321'));
      assert.ok(masked.body.includes('口座番号を表示'));
      assert.ok(!masked.body.includes('口座を登録する'), 'an officer has no entry form');
      const shown = await postForm(t.app, officer, `${person(r)}/reveal`, { revision: '1' });
      assert.equal(shown.statusCode, 200);
      assert.ok(shown.body.includes('7654321'));
      const reveals = await audited('benefits.accounts.reveal');
      assert.deepEqual(reveals.map((e) => [e.user_id, e.subjects, e.outcome, e.detail]), [[officer.loginId, [`benefit_account:${r}`], 'success', 'revision 1']]);
      const missing = await postForm(t.app, officer, `${person(r)}/reveal`, { revision: '9' });
      assert.equal(missing.statusCode, 404);
    });

    it('refuses each action without its capability, showing nothing', async () => {
      const r = residents[0]!.resident_number;
      const clerkReveal = await postForm(t.app, clerk, `${person(r)}/reveal`, { revision: '1' });
      assert.equal(clerkReveal.statusCode, 403);
      assert.ok(!clerkReveal.body.includes('7654321'));
      const officerRegister = await postForm(t.app, officer, person(r), { ...account, accountNumber: '1111111', source: 'correction' });
      assert.equal(officerRegister.statusCode, 403);
      const denied = await audited('benefits.accounts.reveal');
      assert.ok(denied.some((e) => e.user_id === clerk.loginId && e.outcome === 'denied'), 'a refused reveal is logged as denied');
      assert.equal((await get(t, counter, person(r))).statusCode, 403);
      assert.equal((await get(t, officer, '/console/benefits/accounts')).statusCode, 403);
      assert.equal((await get(t, officer, '/console/benefits/accounts/query.csv')).statusCode, 403);
      const upload = multipartBody({ csrf: officer.csrf }, { name: 'r.csv', bytes: Buffer.from('x') });
      const officerUpload = await t.app.inject({ method: 'POST', url: '/console/benefits/accounts/results', headers: { cookie: officer.cookie, 'content-type': upload.contentType }, payload: upload.payload });
      assert.equal(officerUpload.statusCode, 403);
      const noCsrf = await t.app.inject({ method: 'POST', url: person(r), headers: { cookie: clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...account, source: 'reply' }).toString() });
      assert.equal(noCsrf.statusCode, 403);
      const { rows } = await sql<{ n: number }>`select count(*)::integer as n from benefit_account where resident_number = ${r}`.execute(t.db.kysely);
      assert.equal(rows[0]!.n, 1);
      assert.equal((await get(t, clerk, person('999999999999'))).statusCode, 404);
    });

    it('corrects the account of a returned transfer and takes the correct step: returned → decided', async () => {
      const r = residents[2]!.resident_number;
      await sql`update benefit_target set state = 'returned' where municipality_code = ${mc} and resident_number = ${r}`.execute(t.db.kysely);
      const page = await get(t, clerk, person(r));
      assert.ok(page.body.includes('振込不能の給付があります（adjustment-2024）'));
      const res = await postForm(t.app, clerk, person(r), { ...account, accountNumber: '2222222', source: 'correction' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${person(r)}?done=corrected`);
      const { rows } = await sql<{ state: string }>`select state from benefit_target where municipality_code = ${mc} and resident_number = ${r}`.execute(t.db.kysely);
      assert.deepEqual(rows, [{ state: 'decided' }]);
      const { rows: saved } = await sql<{ source: string; account_number_last3: string }>`select source, account_number_last3 from benefit_account where resident_number = ${r} and is_current`.execute(t.db.kysely);
      assert.deepEqual(saved, [{ source: 'correction', account_number_last3: '222' }]);
      // A reply's account does not move a returned target.
      const r2 = residents[3]!.resident_number;
      await sql`update benefit_target set state = 'returned' where municipality_code = ${mc} and resident_number = ${r2}`.execute(t.db.kysely);
      await postForm(t.app, clerk, person(r2), { ...account, source: 'reply' });
      const { rows: still } = await sql<{ state: string }>`select state from benefit_target where municipality_code = ${mc} and resident_number = ${r2}`.execute(t.db.kysely);
      assert.deepEqual(still, [{ state: 'returned' }]);
    });

    it('gives a clerk the query file and takes the result file back, counts on the page, refusals by line', async () => {
      const page = await get(t, clerk, '/console/benefits/accounts');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('公金受取口座の照会'));
      const file = await get(t, clerk, '/console/benefits/accounts/query.csv?programme=adjustment-2024&encoding=sjis');
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-type']), /text\/csv; charset=Shift_JIS/);
      assert.match(String(file.headers['content-disposition']), /attachment; filename="kokin-koza-shokai-adjustment-2024-/);
      const text = iconv.decode(file.rawPayload, 'cp932');
      assert.ok(text.startsWith('レコード識別番号,情報照会者機関コード,団体内統合宛名番号,'));
      const asked = text.trim().split('\r\n').slice(1).map((l) => l.split(',')[2]!);
      assert.ok(asked.includes(residents[5]!.integrated_number));
      assert.ok(!asked.includes(residents[0]!.integrated_number), 'someone with an account is not asked about');
      const exports = (await audited('benefits.accounts.query')).filter((e) => e.outcome === 'success');
      assert.deepEqual(exports.map((e) => [e.user_id, e.detail]), [[clerk.loginId, `adjustment-2024: 照会 ${asked.length}件`]]);

      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'accounts-routes-'));
      try {
        const good = fs.readFileSync(await writeResultFile(path.join(tmp, 'r.csv'), [
          ...answerLines(residents[5]!.integrated_number, '1', accountItems('0001', '001', '普通', '3333333', 'スズキ イチロウ')),
          ...answerLines(residents[6]!.integrated_number, '2', { status: '提供済', reason: '口座未登録' }),
        ], 'sjis'));
        const body = multipartBody({ csrf: clerk.csrf, programme: 'adjustment-2024' }, { name: 'r.csv', bytes: good });
        const res = await t.app.inject({ method: 'POST', url: '/console/benefits/accounts/results', headers: { cookie: clerk.cookie, 'content-type': body.contentType }, payload: body.payload });
        assert.equal(res.statusCode, 200, res.body);
        assert.ok(res.body.includes('照会結果を取り込みました'));
        assert.match(res.body, /口座を登録<\/dt><dd>1<\/dd>/);
        assert.ok(res.body.includes('口座未登録'));
        const { rows } = await sql<{ source: string; registered_by: string }>`select source, registered_by from benefit_account where resident_number = ${residents[5]!.resident_number}`.execute(t.db.kysely);
        assert.deepEqual(rows, [{ source: 'public_fund', registered_by: clerk.loginId }]);

        const bad = fs.readFileSync(await writeResultFile(path.join(tmp, 'bad.csv'), answerLines(residents[7]!.integrated_number, '3', accountItems('0001', '001', '普通', '87654321', 'サトウ')), 'utf8'));
        const badBody = multipartBody({ csrf: clerk.csrf }, { name: 'bad.csv', bytes: bad });
        const refused = await t.app.inject({ method: 'POST', url: '/console/benefits/accounts/results', headers: { cookie: clerk.cookie, 'content-type': badBody.contentType }, payload: badBody.payload });
        assert.equal(refused.statusCode, 422);
        assert.ok(refused.body.includes('5行目「情報提供内容」: 口座番号は7桁以内の数字です'));
        assert.ok(!refused.body.includes('87654321'));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
}
