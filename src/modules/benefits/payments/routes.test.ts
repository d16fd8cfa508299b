// The payments console through HTTP: a clerk prepares, the preparer is refused approval (four eyes) and a payment
// officer approves; the bank file is an audited download of the approved bytes; settle and returns; each role refused
// what its capabilities do not give, and the remitter settings.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { backends } from '../../../../test/support/db.ts';
import { parseTransferFile } from '../zengin/parser.ts';
import { addAccounts, addDecidedTargets, getPage, mc, nextBusinessDay, type PaymentWorld, paymentWorld, postForm, targetState } from './payments.builders.ts';
import { findBatch, findPaymentSettings } from './store.ts';

for (const backend of backends) {
  describe(`payments console on ${backend}`, () => {
    let w: PaymentWorld;
    let targets: string[];
    const day = nextBusinessDay();
    before(async () => {
      w = await paymentWorld(backend);
      targets = await addDecidedTargets(w.db, [90_000, 30_000, 10_000, 20_000]);
      await addAccounts(w.db, w.cipher, [targets[0]!, targets[1]!, targets[3]!]);
    });
    after(() => w.close());

    it('refuses a 振込指定日 that is no bank business day, next to the field', async () => {
      let saturday = day;
      while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) saturday = new Date(Date.parse(`${saturday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const res = await postForm(w.app, w.clerk, '/console/benefits/payments', { programme: 'adjustment-2024', transferDate: saturday, limit: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="b-date-error"[^>]*>振込指定日は銀行営業日/);
      assert.equal((await findBatch(w.db.kysely, mc, 1)), undefined);
    });

    it('lets only the prepare capability prepare: a payment officer and an auditor are refused', async () => {
      assert.equal((await postForm(w.app, w.officer, '/console/benefits/payments', { programme: 'adjustment-2024', transferDate: day })).statusCode, 403);
      assert.equal((await postForm(w.app, w.auditor, '/console/benefits/payments', { programme: 'adjustment-2024', transferDate: day })).statusCode, 403);
      assert.equal((await getPage(w.app, w.auditor, '/console/benefits/payments')).statusCode, 403);
    });

    let batch: string;
    it('prepares a batch as the clerk and shows it with the one left out for want of an account, as an audited read', async () => {
      const res = await postForm(w.app, w.both, '/console/benefits/payments', { programme: 'adjustment-2024', transferDate: day, limit: '' });
      assert.equal(res.statusCode, 303);
      batch = res.headers.location!.split('?')[0]!;
      assert.match(batch, /^\/console\/benefits\/payments\/batches\/\d+$/);
      const page = await getPage(w.app, w.both, batch);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('140,000円'));
      assert.ok(page.body.includes(`>${targets[2]}</a>`), 'the target without an account is listed');
      assert.ok(page.body.includes('****'), 'accounts masked');
      assert.ok(!page.body.includes(targets[0]!.slice(-7)) || page.body.includes(`>${targets[0]}</a>`));
      assert.match(page.body, /作成者以外の職員が承認|あなたが作成したため承認できません/);
      const read = await w.db.kysely.selectFrom('audit_event').select('subjects').where('operation_code', '=', 'benefits.batch.read').executeTakeFirstOrThrow();
      assert.ok(read.subjects.includes(`benefit_target:adjustment-2024.${targets[0]}`));
    });

    it('refuses the preparer\'s own approval (four eyes) and a clerk without the approve capability', async () => {
      const own = await postForm(w.app, w.both, `${batch}/approve`);
      assert.equal(own.statusCode, 403);
      assert.match(own.body, /作成者以外の職員が承認してください/);
      assert.equal((await postForm(w.app, w.clerk, `${batch}/approve`)).statusCode, 403);
      assert.equal((await getPage(w.app, w.clerk, `${batch}/file`)).statusCode, 403);
      assert.equal((await findBatch(w.db.kysely, mc, Number(batch.split('/').at(-1))))!.state, 'prepared');
    });

    it('approves as the payment officer; the file downloads as the approved bytes, audited as an export', async () => {
      const res = await postForm(w.app, w.officer, `${batch}/approve`);
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location!, /done=approved/);
      const file = await getPage(w.app, w.officer, `${batch}/file`);
      assert.equal(file.statusCode, 200);
      const stored = (await findBatch(w.db.kysely, mc, Number(batch.split('/').at(-1))))!;
      assert.equal(file.headers['x-content-sha256'], stored.fileSha256);
      assert.equal(parseTransferFile(file.rawPayload).total, 140_000);
      const list = await getPage(w.app, w.officer, '/console/benefits/payments');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(`<a href="${batch}">`) && list.body.includes('承認済（振込ファイル作成済）'));
      assert.ok(!list.body.includes('振込バッチを作成</button>'), 'no prepare form for an officer');
      const english = await getPage(w.app, w.officer, `${batch}?lang=en`);
      assert.match(english.body, /Approved \(bank file written\)/);
      assert.match(english.body, /Download the bank file/);
      const again = await getPage(w.app, w.officer, `${batch}/file`);
      assert.ok(again.rawPayload.equals(file.rawPayload));
      const events = await w.db.kysely.selectFrom('audit_event').select(['detail', 'subjects']).where('operation_code', '=', 'benefits.batch.file').where('outcome', '=', 'success').execute();
      assert.equal(events.length, 2, 'the clerk\'s refused attempt is logged as denied, apart');
      assert.ok(events[0]!.detail.includes(stored.fileSha256!));
    });

    it('settles as the officer and records a return as the clerk, naming wrong item numbers', async () => {
      assert.equal((await postForm(w.app, w.clerk, `${batch}/settle`, { items: '' })).statusCode, 403);
      assert.equal((await postForm(w.app, w.officer, `${batch}/settle`, { items: '' })).statusCode, 303);
      assert.equal(await targetState(w.db, targets[0]!), 'paid');
      const wrong = await postForm(w.app, w.clerk, `${batch}/returns`, { items: '2\n9', reason: 'name_mismatch', note: '' });
      assert.equal(wrong.statusCode, 409);
      assert.match(wrong.body, /振込明細番号 9 は振込済の明細ではありません/);
      const ok = await postForm(w.app, w.clerk, `${batch}/returns`, { items: '２', reason: 'name_mismatch', note: '名義相違' });
      assert.equal(ok.statusCode, 303);
      assert.equal(await targetState(w.db, targets[1]!), 'returned');
      assert.equal(await targetState(w.db, targets[0]!), 'paid');
    });

    it('records returns from the bank\'s file (Shift_JIS CSV, the item number first), with the csrf field checked', async () => {
      const csv = iconv.encode('明細番号,受取人名,理由\r\n3,ﾔﾏﾀﾞ ﾀﾛｳ,解約\r\n', 'cp932');
      const upload = (who: typeof w.clerk, csrf: string) => {
        const boundary = 'x-madoguchi-test';
        const part = (name: string, value: string) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
        const payload = Buffer.concat([
          Buffer.from(part('csrf', csrf) + part('reason', 'account_closed') + `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="henrei.csv"\r\ncontent-type: text/csv\r\n\r\n`),
          csv, Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return w.app.inject({ method: 'POST', url: `${batch}/returns-file`, headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      };
      assert.equal((await upload(w.clerk, 'not-the-token')).statusCode, 403);
      assert.equal(await targetState(w.db, targets[3]!), 'paid');
      const res = await upload(w.clerk, w.clerk.csrf);
      assert.equal(res.statusCode, 303);
      assert.equal(await targetState(w.db, targets[3]!), 'returned');
    });

    it('comes back to the case page after a return posted from it', async () => {
      const back = `/console/benefits/cases/${targets[0]}?programme=adjustment-2024`;
      const res = await postForm(w.app, w.clerk, `${batch}/returns`, { items: '1', reason: 'recalled', back });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${back}&done=returned`);
      const evil = await postForm(w.app, w.clerk, `${batch}/cancel`, { back: 'https://example.com/' });
      assert.equal(evil.statusCode, 409, 'a settled batch cannot be cancelled');
    });

    it('keeps the remitter settings to the approve capability, checking the bank against the master', async () => {
      assert.equal((await postForm(w.app, w.clerk, '/console/benefits/payments/settings', { requesterCode: '0000099999' })).statusCode, 403);
      const bad = await postForm(w.app, w.officer, '/console/benefits/payments/settings', { requesterCode: '12', requesterName: 'ミホンシ', bankCode: '0002', branchCode: '001', accountType: '1', accountNumber: '1234567' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /委託者コードは10桁/);
      assert.match(bad.body, /全銀協の金融機関コード/);
      const good = await postForm(w.app, w.officer, '/console/benefits/payments/settings', { requesterCode: '0000099999', requesterName: 'ミホンシ カイケイカ', bankCode: '0005', branchCode: '001', accountType: '1', accountNumber: '7654321', paymentNote: '納付書で納付してください。' });
      assert.equal(good.statusCode, 303);
      assert.equal((await findPaymentSettings(w.db.kysely, mc))!.requesterCode, '0000099999');
      assert.equal((await getPage(w.app, w.clerk, '/console/benefits/payments/settings')).statusCode, 200);
    });
  });
}
