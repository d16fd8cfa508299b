// The shipping page through the console: a clerk sees the cards to ship (an audited read), records a shipment and a
// return by plain forms, prints the day's labels and letters (qpdf-checked, text read back); a satellite clerk sees
// and ships only the cards kept at their site; the call centre may not come in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { todayInJapan } from '../../../platform/text/index.ts';
import { displayApplicantId } from '../domain/applicant-id.ts';
import { cardAt } from '../issuance/issuance.builders.ts';
import { findCard } from '../issuance/store.ts';
import { getPage, mc, postForm, type StaffWorld, staffWorld } from '../staff/staff.builders.ts';
import { SHIPPING_PATH } from './pages/shipping-page.tsx';
import { shipmentsOfCard } from './store.ts';

for (const backend of backends) {
  describe(`card shipping page on ${backend}`, () => {
    let w: StaffWorld;
    before(async () => {
      w = await staffWorld(backend);
    });
    after(() => w.close());

    const readEvents = () => w.t.db.kysely.selectFrom('audit_event').select(['user_id', 'subjects', 'operation_code']).where('operation_code', 'in', ['card.shipping.read', 'card.shipping.print']).orderBy('seq').execute();

    it('lists a prepared card with its form, records its shipment, then its return, and prints the day\'s labels and letters', async () => {
      const id = await cardAt(w.t.db, 'prepared', { name: '発送 太郎', address: '大阪府見本市北町9-9' });
      const page = await getPage(w.app, w.clerk, SHIPPING_PATH);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`発送を記録（${displayApplicantId(id)}）`));
      assert.ok(page.body.includes('発送 太郎'));
      assert.ok((await readEvents()).some((e) => e.operation_code === 'card.shipping.read' && e.subjects.includes(`card:${id}`)));

      const today = todayInJapan();
      const sent = await postForm(w.app, w.clerk, `${SHIPPING_PATH}/send`, { applicantId: id, item: 'notice', method: 'registered', postalCode: '650-0001', trackingNumber: 'AB-12', sentOn: today });
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, `${SHIPPING_PATH}?done=sent`);
      assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'notice_sent');
      const after = await getPage(w.app, w.clerk, `${SHIPPING_PATH}?done=sent`);
      assert.match(after.body, /発送を記録しました。/);
      assert.ok(after.body.includes(`返戻を記録（${displayApplicantId(id)}）`));

      const labels = await getPage(w.app, w.clerk, `${SHIPPING_PATH}/labels.pdf?day=${today}`);
      assert.equal(labels.statusCode, 200);
      assert.equal(labels.headers['content-type'], 'application/pdf');
      const labelText = checkedPdfText(labels.rawPayload);
      assert.match(labelText, /〒650-0001/);
      assert.match(labelText, /発送 太郎 様/);
      const letters = checkedPdfText((await getPage(w.app, w.clerk, `${SHIPPING_PATH}/letters.pdf?day=${today}`)).rawPayload);
      assert.match(letters, /交付通知書の送付について/);
      assert.match(letters, /交付通知書番号\s+[0-9]{12}/);
      assert.ok((await readEvents()).filter((e) => e.operation_code === 'card.shipping.print' && e.subjects.includes(`card:${id}`)).length === 2);

      const returned = await postForm(w.app, w.clerk, `${SHIPPING_PATH}/return`, { applicantId: id, returnedOn: today, reason: '保管期間経過' });
      assert.equal(returned.statusCode, 303);
      assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'returned');
      assert.deepEqual((await shipmentsOfCard(w.t.db.kysely, mc, id)).map((s) => [s.attempt, s.returnReason, s.trackingNumber]), [[1, '保管期間経過', 'AB-12']]);
    });

    it('answers a refused shipment with the reason alone and changes nothing', async () => {
      const id = await cardAt(w.t.db, 'arrived');
      const res = await postForm(w.app, w.clerk, `${SHIPPING_PATH}/send`, { applicantId: id, item: 'notice', method: 'registered', postalCode: '6500001', sentOn: todayInJapan() });
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /「カード到着」のカードには「交付通知書発送」はできません/);
      assert.ok(!res.body.includes('見本 花子'), 'no list, no name');
      assert.equal((await findCard(w.t.db.kysely, mc, id))?.status, 'arrived');
    });

    it('shows and ships for a satellite clerk only the cards kept at their site, and is closed to the call centre', async () => {
      const here = await cardAt(w.t.db, 'prepared', { storageSiteCode: 'kita' });
      const there = await cardAt(w.t.db, 'prepared');
      const page = await getPage(w.app, w.satelliteClerk, SHIPPING_PATH);
      assert.ok(page.body.includes(displayApplicantId(here)));
      assert.ok(!page.body.includes(displayApplicantId(there)));
      const refused = await postForm(w.app, w.satelliteClerk, `${SHIPPING_PATH}/send`, { applicantId: there, item: 'notice', method: 'registered', postalCode: '6500001', sentOn: todayInJapan() });
      assert.equal(refused.statusCode, 404);
      assert.equal((await findCard(w.t.db.kysely, mc, there))?.status, 'prepared');
      assert.equal((await getPage(w.app, w.operator, SHIPPING_PATH)).statusCode, 403);
      assert.equal((await postForm(w.app, w.operator, `${SHIPPING_PATH}/send`, { applicantId: here, item: 'notice', method: 'registered', postalCode: '6500001', sentOn: todayInJapan() })).statusCode, 403);
    });
  });
}
