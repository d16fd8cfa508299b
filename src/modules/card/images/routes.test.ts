// 帳票イメージ in the console: a clerk files a scan on a card and sees it (turned as stored), finds it by application ID
// or document number, and every list, page and file shown is an audit event; a satellite clerk reaches only the cards
// kept at their site; nobody without card.images.* reaches any of it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import type { TestStaff } from '../../../../test/support/staff.ts';
import { multipartBody } from '../../review/batch.builders.ts';
import { cardAt } from '../issuance/issuance.builders.ts';
import { getPage, mc, postForm, type StaffWorld, staffWorld } from '../staff/staff.builders.ts';
import { pdfBytes, pngOf } from './images.builders.ts';
import { cardImagesPath, IMAGES_PATH, imageContentPath, imagePath, RETENTION_PATH } from './pages/paths.ts';
import { listCardImages } from './store.ts';

const filingFields = { fiscalYear: '2026', business: 'application', category: 'identity_document', number: 'B-12', kanjiName: '見本 花子', page: '1' };

for (const backend of backends) {
  describe(`card document image pages on ${backend}`, () => {
    let w: StaffWorld;
    before(async () => {
      w = await staffWorld(backend);
    });
    after(() => w.close());

    const upload = (who: TestStaff, applicantId: string, bytes: Buffer, fields: Record<string, string> = filingFields) => {
      const { payload, contentType } = multipartBody({ csrf: who.csrf, ...fields }, { name: '見本花子_免許証.png', bytes });
      return w.app.inject({ method: 'POST', url: cardImagesPath(applicantId), headers: { cookie: who.cookie, 'content-type': contentType }, payload });
    };
    const events = (operation: string) => w.t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects', 'outcome']).where('operation_code', '=', operation).orderBy('seq').execute();

    it('files a scan from the card’s page, lists it, shows it turned as stored and answers the file itself, each view audited', async () => {
      const card = await cardAt(w.t.db, 'arrived');
      const empty = await getPage(w.app, w.clerk, cardImagesPath(card));
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /<form method="post" action="\/console\/card\/cards\/\d{23}\/images" enctype="multipart\/form-data"/);
      assert.match(empty.body, /id="image-name"[^>]* value="見本 花子"/, 'the name is offered from the card');
      const png = pngOf(40, 30);
      const filed = await upload(w.clerk, card, png);
      assert.equal(filed.statusCode, 303);
      assert.equal(filed.headers.location, `${cardImagesPath(card)}?done=filed`);
      const [image] = await listCardImages(w.t.db.kysely, mc, card);
      assert.ok(image);
      assert.equal(image.fileName, 'B-12_001.png', 'the client’s file name, which names a person, is not kept');
      const list = await getPage(w.app, w.clerk, filed.headers.location);
      assert.match(list.body, /帳票イメージを登録しました。/);
      assert.match(list.body, new RegExp(`<a href="${imagePath(card, image.imageId)}">本人確認書類 1頁</a>`));
      const turn = await postForm(w.app, w.clerk, `${imagePath(card, image.imageId)}/rotation`, { turn: 'right' });
      assert.equal(turn.statusCode, 303);
      const page = await getPage(w.app, w.clerk, imagePath(card, image.imageId));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<svg id="image-view" role="img" aria-label="本人確認書類 1頁の画像" viewBox="0 0 30 40"/);
      assert.match(page.body, /<g transform="translate\(30 0\) rotate\(90\)"><image href="[^"]+\/content" width="40" height="30"/);
      const content = await getPage(w.app, w.clerk, imageContentPath(card, image.imageId));
      assert.equal(content.statusCode, 200);
      assert.equal(content.headers['content-type'], 'image/png');
      assert.equal(content.headers['cache-control'], 'no-store');
      assert.ok(content.rawPayload.equals(png));
      const download = await getPage(w.app, w.clerk, imageContentPath(card, image.imageId, true));
      assert.match(String(download.headers['content-disposition']), /^attachment; filename="image\.png"; filename\*=UTF-8''B-12_001\.png$/);
      const subjects = [`card:${card}`, `card_image:${image.imageId}`];
      assert.deepEqual((await events('card.images.view')).map((e) => e.subjects), [subjects, subjects, subjects]);
      assert.deepEqual((await events('card.images.file')).at(-1)?.subjects, subjects);
      assert.deepEqual((await events('card.images.rotate')).at(-1)?.subjects, subjects);
      assert.deepEqual((await events('card.images.list')).at(-1)?.subjects, subjects);
      assert.doesNotMatch(w.t.logs(), /見本花子_免許証|見本 花子/);
    });

    it('says why a file is refused and files nothing: not a scan, empty, a malformed form', async () => {
      const card = await cardAt(w.t.db, 'arrived');
      const cases: Array<[Buffer, Record<string, string>, string]> = [
        [Buffer.from('<html><script>alert(1)</script></html>'), filingFields, 'not_a_document'],
        [Buffer.alloc(0), filingFields, 'empty'],
        [pdfBytes, { ...filingFields, page: '0' }, 'form'],
        [pdfBytes, { ...filingFields, category: 'secret' }, 'form'],
      ];
      for (const [bytes, fields, why] of cases) {
        const res = await upload(w.clerk, card, bytes, fields);
        assert.equal(res.headers.location, `${cardImagesPath(card)}?problem=${why}`);
      }
      const page = await getPage(w.app, w.clerk, `${cardImagesPath(card)}?problem=not_a_document`);
      assert.equal(page.statusCode, 422);
      assert.match(page.body, /role="alert">PDF・JPEG・PNG・TIFF のファイルではありません。/);
      assert.deepEqual(await listCardImages(w.t.db.kysely, mc, card), []);
    });

    it('finds images by application ID or document number, within the clerk’s sites', async () => {
      const [atHoncho, atKita] = [await cardAt(w.t.db, 'arrived'), await cardAt(w.t.db, 'arrived', { storageSiteCode: 'kita' })];
      for (const card of [atHoncho, atKita]) assert.equal((await upload(w.clerk, card, pdfBytes, { ...filingFields, number: 'S-900' })).statusCode, 303);
      const byNumber = await getPage(w.app, w.clerk, `${IMAGES_PATH}?number=S-900`);
      assert.equal((byNumber.body.match(/<tr>/g) ?? []).length, 3, 'a header and two images');
      const byId = await getPage(w.app, w.clerk, `${IMAGES_PATH}?applicant=${encodeURIComponent(atKita.replace(/(\d{4})/g, '$1 '))}`);
      assert.equal((byId.body.match(/<tr>/g) ?? []).length, 2);
      const satellite = await getPage(w.app, w.satelliteClerk, `${IMAGES_PATH}?number=S-900`);
      assert.equal((satellite.body.match(/<tr>/g) ?? []).length, 2, 'only the card kept at kita');
      assert.match(satellite.body, new RegExp(atKita.slice(0, 4)));
      assert.equal((await getPage(w.app, w.clerk, `${IMAGES_PATH}?applicant=123`)).statusCode, 400);
      const search = (await events('card.images.list')).filter((e) => e.user_id === 'card.kita').at(-1);
      assert.deepEqual(search?.subjects, [`card:${atKita}`]);
    });

    it('keeps a satellite clerk to the cards kept at their site, and everyone without the capability out', async () => {
      const card = await cardAt(w.t.db, 'arrived');
      assert.equal((await upload(w.clerk, card, pdfBytes)).statusCode, 303);
      const [image] = await listCardImages(w.t.db.kysely, mc, card);
      assert.ok(image);
      assert.equal((await getPage(w.app, w.satelliteClerk, cardImagesPath(card))).statusCode, 403);
      assert.equal((await getPage(w.app, w.satelliteClerk, imageContentPath(card, image.imageId))).statusCode, 403);
      assert.equal((await upload(w.satelliteClerk, card, pdfBytes)).statusCode, 403);
      for (const who of [w.operator, w.admin]) {
        for (const url of [IMAGES_PATH, cardImagesPath(card), imagePath(card, image.imageId), imageContentPath(card, image.imageId), RETENTION_PATH]) {
          assert.equal((await getPage(w.app, who, url)).statusCode, 403, url);
        }
      }
      const other = await cardAt(w.t.db, 'arrived');
      assert.equal((await getPage(w.app, w.clerk, imagePath(other, image.imageId))).statusCode, 404, 'an image only under its own card');
      const pdfPage = await getPage(w.app, w.clerk, imagePath(card, image.imageId));
      assert.match(pdfPage.body, /id="image-preview-none"/);
      assert.doesNotMatch(pdfPage.body, /id="image-rotate"/);
    });

    it('corrects how an image is filed from its page, recording who, and refuses a malformed correction', async () => {
      const card = await cardAt(w.t.db, 'arrived');
      assert.equal((await upload(w.clerk, card, pdfBytes)).statusCode, 303);
      const [image] = await listCardImages(w.t.db.kysely, mc, card);
      assert.ok(image);
      const page = await getPage(w.app, w.clerk, imagePath(card, image.imageId));
      assert.match(page.body, /<form method="post" action="[^"]+\/details" class="form" id="image-correct">/);
      assert.match(page.body, /id="image-number"[^>]* value="B-12"/);
      const url = `${imagePath(card, image.imageId)}/details`;
      const corrected = await postForm(w.app, w.clerk, url, { ...filingFields, category: 'application_form', number: 'B-13', page: '2' });
      assert.equal(corrected.headers.location, `${imagePath(card, image.imageId)}?done=corrected`);
      const [after] = await listCardImages(w.t.db.kysely, mc, card);
      assert.deepEqual([after?.documentCategory, after?.documentNumber, after?.pageNumber, after?.displayName, after?.updatedBy, after?.fileName],
        ['application_form', 'B-13', 2, '交付申請書 2頁', 'card.clerk', image.fileName]);
      const refused = await postForm(w.app, w.clerk, url, { ...filingFields, fiscalYear: '26' });
      assert.equal(refused.headers.location, `${imagePath(card, image.imageId)}?problem=form`);
      assert.equal((await listCardImages(w.t.db.kysely, mc, card))[0]?.fiscalYear, 2026);
      assert.equal((await postForm(w.app, w.satelliteClerk, url, filingFields)).statusCode, 403);
      assert.deepEqual((await events('card.images.correct')).map((e) => e.subjects), [[`card:${card}`, `card_image:${image.imageId}`]]);
    });

    it('shows the retention of each category and lets a clerk change one, audited', async () => {
      const page = await getPage(w.app, w.clerk, RETENTION_PATH);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /本人確認書類<\/th><td>5年<\/td>/);
      const saved = await postForm(w.app, w.clerk, RETENTION_PATH, { category: 'identity_document', years: '3' });
      assert.equal(saved.statusCode, 303);
      assert.match((await getPage(w.app, w.clerk, RETENTION_PATH)).body, /本人確認書類<\/th><td>3年（変更済み）<\/td>/);
      assert.equal((await postForm(w.app, w.clerk, RETENTION_PATH, { category: 'identity_document', years: '0' })).statusCode, 400);
      assert.equal((await events('card.images.retention')).at(-1)?.user_id, 'card.clerk');
    });
  });
}
