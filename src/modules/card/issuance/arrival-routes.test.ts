// カード到着の読取: a clerk scans barcodes into the page one after another and gets ✓ or ✗ with the count each time,
// without script; a satellite clerk receives only the cards kept at their site; nobody without card.issuance.manage may.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { getPage, mc, postForm, type StaffWorld, staffWorld } from '../staff/staff.builders.ts';
import { ARRIVALS_PATH } from './pages/arrival-page.tsx';
import { cardAt } from './issuance.builders.ts';
import { findCard } from './store.ts';

for (const backend of backends) {
  describe(`card arrival scanning page on ${backend}`, () => {
    let w: StaffWorld;
    before(async () => {
      w = await staffWorld(backend);
    });
    after(() => w.close());

    const countIn = (body: string) => /<p id="arrival-count">([^<]*)<\/p>/.exec(body)?.[1];
    const resultIn = (body: string) => /id="arrival-result"[^>]*>([^<]*)<\/p>/.exec(body)?.[1];

    it('shows a clerk a plain form whose field is focused for the reader', async () => {
      const res = await getPage(w.app, w.clerk, ARRIVALS_PATH);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<form method="post" action="\/console\/card\/arrivals"/);
      assert.match(res.body, /<input id="arrival-id" name="id"[^>]* autofocus/);
      assert.deepEqual(res.body.match(/<script[^>]*>/g), ['<script src="/public/js/session-timeout.js" defer>'], 'no script of its own');
      assert.equal(countIn(res.body), '到着 0件 ／ エラー 0件');
    });

    it('answers each scan at once with ✓ or ✗ and the running count, recording the arrival and its audit event', async () => {
      const [first, second] = [await cardAt(w.t.db, 'applied_to_jlis', { storageSiteCode: 'kita' }), await cardAt(w.t.db, 'applied_to_jlis')];
      const scan = (id: string, arrived: number, refused: number) => postForm(w.app, w.clerk, ARRIVALS_PATH, { id: `${id}\r\n`, arrived: String(arrived), refused: String(refused) });
      const one = await scan(first, 0, 0);
      assert.equal(one.statusCode, 200);
      assert.match(resultIn(one.body) ?? '', /^✓ \d{4} .* カード到着を登録しました。保管場所: 北サテライト$/);
      assert.equal(countIn(one.body), '到着 1件 ／ エラー 0件');
      const again = await scan(first, 1, 0);
      assert.equal(again.statusCode, 422);
      assert.match(resultIn(again.body) ?? '', /^✗ .*既に到着を登録済みです（二重読取）。$/);
      assert.equal(countIn(again.body), '到着 1件 ／ エラー 1件');
      const unknown = await scan('77777777777777777777777', 1, 1);
      assert.match(resultIn(unknown.body) ?? '', /登録されていません/);
      const two = await scan(second, 1, 2);
      assert.equal(countIn(two.body), '到着 2件 ／ エラー 2件');
      for (const id of [first, second]) assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'arrived');
      const events = await w.t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects']).where('operation_code', '=', 'card.issuance.arrival').where('user_id', '=', 'card.clerk').execute();
      assert.deepEqual(events.map((e) => e.subjects.length), [1, 0, 0, 1]);
    });

    it('lets a satellite clerk receive only the cards kept at their site', async () => {
      const elsewhere = await cardAt(w.t.db, 'applied_to_jlis');
      const res = await postForm(w.app, w.satelliteClerk, ARRIVALS_PATH, { id: elsewhere });
      assert.equal(res.statusCode, 422);
      assert.match(resultIn(res.body) ?? '', /担当外の窓口/);
      assert.equal((await findCard(w.t.db.kysely, mc, elsewhere))?.status, 'applied_to_jlis');
    });

    it('is closed to the call centre and to administrators, and to a post without the form\'s token', async () => {
      assert.equal((await getPage(w.app, w.operator, ARRIVALS_PATH)).statusCode, 403);
      assert.equal((await getPage(w.app, w.admin, ARRIVALS_PATH)).statusCode, 403);
      const card = await cardAt(w.t.db, 'applied_to_jlis');
      assert.equal((await postForm(w.app, w.operator, ARRIVALS_PATH, { id: card })).statusCode, 403);
      const forged = await w.app.inject({ method: 'POST', url: ARRIVALS_PATH, headers: { cookie: w.clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `id=${card}` });
      assert.equal(forged.statusCode, 403);
      assert.equal((await findCard(w.t.db.kysely, mc, card))?.status, 'applied_to_jlis');
    });
  });
}
