// カード交付管理 in the console: the list filtered and paged within the clerk's sites, a card's page (audited) with its
// steps, fee, memo and comments at the RowStamp shown, and a bulk step that is confirmed before it moves every card or
// none; who may only read sees no form and is refused the posts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { backends } from '../../../../../test/support/db.ts';
import type { TestStaff } from '../../../../../test/support/staff.ts';
import { getPage, mc, postForm, type StaffWorld, staffWorld } from '../../staff/staff.builders.ts';
import { cardAt } from '../issuance.builders.ts';
import { cardHistory, findCard } from '../store.ts';
import { BULK_CONFIRM_PATH, BULK_PATH, cardPath, CARDS_PATH } from './paths.ts';
import { listCards } from './store.ts';

/** A form post with repeated fields (ticked checkboxes), as the browser sends it. */
function postPairs(app: FastifyInstance, who: TestStaff, url: string, pairs: Array<[string, string]>) {
  return app.inject({
    method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['csrf', who.csrf], ...pairs]).toString(),
  });
}

const hidden = (body: string, name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(body)?.[1];

for (const backend of backends) {
  describe(`card issuance console on ${backend}`, () => {
    let w: StaffWorld;
    before(async () => {
      w = await staffWorld(backend);
    });
    after(() => w.close());

    const events = (code: string, user: string) => w.t.db.kysely.selectFrom('audit_event').select(['subjects', 'detail', 'outcome'])
      .where('operation_code', '=', code).where('user_id', '=', user).orderBy('seq').execute();

    it('lists the cards of a status, names them in the audit event, and shows a satellite clerk only the cards kept at their site', async () => {
      const [here, there] = [await cardAt(w.t.db, 'prepared'), await cardAt(w.t.db, 'prepared', { storageSiteCode: 'kita', name: '北 次郎' })];
      const all = await getPage(w.app, w.clerk, `${CARDS_PATH}?status=prepared`);
      assert.equal(all.statusCode, 200);
      for (const id of [here, there]) assert.ok(all.body.includes(`href="${cardPath(id)}"`));
      assert.ok(all.body.includes('北 次郎'));
      const listed = (await events('card.issuance.list.read', 'card.clerk')).at(-1);
      assert.deepEqual([...(listed?.subjects ?? [])].sort(), [`card:${here}`, `card:${there}`].sort());
      const kita = await getPage(w.app, w.satelliteClerk, `${CARDS_PATH}?status=prepared`);
      assert.ok(kita.body.includes(`href="${cardPath(there)}"`));
      assert.ok(!kita.body.includes(`href="${cardPath(here)}"`));
      assert.equal((await getPage(w.app, w.satelliteClerk, `${CARDS_PATH}?site=honcho`)).statusCode, 403);
      assert.equal((await getPage(w.app, w.satelliteClerk, cardPath(here))).statusCode, 403);
    });

    it('filters by ID prefix (typed in full width) and 申請受付日, and pages by the last ID shown', async () => {
      const ids = [await cardAt(w.t.db, 'received', { receivedOn: '2026-09-01' }), await cardAt(w.t.db, 'received', { receivedOn: '2026-09-02' }), await cardAt(w.t.db, 'received', { receivedOn: '2026-09-03' })];
      const filter = { from: '2026-09-01', to: '2026-09-03' };
      const first = await listCards(w.t.db.kysely, mc, filter, undefined, { limit: 2 });
      const second = await listCards(w.t.db.kysely, mc, filter, undefined, { after: first.at(-1)?.applicantId, limit: 2 });
      assert.deepEqual([...first, ...second].map((r) => r.applicantId), ids);
      const wide = ids[1]!.slice(0, 21).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      const page = await getPage(w.app, w.clerk, `${CARDS_PATH}?id=${encodeURIComponent(wide)}&from=2026-09-02`);
      assert.ok(page.body.includes(`href="${cardPath(ids[1]!)}"`));
      assert.ok(!page.body.includes(`href="${cardPath(ids[0]!)}"`));
    });

    it('finds cards by the first letters of 氏名カナ however typed (hiragana, half width, with a space)', async () => {
      const [hanako, taro] = [await cardAt(w.t.db, 'received', { nameKana: 'ミホン ハナコ' }), await cardAt(w.t.db, 'received', { nameKana: 'ﾐﾎﾝ ﾀﾛｳ' })];
      for (const typed of ['みほんは', 'ﾐﾎﾝ ﾊ', 'ミホンハナコ']) {
        const page = await getPage(w.app, w.clerk, `${CARDS_PATH}?kana=${encodeURIComponent(typed)}`);
        assert.ok(page.body.includes(`href="${cardPath(hanako)}"`), typed);
        assert.ok(!page.body.includes(`href="${cardPath(taro)}"`), typed);
        assert.ok(page.body.includes('<td>ミホンハナコ</td>'));
      }
      assert.ok((await getPage(w.app, w.clerk, `${CARDS_PATH}?kana=${encodeURIComponent('みほん')}`)).body.includes(`href="${cardPath(taro)}"`));
    });

    it('shows a card with its items, its status and the steps allowed from it, as an audited read', async () => {
      const id = await cardAt(w.t.db, 'arrived', { name: '見本 一郎' });
      const page = await getPage(w.app, w.clerk, cardPath(id));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<p id="card-status">カードステータス: カード到着<\/p>/);
      assert.ok(page.body.includes('見本 一郎'));
      const buttons = [...page.body.matchAll(/<button type="submit" name="step" value="([a-z_]+)"/g)].map((m) => m[1]);
      assert.deepEqual(buttons, ['prepare', 'cancel', 'request_reissue', 'dispose', 'transfer']);
      assert.deepEqual((await events('card.issuance.card.read', 'card.clerk')).at(-1)?.subjects, [`card:${id}`]);
      assert.equal((await getPage(w.app, w.clerk, cardPath('99999999999999999999999'))).statusCode, 404);
    });

    it('takes a step from the card page with its comment, refuses a stale form and a missing reason, telling why on the page', async () => {
      const id = await cardAt(w.t.db, 'arrived');
      const shown = hidden((await getPage(w.app, w.clerk, cardPath(id))).body, 'rowVersion')!;
      const done = await postForm(w.app, w.clerk, cardPath(id, 'step'), { step: 'prepare', rowVersion: shown, comment: '設定確認済' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, `${cardPath(id)}?done=step`);
      assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'prepared');
      assert.deepEqual((await cardHistory(w.t.db.kysely, mc, id)).at(-1)?.comments, ['設定確認済']);
      const stale = await postForm(w.app, w.clerk, cardPath(id, 'step'), { step: 'send_notice', rowVersion: shown });
      assert.equal(stale.headers.location, `${cardPath(id)}?problem=card_changed&step=send_notice`);
      assert.match((await getPage(w.app, w.clerk, String(stale.headers.location))).body, /role="alert">このカードは表示した後に他の職員が更新しました/);
      const now = String((await findCard(w.t.db.kysely, mc, id))?.rowVersion);
      const noReason = await postForm(w.app, w.clerk, cardPath(id, 'step'), { step: 'cancel', rowVersion: now, reason: ' ' });
      assert.match((await getPage(w.app, w.clerk, String(noReason.headers.location))).body, /「交付取りやめ」には事由を入力してください。/);
      assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'prepared');
    });

    it('records the fee collected, the memo and a comment, each with a history line or in データ処理履歴', async () => {
      const id = await cardAt(w.t.db, 'notice_sent');
      let version = String((await findCard(w.t.db.kysely, mc, id))?.rowVersion);
      assert.equal((await postForm(w.app, w.clerk, cardPath(id, 'fee'), { rowVersion: version, collectedOn: '2026-12-01', category: 'cash', amount: '1000' })).statusCode, 303);
      version = String((await findCard(w.t.db.kysely, mc, id))?.rowVersion);
      assert.equal((await postForm(w.app, w.clerk, cardPath(id, 'memo'), { rowVersion: version, memo: '本人から電話あり' })).statusCode, 303);
      assert.equal((await postForm(w.app, w.clerk, cardPath(id, 'comment'), { comment: '来週来庁予定' })).statusCode, 303);
      const page = (await getPage(w.app, w.clerk, cardPath(id))).body;
      assert.match(page, /<p id="fee-record">徴収日 2026-12-01・現金・1,000円<\/p>/);
      assert.ok(page.includes('本人から電話あり</textarea>'));
      assert.match(page, /<ul id="card-comments"><li>[^<]* card\.clerk: 来週来庁予定<\/li><\/ul>/);
      assert.deepEqual((await cardHistory(w.t.db.kysely, mc, id)).slice(-2).map((h) => [h.step, h.toStatus]), [['collect_fee', 'notice_sent'], ['edit_memo', 'notice_sent']]);
      const stale = await postForm(w.app, w.clerk, cardPath(id, 'memo'), { rowVersion: version, memo: '上書き' });
      assert.match(String(stale.headers.location), /problem=card_changed/);
      assert.deepEqual((await events('card.issuance.record.change', 'card.clerk')).map((e) => [e.detail, e.outcome]).slice(-4), [
        ['fee cash 1000', 'success'], ['memo', 'success'], ['comment', 'success'], ['memo', 'failure'],
      ]);
    });

    it('confirms a bulk step over the ticked cards (count, step, from → to) before moving them all together', async () => {
      const ids = [await cardAt(w.t.db, 'arrived'), await cardAt(w.t.db, 'arrived')];
      const confirm = await postPairs(w.app, w.clerk, BULK_PATH, [['target', 'selected'], ['step', 'prepare'], ...ids.map((id): [string, string] => ['id', id]), ['comment', '一括']]);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /<dt>件数<\/dt><dd>2件<\/dd><dt>操作<\/dt><dd>交付前設定<\/dd><dt>変更前 → 変更後<\/dt><dd>カード到着 → 交付前設定済<\/dd>/);
      for (const id of ids) assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'arrived', 'nothing moves before the confirmation');
      const done = await postForm(w.app, w.clerk, BULK_CONFIRM_PATH, { step: 'prepare', ids: hidden(confirm.body, 'ids')!, comment: hidden(confirm.body, 'comment')!, reason: '', toSite: '', back: hidden(confirm.body, 'back')! });
      assert.equal(done.statusCode, 303);
      assert.match(String(done.headers.location), /moved=2$/);
      for (const id of ids) assert.deepEqual((await cardHistory(w.t.db.kysely, mc, id)).at(-1)?.comments, ['一括']);
    });

    it('takes the whole filtered list, or none of it naming the card that cannot take the step', async () => {
      const ids = [await cardAt(w.t.db, 'notice_sent', { receivedOn: '2026-08-01' }), await cardAt(w.t.db, 'prepared', { receivedOn: '2026-08-01' })];
      const confirm = await postPairs(w.app, w.clerk, BULK_PATH, [['target', 'filtered'], ['step', 'issue'], ['filter_from', '2026-08-01'], ['filter_to', '2026-08-01']]);
      assert.match(confirm.body, /<dd>2件<\/dd>/);
      assert.match(confirm.body, /1件はこの操作ができないステータスです/);
      assert.equal(hidden(confirm.body, 'ids'), ids.join(','));
      const refused = await postForm(w.app, w.clerk, BULK_CONFIRM_PATH, { step: 'issue', ids: ids.join(',') });
      assert.equal(refused.statusCode, 409);
      assert.ok(refused.body.includes(`2件のうち1件は「交付」ができないため、一括更新を行いませんでした: ${ids[1]} (交付前設定済)`));
      assert.equal((await findCard(w.t.db.kysely, mc, ids[0]!))?.status, 'notice_sent');
    });

    it('gives who may only read no form, and refuses their posts and a satellite clerk\'s bulk step on another site', async () => {
      const id = await cardAt(w.t.db, 'arrived');
      const page = await getPage(w.app, w.admin, `${CARDS_PATH}?status=arrived`);
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes(`action="${BULK_PATH}"`));
      assert.ok(!(await getPage(w.app, w.admin, cardPath(id))).body.includes('name="step"'));
      assert.equal((await postForm(w.app, w.admin, cardPath(id, 'step'), { step: 'prepare', rowVersion: '2' })).statusCode, 403);
      assert.equal((await postForm(w.app, w.admin, BULK_CONFIRM_PATH, { step: 'prepare', ids: id })).statusCode, 403);
      assert.equal((await postForm(w.app, w.satelliteClerk, BULK_CONFIRM_PATH, { step: 'prepare', ids: id })).statusCode, 403);
      assert.equal((await postForm(w.app, w.satelliteClerk, cardPath(id, 'comment'), { comment: 'x' })).statusCode, 403);
      assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'arrived');
    });
  });
}
