// Bad input (issue 5): script and SQL strings stored through every field type, in a comment and a reason, and typed
// into the list's filter, come out of the console's inbox escaped, exactly as given, and change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from './support/app.ts';
import { backends } from './support/db.ts';
import { staffWithRoles, type TestStaff } from './support/staff.ts';
import { fieldTypes } from '../src/modules/applications/domain/procedure.ts';
import { buildApplication, storeProcedure } from '../src/modules/applications/inbox/inbox.builders.ts';
import { everyTypeFields } from '../src/modules/applications/portal.builders.ts';

const SCRIPT = '<script>alert("x")</script>';
const SQL = "'; DROP TABLE application; --";
const ATTRIBUTE = '" onmouseover="alert(1)" x="';
const HOSTILE = `${SCRIPT}${SQL}${ATTRIBUTE}`;
/** How a text node must show HOSTILE: &, <, " and ' escaped (a > cannot open markup). */
const ESCAPED = HOSTILE.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&#34;').replaceAll("'", '&#39;');

/**
 * The page with every quoted attribute value emptied: had a value broken out of its quotes, its onmouseover or
 * <script> would be left standing here; inside a quoted value a < is only text.
 */
const markupOf = (body: string) => body.replace(/="[^"]*"/g, '=""');
/** The fields shown in clear without a reveal (files are listed as attachments). */
const shownFields = everyTypeFields.filter((f) => f.type !== 'file' && f.category !== 'individual_number' && f.category !== 'sensitive');
const decode = (s: string) => s.replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

for (const backend of backends) {
  describe(`hostile values in the inbox on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    let handler: TestStaff;
    let id: string;
    const get = (url: string, staff: TestStaff = clerk) => t.app.inject({ url, headers: { cookie: staff.cookie } });
    const post = (url: string, form: Record<string, string>) => t.app.inject({
      method: 'POST', url, headers: { cookie: clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf: clerk.csrf, ...form }).toString(),
    });
    const count = (body: string, s: string) => body.split(s).length - 1;

    before(async () => {
      t = await testApp(backend, ['console']);
      clerk = await staffWithRoles(t.db, 'xss.clerk', [{ role: 'clerk' }]);
      handler = await staffWithRoles(t.db, 'xss.handler', [{ role: 'number_handler' }]);
      const procedure = await storeProcedure(t.db);
      // Every field gets the string, whatever its type: stored as given (a choice's unknown code, a checkbox's odd value).
      const values = Object.fromEntries(everyTypeFields.map((f) => [f.id, f.type === 'file' ? [HOSTILE] : HOSTILE]));
      ({ applicationId: id } = await buildApplication(t, { ...procedure, values }));
      await post(`/console/applications/${id}/comment`, { comment: HOSTILE });
      await post(`/console/applications/${id}/transition`, { shownState: 'received', action: 'start_review' });
      await post(`/console/applications/${id}/transition`, { shownState: 'under_review', action: 'return', reason: HOSTILE });
    });
    after(() => t?.close());

    it('the test procedure has a field of every type', () => {
      assert.deepEqual(new Set(everyTypeFields.map((f) => f.type)), new Set(fieldTypes));
    });

    it('shows every value, the comment and the reason escaped exactly as given, never as markup', async () => {
      const res = await get(`/console/applications/${id}`);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(markupOf(res.body), /<script>alert|onmouseover="/);
      // Each plain field once, the comment twice (comments and history), the reason once (history).
      assert.equal(count(res.body, ESCAPED), shownFields.length + 3);
      assert.equal(count(res.body, `<span>${ESCAPED}</span>`), shownFields.length + 1);
    });

    it('shows the revealed 個人番号 and 要配慮 values escaped too', async () => {
      for (const kind of ['individual_number', 'sensitive'] as const) {
        const res = await get(`/console/applications/${id}/show/${kind}`, handler);
        assert.equal(res.statusCode, 200);
        assert.doesNotMatch(markupOf(res.body), /<script>alert|onmouseover="/);
        assert.equal(count(res.body, `<span>${ESCAPED}</span>`), shownFields.length + 2); // the plain fields, the revealed one, the comment
      }
    });

    it('shows the list and a filter typed with the same string escaped, and the table is still there', async () => {
      const res = await get(`/console/applications?receipt=${encodeURIComponent(HOSTILE)}&procedure=${encodeURIComponent(SQL)}`);
      assert.equal(res.statusCode, 400);
      assert.doesNotMatch(markupOf(res.body), /<script>alert|onmouseover="/);
      const typed = /<input id="inbox-receipt" name="receipt" type="text" inputmode="numeric" maxlength="20" value="([^"]*)"/.exec(res.body)?.[1];
      assert.equal(decode(typed ?? ''), HOSTILE);
      const list = await get('/console/applications');
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(markupOf(list.body), /<script>alert|onmouseover="/);
      assert.match(list.body, /差戻し \(1\)/);
    });
  });
}
