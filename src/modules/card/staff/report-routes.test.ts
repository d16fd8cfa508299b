// 報告書出力: per site, day and type, on the page with its chart and table, and as CSV in UTF-8 with BOM and Shift_JIS;
// a satellite clerk's report covers the satellite only. And the day-end job that marks the no-shows it counts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles } from '../../../../test/support/staff.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import { findReservation } from '../reservations/store.ts';
import { noShowJob } from './no-show-job.ts';
import { addReservation, getPage, mc, postForm, type StaffWorld, staffWorld } from './staff.builders.ts';

for (const backend of backends) {
  describe(`card reservations report on ${backend}`, () => {
    let w: StaffWorld;
    let open: string;
    const day = addDays(todayInJapan(), -1);
    before(async () => {
      w = await staffWorld(backend);
      const arrived = await addReservation(w.t.db, { date: day, people: 2 });
      open = (await addReservation(w.t.db, { date: day, proxyOperator: 'card.operator' })).reservationNumber;
      const cancelled = await addReservation(w.t.db, { date: day, typeCode: 'pickup' });
      await addReservation(w.t.db, { date: day, siteCode: 'kita' });
      await w.t.db.kysely.updateTable('card_reservation').set({ status: 'arrived', arrived_at: new Date(), arrived_by: 'x' }).where('reservation_number', '=', arrived.reservationNumber).execute();
      await w.t.db.kysely.updateTable('card_reservation').set({ status: 'cancelled', cancelled_at: new Date(), cancelled_by: 'resident' }).where('reservation_number', '=', cancelled.reservationNumber).execute();
    });
    after(() => w.close());

    it('marks what is still booked after its day as a no-show, once, and leaves today alone', async () => {
      const job = noShowJob(() => day);
      assert.equal(await w.t.db.transaction((tx) => job.run(tx)), 0);
      const next = noShowJob();
      assert.equal(await w.t.db.transaction((tx) => next.run(tx)), 2);
      assert.equal(await w.t.db.transaction((tx) => next.run(tx)), 0);
      assert.equal((await findReservation(w.t.db.kysely, mc, open))!.status, 'no_show');
      const late = await postForm(w.app, w.clerk, `/console/card/reservations/${open}/checkin`);
      assert.equal(late.statusCode, 303);
      assert.equal((await findReservation(w.t.db.kysely, mc, open))!.status, 'arrived');
      await w.t.db.kysely.updateTable('card_reservation').set({ status: 'no_show', arrived_at: null, arrived_by: null, no_show_at: new Date() }).where('reservation_number', '=', open).execute();
    });

    it('shows the lines by site, day and type, the total, and a chart with its title, description and a table', async () => {
      const res = await getPage(w.app, w.clerk, `/console/card/report?from=${day}&to=${day}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<svg[^>]+role="img"[^>]+aria-labelledby="card-report-chart-title card-report-chart-desc"/);
      assert.match(res.body, /<desc id="card-report-chart-desc">[^<]*来庁1件、無断キャンセル2件、予約中0件、取消1件/);
      const cells = res.body.replace(/\s+/g, ' ');
      assert.ok(cells.includes(`<td>${day}</td><td>本庁</td><td>申請時来庁</td><td class="number">2</td><td class="number">1</td><td class="number">1</td><td class="number">0</td><td class="number">0</td><td class="number">1</td><td class="number">3</td>`));
      assert.ok(cells.includes('<th scope="row" colspan="3">期間合計</th><td class="number">4</td>'));
    });

    it('exports the same lines as CSV in UTF-8 with BOM and in Shift_JIS, as an audited export', async () => {
      const utf8 = await getPage(w.app, w.clerk, `/console/card/report.csv?from=${day}&to=${day}&encoding=utf8`);
      assert.equal(utf8.statusCode, 200);
      assert.ok(utf8.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
      const lines = utf8.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
      assert.deepEqual(lines, [
        '予約日,窓口コード,窓口,予約区分コード,予約区分,予約数,来庁,無断キャンセル,取消,予約中,うち代行,来庁予定人数',
        `${day},honcho,本庁,apply,申請時来庁,2,1,1,0,0,1,3`,
        `${day},honcho,本庁,pickup,交付時来庁,1,0,0,1,0,0,0`,
        `${day},kita,北サテライト,apply,申請時来庁,1,0,1,0,0,0,1`,
      ]);
      const sjis = await getPage(w.app, w.clerk, `/console/card/report.csv?from=${day}&to=${day}&encoding=sjis`);
      assert.deepEqual(iconv.decode(sjis.rawPayload, 'cp932').trim().split('\r\n'), lines);
      const events = await w.t.db.kysely.selectFrom('audit_event').select('detail').where('operation_code', '=', 'card.report.export').execute();
      assert.equal(events.length, 2);
    });

    it('gives a satellite clerk the satellite’s lines only, and refuses another site', async () => {
      const res = await getPage(w.app, w.satelliteClerk, `/console/card/report.csv?from=${day}&to=${day}`);
      assert.deepEqual(res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n').slice(1), [`${day},kita,北サテライト,apply,申請時来庁,1,0,1,0,0,0,1`]);
      assert.equal((await getPage(w.app, w.satelliteClerk, `/console/card/report?site=honcho&from=${day}&to=${day}`)).statusCode, 403);
    });

    it('refuses a period longer than a quarter, and is closed to the call centre', async () => {
      assert.equal((await getPage(w.app, w.clerk, '/console/card/report?from=2026-01-01&to=2026-12-31')).statusCode, 400);
      assert.equal((await getPage(w.app, w.operator, '/console/card/report')).statusCode, 403);
      const auditor = await staffWithRoles(w.t.db, 'card.report.auditor', [{ role: 'auditor' }]);
      assert.equal((await getPage(w.app, auditor, `/console/card/report?from=${day}&to=${day}`)).statusCode, 200);
    });
  });
}
