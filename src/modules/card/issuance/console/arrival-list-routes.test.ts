// 交付一覧ファイルの読込 on the arrivals page: every line answered like a scan (arrived, unknown, listed twice …) with its
// line number, the arrivals recorded; an empty file refused; who may not receive cards refused before the file is read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../../test/support/db.ts';
import type { TestStaff } from '../../../../../test/support/staff.ts';
import { multipartBody } from '../../../review/batch.builders.ts';
import { mc, type StaffWorld, staffWorld } from '../../staff/staff.builders.ts';
import { cardAt } from '../issuance.builders.ts';
import { ARRIVALS_PATH } from '../pages/arrival-page.tsx';
import { findCard } from '../store.ts';
import { ARRIVAL_LIST_PATH } from './paths.ts';

for (const backend of backends) {
  describe(`delivery list upload on ${backend}`, () => {
    let w: StaffWorld;
    before(async () => {
      w = await staffWorld(backend);
    });
    after(() => w.close());

    const upload = (who: TestStaff, text: string) => {
      const body = multipartBody({ csrf: who.csrf }, { name: 'list.csv', bytes: Buffer.from(text) });
      return w.app.inject({ method: 'POST', url: ARRIVAL_LIST_PATH, headers: { cookie: who.cookie, 'content-type': body.contentType }, payload: body.payload });
    };

    it('offers the file form on the arrivals page', async () => {
      const page = await w.app.inject({ method: 'GET', url: ARRIVALS_PATH, headers: { cookie: w.clerk.cookie } });
      assert.match(page.body, /<form method="post" action="\/console\/card\/arrivals\/list" enctype="multipart\/form-data"/);
    });

    it('answers every line like a scan and records the arrivals', async () => {
      const [a, b] = [await cardAt(w.t.db, 'applied_to_jlis'), await cardAt(w.t.db, 'applied_to_jlis', { storageSiteCode: 'kita' })];
      const res = await upload(w.clerk, `申請書ID\n${a}\n${b}\n${a}\n99999999999999999999999\n`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /id="list-result"[^>]*>4件を読み込みました: 到着 2件 ／ エラー 2件<\/p>/);
      const rows = [...res.body.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]?.slice(0, 1)]);
      assert.deepEqual(rows, [['2', '✓'], ['3', '✓'], ['4', '✗'], ['5', '✗']]);
      assert.match(res.body, /一覧に重複しています。/);
      assert.match(res.body, /この申請書IDのカードは登録されていません。/);
      for (const id of [a, b]) assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'arrived');
    });

    it('answers a satellite clerk\'s list out of scope for the cards of other sites', async () => {
      const theirs = await cardAt(w.t.db, 'applied_to_jlis');
      const res = await upload(w.satelliteClerk, `${theirs}\n`);
      assert.match(res.body, /担当外の窓口で保管するカードです。/);
      assert.equal((await findCard(w.t.db.kysely, mc, theirs))?.status, 'applied_to_jlis');
    });

    it('refuses a list with no ID, and an operator without card.issuance.manage', async () => {
      const empty = await upload(w.clerk, '申請書ID\n');
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /role="alert" id="list-result">申請書IDが1件もありません。/);
      const card = await cardAt(w.t.db, 'applied_to_jlis');
      assert.equal((await upload(w.operator, `${card}\n`)).statusCode, 403);
      assert.equal((await findCard(w.t.db.kysely, mc, card))?.status, 'applied_to_jlis');
    });
  });
}
