// 進捗管理 through the console: the dashboard counts cards by status and aging band with 滞留 past N days and links each
// number to the cards behind it (an audited read); the uncollected cards page lists reminders due and cards to
// dispose of, and printing the 督促状 records 督促状送付日 with a history line and an audit event; the daily issuance
// report with its CSV. A satellite clerk sees the satellite only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { backends } from '../../../../test/support/db.ts';
import { checkedPdfText } from '../../../../test/support/pdf-checked.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import { cardAt } from '../issuance/issuance.builders.ts';
import { cardHistory, findCard } from '../issuance/store.ts';
import { getPage, mc, postForm, type StaffWorld, staffWorld } from '../staff/staff.builders.ts';
import { ISSUANCE_REPORT_PATH } from './pages/issuance-report-page.tsx';
import { PROGRESS_CARDS_PATH, PROGRESS_PATH, PROGRESS_SETTINGS_PATH, UNCOLLECTED_PATH } from './pages/progress-page.tsx';
import { REMINDERS_PDF_PATH } from './pages/uncollected-page.tsx';

const DAY_MS = 86_400_000;
const flat = (body: string) => body.replace(/\s+/g, ' ');
/** The cells of a table row headed by `head`, as text. */
function rowOf(body: string, tableId: string, head: string): string[] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(body)?.[0] ?? '';
  const row = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((r) => r.includes(`>${head}<`)) ?? '';
  return [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
}

