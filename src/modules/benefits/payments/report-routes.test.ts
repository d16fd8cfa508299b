// 支払報告: per day and per batch, transfers by state with their yen and the receivables open and collected, on the
// page with its chart and as CSV in UTF-8 with BOM and Shift_JIS (an audited export); the lines folded as the domain
// says.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { backends } from '../../../../test/support/db.ts';
import { staffActor } from '../../../platform/audit/index.ts';
import { raiseReceivable, recordReceivablePayment } from '../receivables/receivable.ts';
import { approveBatch, prepareBatch } from './batch.ts';
import { everyDay, reportLines, reportPeriod } from './domain/report.ts';
import { addAccounts, addDecidedTargets, getPage, mc, nextBusinessDay, type PaymentWorld, paymentWorld, programmeId } from './payments.builders.ts';
import { returnItems, settleBatch } from './settle.ts';

const as = (loginId: string) => ({ municipalityCode: mc, actor: staffActor({ loginId, displayName: loginId, department: '' }) });

describe('the report\'s lines', () => {
  it('folds states into one line per key, with the receivables beside them, in key order', () => {
    const lines = reportLines([
      { key: '2027-01-08', state: 'paid', count: 2, amount: 100_000 }, { key: '2027-01-08', state: 'returned', count: 1, amount: 30_000 },
      { key: '2027-01-05', state: 'prepared', count: 4, amount: 40_000 },
    ], [{ key: '2027-01-06', figures: { collectedCount: 1, collectedAmount: 5_000 } }]);
    assert.deepEqual(lines.map((l) => [l.key, l.paidCount, l.returnedAmount, l.preparedCount, l.collectedAmount]), [
      ['2027-01-05', 0, 0, 4, 0], ['2027-01-06', 0, 0, 0, 5_000], ['2027-01-08', 2, 30_000, 0, 0],
    ]);
    assert.equal(everyDay('2027-01-05', '2027-01-08', lines).length, 4);
  });

  const periods: [from: string | undefined, to: string | undefined, out: ReturnType<typeof reportPeriod>][] = [
    [undefined, undefined, { from: '2026-12-01', to: '2026-12-31' }],
    ['2026-01-01', '2026-12-31', { from: '2026-01-01', to: '2026-12-31' }],
    ['2025-01-01', '2026-12-31', { problem: 'too_long' }],
    ['2026-12-31', '2026-12-01', { problem: 'invalid' }],
    ['2026-02-30', undefined, { problem: 'invalid' }],
  ];
  for (const [from, to, out] of periods) it(`${from ?? '(none)'}..${to ?? '(none)'}`, () => assert.deepEqual(reportPeriod(from, to, '2026-12-06'), out));
});

for (const backend of backends) {
  describe(`payment report on ${backend}`, () => {
    let w: PaymentWorld;
    const day = nextBusinessDay();
    let paidBatch: number;
    let openBatch: number;
    before(async () => {
      w = await paymentWorld(backend);
      const first = await addDecidedTargets(w.db, [90_000, 30_000, 10_000]);
      await addAccounts(w.db, w.cipher, first);
      paidBatch = (await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: day })).batchId;
      await approveBatch(w.db, w.cipher, { ...as('officer'), batchId: paidBatch });
      await settleBatch(w.db, { ...as('officer'), batchId: paidBatch });
      await returnItems(w.db, { ...as('clerk'), batchId: paidBatch, itemNumbers: [3], reason: 'no_account', note: '' });
      const second = await addDecidedTargets(w.db, [20_000, 20_000], 50);
      await addAccounts(w.db, w.cipher, second);
      openBatch = (await prepareBatch(w.db, w.cipher, { ...as('clerk'), programmeId, transferDate: day })).batchId;
      const raised = await raiseReceivable(w.db, { ...as('clerk'), programmeId, residentNumber: first[0]!, amount: 50_000, reason: 'improper_receipt', reasonNote: '', noticeDate: day, dueDate: day });
      assert.ok(raised.ok);
      assert.equal(await recordReceivablePayment(w.db, { ...as('clerk'), receivableId: raised.receivableId, paidOn: day, amount: 20_000 }), null);
    });
    after(() => w.close());

    it('shows the day\'s transfers by state and the receivables, per batch too, with a described chart', async () => {
      const res = await getPage(w.app, w.auditor, `/console/benefits/payments/report?from=${day}&to=${day}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<svg[^>]+role="img"[^>]+aria-labelledby="benefits-payment-chart-title benefits-payment-chart-desc"/);
      assert.match(res.body, /<desc id="benefits-payment-chart-desc">[^<]*作成済2件、承認済0件、振込済2件、振込不能1件/);
      const cells = res.body.replace(/\s+/g, ' ');
      // prepared 2 / 40,000; approved 0; paid 2 / 120,000; returned 1 / 10,000; receivables open 1 / 30,000 owed; collected 1 / 20,000
      assert.ok(cells.includes(`<th scope="row"><span>${day}</span></th><td class="number">2</td><td class="number">40000</td><td class="number">0</td><td class="number">0</td><td class="number">2</td><td class="number">120000</td><td class="number">1</td><td class="number">10000</td><td class="number">1</td><td class="number">30000</td><td class="number">1</td><td class="number">20000</td>`), cells.slice(cells.indexOf('<tbody>'), cells.indexOf('<tbody>') + 900));
      assert.ok(cells.includes(`>${paidBatch}</a></th><td class="number">0</td><td class="number">0</td><td class="number">0</td><td class="number">0</td><td class="number">2</td><td class="number">120000</td><td class="number">1</td><td class="number">10000</td>`));
      assert.ok(cells.includes(`>${openBatch}</a></th><td class="number">2</td><td class="number">40000</td>`));
    });

    it('exports the same lines as CSV in UTF-8 with BOM and Shift_JIS, audited, and refuses a clerk-less role nothing it may read', async () => {
      const utf8 = await getPage(w.app, w.clerk, `/console/benefits/payments/report.csv?from=${day}&to=${day}&by=day&encoding=utf8`);
      assert.equal(utf8.statusCode, 200);
      assert.ok(utf8.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
      const lines = utf8.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
      assert.deepEqual(lines, [
        '日付,作成済 件数,作成済 金額,承認済 件数,承認済 金額,振込済 件数,振込済 金額,振込不能 件数,振込不能 金額,返還金 未収 件数,返還金 未収額,返還金 収納 件数,返還金 収納額',
        `${day},2,40000,0,0,2,120000,1,10000,1,30000,1,20000`,
      ]);
      const sjis = await getPage(w.app, w.clerk, `/console/benefits/payments/report.csv?from=${day}&to=${day}&by=day&encoding=sjis`);
      assert.deepEqual(iconv.decode(sjis.rawPayload, 'cp932').trim().split('\r\n'), lines);
      const byBatch = await getPage(w.app, w.officer, `/console/benefits/payments/report.csv?from=${day}&to=${day}&by=batch`);
      assert.deepEqual(byBatch.rawPayload.subarray(3).toString('utf8').trim().split('\r\n').slice(1), [`${paidBatch},0,0,0,0,2,120000,1,10000`, `${openBatch},2,40000,0,0,0,0,0,0`]);
      const events = await w.db.kysely.selectFrom('audit_event').select('detail').where('operation_code', '=', 'benefits.payments.report.export').execute();
      assert.equal(events.length, 3);
      assert.equal((await getPage(w.app, w.clerk, '/console/benefits/payments/report?from=2025-01-01&to=2026-12-31')).statusCode, 400);
    });
  });
}
