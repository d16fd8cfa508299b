import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import type { FieldCipher } from '../../../platform/crypto/index.ts';
import { listHistory } from '../store.ts';
import type { HandoverManifest } from './bundle.ts';
import { disposeHandedOver } from './dispose.ts';
import { type BuiltApplication, plainProcedure, protectedProcedure, sampleValues, saveProcedure, submittedApplication, testCipher, tinyPng } from './handover.builders.ts';
import { findHandover } from './store.ts';
import { type EncryptedFiles, encryptedFiles } from '../../../platform/files/index.ts';

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const day = 86_400_000;

/** A CSV line split into cells (no quoted commas in these fixtures except where asserted whole). */
const lines = (text: string) => text.split('\r\n').filter(Boolean);

function multipart(fields: Record<string, string>, file?: { name: string; filename: string; content: Buffer }) {
  const boundary = '----madoguchiHandoverTest';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: application/json\r\n\r\n`), file.content, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const backend of backends) {
  describe(`hand-over to core systems on ${backend}`, () => {
    let t: TestApp;
    let cipher: FieldCipher;
    let files: EncryptedFiles;
    let clerk: TestStaff;
    let handler: TestStaff;
    let protectedApps: BuiltApplication[];
    let plainApps: BuiltApplication[];
    let bundle: { handoverId: string; manifest: HandoverManifest; manifestSha: string; files: Record<string, Uint8Array> };

    const exportBundle = (staff: TestStaff, form: Record<string, string | string[]>) =>
      t.app.inject({ method: 'POST', url: '/console/applications/handover', headers: { cookie: staff.cookie }, payload: { csrf: staff.csrf, ...form } });
    const events = async (code: string) => (await sql<{ outcome: string; individual_number_access: boolean; subjects: string[]; detail: string; user_id: string }>`
      select outcome, individual_number_access, subjects, detail, user_id from audit_event where operation_code = ${code} order by seq`.execute(t.db.kysely)).rows;

    before(async () => {
      t = await testApp(backend, ['console']);
      cipher = await testCipher(t.db, t.config);
      files = encryptedFiles(t.config.filesDir);
      clerk = await staffWithRoles(t.db, 'ho.clerk', [{ role: 'clerk' }]);
      handler = await staffWithRoles(t.db, 'ho.handler', [{ role: 'clerk' }, { role: 'number_handler' }]);
      const pv = await saveProcedure(t.db, protectedProcedure());
      const plv = await saveProcedure(t.db, plainProcedure());
      const at = (d: string) => new Date(`${d}T10:00:00+09:00`);
      protectedApps = [
        await submittedApplication(t.db, cipher, files, protectedProcedure(), pv, { submittedAt: at('2025-04-01'), values: sampleValues('見本 太郎') }),
        await submittedApplication(t.db, cipher, files, protectedProcedure(), pv, { submittedAt: at('2025-04-02'), values: sampleValues('見本 花子'), state: 'completed' }),
        // Not in the default states, and one outside the period: neither goes.
        await submittedApplication(t.db, cipher, files, protectedProcedure(), pv, { submittedAt: at('2025-04-02'), values: sampleValues('審査 中'), state: 'under_review' }),
        await submittedApplication(t.db, cipher, files, protectedProcedure(), pv, { submittedAt: at('2025-05-01'), values: sampleValues('期間 外') }),
      ];
      const plain = Object.fromEntries(Object.entries(sampleValues('髙橋 𠮷男')).filter(([k]) => k !== 'my_number' && k !== 'health'));
      plainApps = [await submittedApplication(t.db, cipher, files, plainProcedure(), plv, { submittedAt: at('2025-04-03'), values: plain, attachment: null })];
    });
    after(() => t?.close());

    it('refuses a clerk without the 個人番号 and 要配慮 capabilities a procedure with such fields, and logs the attempt', async () => {
      const res = await exportBundle(clerk, { procedureId: 'test-handover-protected', from: '2025-04-01', to: '2025-04-30', encoding: 'utf8', states: ['approved', 'completed'] });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /この手続きには個人番号・要配慮個人情報の項目があります/);
      const [e] = await events('applications.handover.export');
      assert.equal(e?.outcome, 'denied');
      assert.equal(e?.individual_number_access, true);
      assert.equal((await findHandover(t.db.kysely, demoCity.code, '00000000-0000-4000-8000-000000000000')), undefined);
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from application where handover_id is not null`.execute(t.db.kysely)).rows[0]?.n, 0);
    });

    it('exports a bundle whose manifest lists every file with its real size and SHA-256, and marks the applications', async () => {
      const res = await exportBundle(handler, { procedureId: 'test-handover-protected', from: '2025-04-01', to: '2025-04-30', encoding: 'utf8', states: ['approved', 'completed'] });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.equal(res.headers['content-type'], 'application/zip');
      const files = unzipSync(new Uint8Array(res.rawPayload));
      const manifestBytes = files['manifest.json']!;
      const manifest = JSON.parse(strFromU8(manifestBytes)) as HandoverManifest;
      bundle = { handoverId: manifest.handoverId, manifest, manifestSha: sha256(manifestBytes), files };
      assert.equal(manifest.counts.applications, 2);
      assert.equal(manifest.counts.attachments, 2);
      assert.deepEqual(manifest.procedure, { id: 'test-handover-protected', versions: [1] });
      assert.deepEqual(Object.keys(files).sort(), ['manifest.json', ...manifest.files.map((f) => f.path)].sort());
      for (const f of manifest.files) {
        assert.equal(files[f.path]!.length, f.bytes, f.path);
        assert.equal(sha256(files[f.path]!), f.sha256, f.path);
      }
      assert.deepEqual(Buffer.from(files[`attachments/${protectedApps[0]!.receiptNumber}/免許証.png`]!), tinyPng);

      const csv = lines(strFromU8(files['applications.csv']!));
      assert.equal(csv.length, 3);
      assert.equal(csv[0], '受付番号,申請日時,状態,手続き版,氏名,氏名（カナ）,生年月日,転入日,郵便番号,住所,電話番号,メールアドレス,通数,使用目的,希望曜日,備考,個人番号,健康状態,本人確認書類,同意する');
      assert.equal(csv[1], `${protectedApps[0]!.receiptNumber},2025-04-01T10:00:00+09:00,承認,1,見本 太郎,ミホン タロウ,1980-04-01,,599-9901,大阪府見本市本町1-2-3,,taro@example.jp,2,loan,mon;tue,,123456789018,通院中,attachments/${protectedApps[0]!.receiptNumber}/免許証.png,1`);
      assert.match(csv[2]!, /^\d{12},2025-04-02T10:00:00\+09:00,完了,/);

      const h = await findHandover(t.db.kysely, demoCity.code, manifest.handoverId);
      assert.equal(h?.manifestSha256, bundle.manifestSha);
      assert.equal(h?.applicationCount, 2);
      assert.equal(h?.createdBy, 'ho.handler');
      const marked = (await sql<{ receipt_number: string }>`select receipt_number from application where handover_id = ${manifest.handoverId} order by receipt_number`.execute(t.db.kysely)).rows;
      assert.deepEqual(marked.map((r) => r.receipt_number), [protectedApps[0]!.receiptNumber, protectedApps[1]!.receiptNumber].sort());
      const history = await listHistory(t.db.kysely, demoCity.code, protectedApps[0]!.applicationId);
      assert.equal(history.at(-1)?.action, 'handed_over');
      assert.equal(history.at(-1)?.actor, 'staff:ho.handler');

      const e = (await events('applications.handover.export')).at(-1);
      assert.equal(e?.outcome, 'success');
      assert.equal(e?.individual_number_access, true);
      assert.ok(e?.subjects.includes(`handover:${manifest.handoverId}`));
      assert.ok(e?.subjects.includes(`application:${protectedApps[0]!.applicationId}`));
      assert.doesNotMatch(JSON.stringify(e), /見本|123456789018|通院中/);
    });

    it('does not hand the same applications over twice', async () => {
      const res = await exportBundle(handler, { procedureId: 'test-handover-protected', from: '2025-04-01', to: '2025-04-30', encoding: 'utf8', states: ['approved', 'completed'] });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /まだ引き渡していない申請はありません/);
    });

    it('writes the CSV in Shift_JIS (CP932) when asked, a character it cannot carry as 〓', async () => {
      const res = await exportBundle(clerk, { procedureId: 'test-handover-plain', from: '2025-04-01', to: '2025-04-30', encoding: 'sjis', states: 'approved' });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      const files = unzipSync(new Uint8Array(res.rawPayload));
      const text = iconv.decode(Buffer.from(files['applications.csv']!), 'cp932');
      const [header, row] = lines(text);
      assert.match(header!, /^受付番号,申請日時,状態,手続き版,氏名,/);
      assert.doesNotMatch(header!, /個人番号|健康状態/);
      assert.match(row!, new RegExp(`^${plainApps[0]!.receiptNumber},2025-04-03T10:00:00\\+09:00,承認,1,髙橋 〓男,`));
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as HandoverManifest;
      assert.equal(manifest.encoding, 'sjis');
      assert.equal(manifest.replacedCharacters, 1);
      assert.equal((await events('applications.handover.export')).at(-1)?.individual_number_access, false);
    });

    const uploadReceipt = (staff: TestStaff, handoverId: string, receipt: unknown) => {
      const { payload, headers } = multipart({ csrf: staff.csrf }, { name: 'receipt', filename: 'receipt.json', content: Buffer.from(JSON.stringify(receipt)) });
      return t.app.inject({ method: 'POST', url: `/console/applications/handover/${handoverId}/receipt`, headers: { ...headers, cookie: staff.cookie }, payload });
    };

    it('refuses a receipt with a wrong hash, a wrong count or another id; confirms the right one with the retention period', async () => {
      const id = bundle.handoverId;
      const wrongHash = await uploadReceipt(clerk, id, { handoverId: id, manifestSha256: 'a'.repeat(64), received: 2 });
      assert.equal(wrongHash.statusCode, 400);
      assert.match(wrongHash.body, /マニフェストのハッシュ値が一致しません/);
      const wrongCount = await uploadReceipt(clerk, id, { handoverId: id, manifestSha256: bundle.manifestSha, received: 1 });
      assert.match(wrongCount.body, /受領件数 1 件が出力件数 2 件と一致しません/);
      const other = await uploadReceipt(clerk, id, { handoverId: '00000000-0000-4000-8000-000000000001', manifestSha256: bundle.manifestSha, received: 2 });
      assert.match(other.body, /別の引渡し/);
      const notJson = await t.app.inject({ method: 'POST', url: `/console/applications/handover/${id}/receipt`, headers: { cookie: clerk.cookie, ...multipart({ csrf: clerk.csrf }, { name: 'receipt', filename: 'r.json', content: Buffer.from('{oops') }).headers }, payload: multipart({ csrf: clerk.csrf }, { name: 'receipt', filename: 'r.json', content: Buffer.from('{oops') }).payload });
      assert.match(notJson.body, /JSON として読めません/);
      assert.equal((await findHandover(t.db.kysely, demoCity.code, id))?.confirmedAt, null);

      const before = Date.now();
      const ok = await uploadReceipt(clerk, id, { handoverId: id, manifestSha256: bundle.manifestSha.toUpperCase(), received: 2 });
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /受領を確認しました/);
      const h = await findHandover(t.db.kysely, demoCity.code, id);
      assert.equal(h?.confirmedBy, 'ho.clerk');
      const expected = before + 14 * day;
      assert.ok(Math.abs(h.disposeAfter!.getTime() - expected) < 60_000, `dispose_after ${h.disposeAfter!.toISOString()}`);
      const again = await uploadReceipt(clerk, id, { handoverId: id, manifestSha256: bundle.manifestSha, received: 2 });
      assert.equal(again.statusCode, 409);
      const outcomes = (await events('applications.handover.confirm')).map((e) => e.outcome);
      assert.deepEqual(outcomes, ['failure', 'failure', 'failure', 'failure', 'success', 'failure']);
    });

    it('disposes of nothing before dispose_after nor of an unconfirmed hand-over; then deletes the applications, keeps payments, records the disposal', async () => {
      const confirmed = (await findHandover(t.db.kysely, demoCity.code, bundle.handoverId))!;
      const first = protectedApps[0]!;
      await sql`insert into application_payment (municipality_code, payment_id, application_id, procedure_id, gateway, amount_yen, state)
        values (${demoCity.code}, gen_random_uuid(), ${first.applicationId}, 'test-handover-protected', 'sandbox', 300, 'captured')`.execute(t.db.kysely);
      const button = await t.app.inject({ method: 'POST', url: `/console/applications/handover/${bundle.handoverId}/dispose`, headers: { cookie: clerk.cookie }, payload: { csrf: clerk.csrf } });
      assert.equal(button.statusCode, 409);
      assert.match(button.body, /まだ消去できません/);

      assert.deepEqual(await disposeHandedOver(t.db, new Date(confirmed.disposeAfter!.getTime() - 1000)), []);
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from application where handover_id = ${bundle.handoverId}`.execute(t.db.kysely)).rows[0]?.n, 2);

      // The Shift_JIS bundle was never confirmed: even far in the future it stays.
      const done = await disposeHandedOver(t.db, new Date(confirmed.disposeAfter!.getTime() + 365 * day));
      assert.equal(done.length, 1);
      assert.equal(done[0]?.handoverId, bundle.handoverId);
      assert.deepEqual(done[0]?.receiptNumbers, [protectedApps[0]!.receiptNumber, protectedApps[1]!.receiptNumber].sort());
      const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where application_id = ${first.applicationId}`.execute(t.db.kysely)).rows[0]?.n;
      assert.equal(await count('application'), 0);
      assert.equal(await count('application_attachment'), 0);
      assert.equal(await count('application_history'), 0);
      assert.equal(await count('application_payment'), 1);
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from application where receipt_number = ${plainApps[0]!.receiptNumber}`.execute(t.db.kysely)).rows[0]?.n, 1);
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from application where receipt_number = ${protectedApps[2]!.receiptNumber}`.execute(t.db.kysely)).rows[0]?.n, 1);
      assert.ok((await findHandover(t.db.kysely, demoCity.code, bundle.handoverId))?.disposedAt);
      const [e] = await events('applications.handover.dispose').then((all) => all.filter((x) => x.outcome === 'success'));
      assert.equal(e?.user_id, 'system:handover-disposal');

      const page = await t.app.inject({ url: `/console/applications/handover/${bundle.handoverId}`, headers: { cookie: clerk.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /消去記録/);
      assert.match(page.body, new RegExp(`<td>system</td><td>基幹システムへの引渡し完了[^<]*</td><td>2</td><td>${[protectedApps[0]!.receiptNumber, protectedApps[1]!.receiptNumber].sort().join(', ')}</td>`));
      assert.deepEqual(await disposeHandedOver(t.db, new Date(confirmed.disposeAfter!.getTime() + 400 * day)), []);
    });

    it('disposes of a due hand-over at the clerk\'s 「今すぐ消去」, recording the clerk', async () => {
      const [sjis] = (await sql<{ handover_id: string; manifest_sha256: string }>`select handover_id, manifest_sha256 from application_handover where encoding = 'sjis'`.execute(t.db.kysely)).rows;
      const ok = await uploadReceipt(clerk, sjis!.handover_id, { handoverId: sjis!.handover_id, manifestSha256: sjis!.manifest_sha256, received: 1 });
      assert.equal(ok.statusCode, 200);
      // The retention period passes (the clock of the button is the real one).
      await sql`update application_handover set dispose_after = now() - interval '1 minute' where handover_id = ${sjis!.handover_id}`.execute(t.db.kysely);
      const page = await t.app.inject({ url: `/console/applications/handover/${sjis!.handover_id}`, headers: { cookie: clerk.cookie } });
      assert.match(page.body, /今すぐ消去/);
      const res = await t.app.inject({ method: 'POST', url: `/console/applications/handover/${sjis!.handover_id}/dispose`, headers: { cookie: clerk.cookie }, payload: { csrf: clerk.csrf } });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /1 件の申請を消去し、消去記録を残しました/);
      assert.match(res.body, new RegExp(`<td>ho.clerk</td><td>[^<]*</td><td>1</td><td>${plainApps[0]!.receiptNumber}</td>`));
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from application where receipt_number = ${plainApps[0]!.receiptNumber}`.execute(t.db.kysely)).rows[0]?.n, 0);
      assert.equal((await events('applications.handover.dispose')).at(-1)?.user_id, 'ho.clerk');
    });

    it('lists the hand-overs on the form page, and refuses the pages to staff without the capability', async () => {
      const page = await t.app.inject({ url: '/console/applications/handover', headers: { cookie: clerk.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`href="/console/applications/handover/${bundle.handoverId}"`));
      assert.match(page.body, /消去済み/);
      const auditor = await staffWithRoles(t.db, 'ho.auditor', [{ role: 'auditor' }]);
      assert.equal((await t.app.inject({ url: '/console/applications/handover', headers: { cookie: auditor.cookie } })).statusCode, 403);
    });
  });
}