for (const backend of backends) {
  describe(`card progress and reports on ${backend}`, () => {
    let w: StaffWorld;
    const ids: Record<string, string> = {};
    const wait = async (id: string, days: number) => {
      await w.t.db.kysely.updateTable('card_record').set({ status_since: new Date(Date.now() - days * DAY_MS - 60_000) }).where('applicant_id', '=', id).execute();
    };
    before(async () => {
      w = await staffWorld(backend);
      ids.arrivedLong = await cardAt(w.t.db, 'arrived');
      ids.arrivedNew = await cardAt(w.t.db, 'arrived');
      ids.preparedOld = await cardAt(w.t.db, 'prepared');
      ids.kitaArrived = await cardAt(w.t.db, 'arrived', { storageSiteCode: 'kita' });
      await wait(ids.arrivedLong, 20);
      await wait(ids.arrivedNew, 2);
      await wait(ids.preparedOld, 100);
      await wait(ids.kitaArrived, 40);
    });
    after(() => w.close());

    it('counts the cards of each status by days waited, with 滞留 past N days, and links each number to its cards', async () => {
      const res = await getPage(w.app, w.clerk, PROGRESS_PATH);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(rowOf(res.body, 'progress-by-status', 'カード到着'), ['カード到着', '3', '1', '1', '1', '0', '2 （14日超）']);
      assert.deepEqual(rowOf(res.body, 'progress-by-status', '交付前設定済'), ['交付前設定済', '1', '0', '0', '0', '1', '1 （7日超）']);
      assert.deepEqual(rowOf(res.body, 'progress-by-site', '北サテライト'), ['北サテライト', '1']);
      assert.ok(flat(res.body).includes(`<a href="${PROGRESS_CARDS_PATH}?status=arrived&which=overdue&site=">2</a>`));
      assert.match(res.body, /<svg[^>]+role="img"[^>]+aria-labelledby="card-aging-chart-title card-aging-chart-desc"/);
      const longer = await getPage(w.app, w.clerk, `${PROGRESS_PATH}?n_arrived=30`);
      assert.deepEqual(rowOf(longer.body, 'progress-by-status', 'カード到着').at(-1), '1 （30日超）');
    });

    it('lists the cards behind a number, longest waiting first, as an audited read naming them', async () => {
      const res = await getPage(w.app, w.clerk, `${PROGRESS_CARDS_PATH}?status=arrived&which=overdue&site=`);
      assert.equal(res.statusCode, 200);
      const listed = [...res.body.matchAll(/href="\/console\/card\/cards\/(\d{23})"/g)].map((m) => m[1]);
      assert.deepEqual(listed, [ids.kitaArrived, ids.arrivedLong]);
      assert.equal(res.headers['cache-control'], 'no-store');
      const [event] = await w.t.db.kysely.selectFrom('audit_event').select(['subjects', 'detail']).where('operation_code', '=', 'card.progress.list').execute();
      assert.deepEqual(event?.subjects, [`card:${ids.kitaArrived}`, `card:${ids.arrivedLong}`]);
      const band = await getPage(w.app, w.clerk, `${PROGRESS_CARDS_PATH}?status=arrived&which=d0_7`);
      assert.deepEqual([...band.body.matchAll(/href="\/console\/card\/cards\/(\d{23})"/g)].map((m) => m[1]), [ids.arrivedNew]);
      assert.equal((await getPage(w.app, w.clerk, `${PROGRESS_CARDS_PATH}?status=issued&which=overdue`)).statusCode, 400);
    });

    it('gives a satellite clerk the satellite only, and refuses another site and the call centre', async () => {
      const res = await getPage(w.app, w.satelliteClerk, PROGRESS_PATH);
      assert.deepEqual(rowOf(res.body, 'progress-by-status', 'カード到着').slice(0, 2), ['カード到着', '1']);
      assert.equal((await getPage(w.app, w.satelliteClerk, `${PROGRESS_PATH}?site=honcho`)).statusCode, 403);
      assert.equal((await getPage(w.app, w.satelliteClerk, `${PROGRESS_CARDS_PATH}?status=arrived&site=honcho`)).statusCode, 403);
      assert.equal((await getPage(w.app, w.operator, PROGRESS_PATH)).statusCode, 403);
    });

    it('lists the cards due a reminder and those past the waiting period, and prints the reminders once, recording them, and again on demand', async () => {
      const today = todayInJapan();
      const due = await cardAt(w.t.db, 'notice_sent', { name: '督促 太郎' });
      const old = await cardAt(w.t.db, 'notice_sent');
      const fresh = await cardAt(w.t.db, 'notice_sent');
      await w.t.db.kysely.updateTable('card_record').set({ notice_sent_on: addDays(today, -40) }).where('applicant_id', '=', due).execute();
      await w.t.db.kysely.updateTable('card_record').set({ notice_sent_on: addDays(today, -200), reminder_sent_on: addDays(today, -150) }).where('applicant_id', '=', old).execute();
      const page = await getPage(w.app, w.clerk, UNCOLLECTED_PATH);
      assert.equal(page.statusCode, 200);
      const inTable = (id: string) => [...(new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(page.body)?.[0] ?? '').matchAll(/cards\/(\d{23})"/g)].map((m) => m[1]);
      assert.deepEqual(inTable('reminders-due'), [due]);
      assert.deepEqual(inTable('disposal-due'), [old]);
      assert.ok(!page.body.includes(fresh));

      const pdf = await postForm(w.app, w.clerk, REMINDERS_PDF_PATH, { site: '', reminder_days: '30' });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = checkedPdfText(pdf.rawPayload);
      assert.match(text, /マイナンバーカード受取のお願い（督促状）/);
      assert.match(text, /督促 太郎/);
      assert.equal((await findCard(w.t.db.kysely, mc, due))?.dates.noticeSentOn, addDays(today, -40));
      const card = await w.t.db.kysely.selectFrom('card_record').select(['reminder_sent_on', 'status']).where('applicant_id', '=', due).executeTakeFirstOrThrow();
      assert.deepEqual(card, { reminder_sent_on: today, status: 'notice_sent' });
      assert.deepEqual((await cardHistory(w.t.db.kysely, mc, due)).at(-1)?.step, 'send_reminder');
      const events = await w.t.db.kysely.selectFrom('audit_event').select('subjects').where('operation_code', '=', 'card.progress.reminders').execute();
      assert.deepEqual(events.map((e) => e.subjects), [[`card:${due}`]]);

      const reprint = await getPage(w.app, w.clerk, `${REMINDERS_PDF_PATH}?on=${today}&site=`);
      assert.equal(reprint.statusCode, 200);
      assert.match(checkedPdfText(reprint.rawPayload), /督促 太郎/);
      const reprints = await w.t.db.kysely.selectFrom('audit_event').select('subjects').where('operation_code', '=', 'card.progress.reminders_reprint').execute();
      assert.deepEqual(reprints.map((e) => e.subjects), [[`card:${due}`]]);
      assert.equal((await getPage(w.app, w.clerk, `${REMINDERS_PDF_PATH}?on=${addDays(today, -1)}`)).statusCode, 404);
      assert.equal((await getPage(w.app, w.clerk, `${REMINDERS_PDF_PATH}?on=2026-02-30`)).statusCode, 400);

      const again = await postForm(w.app, w.clerk, REMINDERS_PDF_PATH, { site: '' });
      assert.equal(again.statusCode, 303);
      assert.match(again.headers.location ?? '', /done=none/);
      assert.equal((await postForm(w.app, w.satelliteClerk, REMINDERS_PDF_PATH, { site: 'honcho' })).statusCode, 403);
    });

    it('reports the cards issued per day and site by kind with the fees, on the page and as CSV in UTF-8 and Shift_JIS', async () => {
      const day = addDays(todayInJapan(), -1);
      const issued = [await cardAt(w.t.db, 'issued'), await cardAt(w.t.db, 'issued', { issueKind: 'reissue', feeRequired: true, feeAmount: 1000 }), await cardAt(w.t.db, 'issued', { storageSiteCode: 'kita' })];
      await w.t.db.kysely.updateTable('card_record').set({ issued_on: day }).where('applicant_id', 'in', issued).execute();
      await w.t.db.kysely.updateTable('card_record').set({ collected_on: day, collection_category: 'cashless' }).where('applicant_id', '=', issued[1]!).execute();
      const page = await getPage(w.app, w.clerk, `${ISSUANCE_REPORT_PATH}?from=${day}&to=${day}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<desc id="card-issued-chart-desc">[^<]*交付3件（新規2件、更新0件、再交付1件）/);
      const utf8 = await getPage(w.app, w.clerk, `${ISSUANCE_REPORT_PATH}.csv?from=${day}&to=${day}&encoding=utf8`);
      assert.ok(utf8.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
      const lines = utf8.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
      assert.deepEqual(lines, [
        '交付日,窓口コード,窓口,新規,更新,再交付,交付計,現金（件）,現金（円）,キャッシュレス（件）,キャッシュレス（円）,手数料計（円）',
        `${day},honcho,本庁,1,0,1,2,0,0,1,1000,1000`,
        `${day},kita,北サテライト,1,0,0,1,0,0,0,0,0`,
      ]);
      const sjis = await getPage(w.app, w.clerk, `${ISSUANCE_REPORT_PATH}.csv?from=${day}&to=${day}&encoding=sjis`);
      assert.deepEqual(iconv.decode(sjis.rawPayload, 'cp932').trim().split('\r\n'), lines);
      const satellite = await getPage(w.app, w.satelliteClerk, `${ISSUANCE_REPORT_PATH}.csv?from=${day}&to=${day}`);
      assert.deepEqual(satellite.rawPayload.subarray(3).toString('utf8').trim().split('\r\n').slice(1), [lines[2]]);
      assert.equal((await getPage(w.app, w.clerk, `${ISSUANCE_REPORT_PATH}?from=2026-01-01&to=2026-12-31`)).statusCode, 400);
      const events = await w.t.db.kysely.selectFrom('audit_event').select('detail').where('operation_code', '=', 'card.issuance_report.export').execute();
      assert.equal(events.length, 3);
    });

    it('saves the municipality\'s 滞留 days and deadlines, which the dashboard then counts by; a satellite clerk may not change them', async () => {
      const form = await getPage(w.app, w.clerk, PROGRESS_SETTINGS_PATH);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<input id="setting-n-arrived" name="n_arrived" type="number" required min="1" max="3650" value="14"/);
      const fields = {
        n_received: '7', n_applied_to_jlis: '60', n_arrived: '30', n_prepared: '7', n_notice_sent: '30', n_mailed: '14', n_returned: '14', n_reissue_requested: '60',
        reminder_days: '20', dispose_months: '12',
      };
      const refused = await postForm(w.app, w.clerk, PROGRESS_SETTINGS_PATH, { ...fields, n_arrived: '0' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /name="n_arrived"[^>]*value="0" aria-invalid="true"/);
      assert.equal((await postForm(w.app, w.satelliteClerk, PROGRESS_SETTINGS_PATH, fields)).statusCode, 403);
      const saved = await postForm(w.app, w.clerk, PROGRESS_SETTINGS_PATH, fields);
      assert.equal(saved.statusCode, 303);
      const dashboard = await getPage(w.app, w.clerk, PROGRESS_PATH);
      assert.deepEqual(rowOf(dashboard.body, 'progress-by-status', 'カード到着').at(-1), '1 （30日超）');
      assert.ok(flat(dashboard.body).includes(`<a href="${PROGRESS_CARDS_PATH}?status=arrived&which=overdue&site=">1</a>`), 'links carry no threshold when the saved one is used');
      assert.match((await getPage(w.app, w.clerk, UNCOLLECTED_PATH)).body, /id="reminder-days" name="reminder_days" type="number" min="1" max="365" value="20"/);
      const events = await w.t.db.kysely.selectFrom('audit_event').select(['outcome', 'detail']).where('operation_code', '=', 'card.progress.settings').execute();
      assert.deepEqual(events.map((e) => e.outcome), ['success']);
    });
  });
}
