import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { backends } from '../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { listProcedureVersions } from './store.ts';

const base = '/console/applications/procedures';
const unescape = (s: string) => s.replace(/&(lt|gt|quot|amp|#(\d+));/g, (_m, name: string, code?: string) =>
  code ? String.fromCodePoint(Number(code)) : ({ lt: '<', gt: '>', quot: '"', amp: '&' } as Record<string, string>)[name]!);
/** The text of the editor's textarea, as the browser would submit it back. */
const textareaOf = (html: string) => unescape(/<textarea[^>]*name="definition"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!);

for (const backend of backends) {
  describe(`procedure editor on ${backend}`, () => {
    let t: TestApp;
    let admin: TestStaff;
    let clerk: TestStaff;
    before(async () => {
      t = await testApp(backend);
      admin = await staffWithRoles(t.db, 'proc.admin', [{ role: 'administrator' }]);
      clerk = await staffWithRoles(t.db, 'proc.clerk', [{ role: 'clerk' }]);
    });
    after(() => t.close());

    const get = (url: string, who: TestStaff = admin) => t.app.inject({ url, headers: { cookie: who.cookie } });
    const post = (form: Record<string, string>, who: TestStaff = admin, id = 'tax-certificate') =>
      t.app.inject({ method: 'POST', url: `${base}/${id}`, headers: { cookie: who.cookie }, payload: { csrf: who.csrf, ...form } });
    const versions = () => listProcedureVersions(t.db.kysely, '279994', 'tax-certificate');

    it('refuses a clerk without applications.procedure.manage with 403, and saves nothing', async () => {
      assert.equal((await get(base, clerk)).statusCode, 403);
      assert.equal((await get(`${base}/tax-certificate`, clerk)).statusCode, 403);
      const text = textareaOf((await get(`${base}/tax-certificate`)).body);
      assert.equal((await post({ definition: text.replace('"yen": 300', '"yen": 1'), baseVersion: '1' }, clerk)).statusCode, 403);
      assert.equal((await versions()).length, 1);
    });

    it('lists the demo city\'s five procedures with version and who loaded them', async () => {
      const res = await get(base);
      assert.equal(res.statusCode, 200);
      for (const title of ['所得・課税証明書の交付申請', '水道の開栓・閉栓届', '講座・イベント申込', '妊娠の届出', '留守家庭児童育成室 入室申請']) assert.ok(res.body.includes(title), title);
      assert.match(res.body, /システム（ファイルから読込）/);
      assert.match(res.body, new RegExp(`href="${base}/pregnancy-notification"`));
    });

    it('saves an edited definition as version 2 with an audit event, and shows the history', async () => {
      const page = await get(`${base}/tax-certificate`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /個人情報の取扱いについて/, 'the residents\' notice is previewed');
      const text = textareaOf(page.body);
      assert.equal(JSON.parse(text).fee.yen, 300);
      const res = await post({ definition: text.replace('"yen": 300', '"yen": 400'), baseVersion: '1' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${base}/tax-certificate?saved=2`);
      const after = await get(res.headers.location);
      assert.match(after.body, /版 2 として保存しました/);
      assert.equal(JSON.parse(textareaOf(after.body)).fee.yen, 400);
      assert.deepEqual((await versions()).map((v) => [v.version, v.loadedBy]), [[2, 'proc.admin'], [1, 'system']]);
      assert.match(after.body, /proc\.admin/);
      const event = await t.db.kysely.selectFrom('audit_event').select(['user_id', 'outcome', 'detail', 'subjects', 'category'])
        .where('operation_code', '=', 'applications.procedure.edit').executeTakeFirstOrThrow();
      assert.deepEqual(event, { user_id: 'proc.admin', outcome: 'success', detail: 'tax-certificate v2 changed', subjects: ['application_procedure:tax-certificate'], category: 'change' });
    });

    it('lists every problem of a wrong definition, keeps the text as typed (escaped), and saves nothing', async () => {
      const text = textareaOf((await get(`${base}/tax-certificate`)).body);
      const d = JSON.parse(text);
      d.title.ja = '<script>alert(1)</script>改題';
      d.fields = d.fields.filter((f: { id: string }) => f.id !== 'email');
      d.fee.copiesField = 'name';
      const typed = JSON.stringify(d, null, 2);
      const res = await post({ definition: typed, baseVersion: '2' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /保存していません（2件）/);
      assert.match(res.body, /a required email field is needed/);
      assert.match(unescape(res.body), /\/fee\/copiesField: field "name" must be of type number/);
      assert.equal(textareaOf(res.body), typed, 'the text comes back as typed');
      assert.ok(!res.body.includes('<script>alert(1)</script>'), 'and escaped');
      assert.equal((await versions()).length, 2);
    });

    const refusals: Array<[string, () => Promise<Record<string, string>>, RegExp]> = [
      ['text that is not JSON', async () => ({ definition: '{ "id": "tax-certificate", ', baseVersion: '2' }), /JSON: /],
      ['another id', async () => ({ definition: textareaOf((await get(`${base}/tax-certificate`)).body).replace('"id": "tax-certificate"', '"id": "tax-cert"'), baseVersion: '2' }), /\/id: must stay "tax-certificate"/],
      ['a text based on an older version than the newest', async () => ({ definition: textareaOf((await get(`${base}/tax-certificate?version=1`)).body), baseVersion: '1' }), /別の人が保存しました（版 2）/],
    ];
    for (const [name, form, message] of refusals) {
      it(`refuses ${name} with 400 and the reason`, async () => {
        const res = await post(await form());
        assert.equal(res.statusCode, 400);
        assert.match(unescape(res.body), message);
        assert.equal((await versions()).length, 2);
      });
    }

    it('makes no version when nothing changed, and rolls back by saving an older version\'s text', async () => {
      const same = await post({ definition: textareaOf((await get(`${base}/tax-certificate`)).body), baseVersion: '2' });
      assert.equal(same.headers.location, `${base}/tax-certificate?unchanged=2`);
      assert.match((await get(same.headers.location)).body, /変更がないため、新しい版は作りませんでした/);
      const old = await get(`${base}/tax-certificate?version=1`);
      assert.match(old.body, /下の内容は版 1 です/);
      const back = await post({ definition: textareaOf(old.body), baseVersion: '2' });
      assert.equal(back.headers.location, `${base}/tax-certificate?saved=3`);
      assert.equal(JSON.parse(textareaOf((await get(`${base}/tax-certificate`)).body)).fee.yen, 300);
    });

    it('answers 404 for an unknown procedure or version, and 403 without the form\'s CSRF token', async () => {
      assert.equal((await get(`${base}/no-such-procedure`)).statusCode, 404);
      assert.equal((await get(`${base}/tax-certificate?version=99`)).statusCode, 404);
      const res = await t.app.inject({ method: 'POST', url: `${base}/tax-certificate`, headers: { cookie: admin.cookie }, payload: { definition: '{}', baseVersion: '3' } });
      assert.equal(res.statusCode, 403);
    });
  });
}
