import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { AppError } from '../../../platform/errors.ts';
import { createAttachmentScanner, listAttachments } from '../attachments/index.ts';
import { parseReceiptNumber } from '../domain/receipt-number.ts';
import { saveProcedure, testCipher, tinyPng } from '../handover/handover.builders.ts';
import { buildProcedure, validRaw } from '../portal.builders.ts';
import { findApplication, listHistory } from '../store.ts';
import { importPittariBundle } from './import.ts';
import type { BundleProblem } from './reader.ts';
import { encryptedFiles } from '../../../platform/files/index.ts';

const PROCEDURE = 'test-pittari';

/** application.json for one application of the test procedure; overrides replace top-level keys. */
function applicationJson(number: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const values = Object.fromEntries(Object.entries(validRaw()).filter(([k]) => k !== 'identity_document'));
  return {
    format: 'madoguchi-pittari/1', applicationNumber: number, procedureCode: PROCEDURE, submittedAt: '2025-04-01T10:00:00+09:00',
    values, attachments: [{ field: 'identity_document', file: 'license.png' }], ...overrides,
  };
}

/** A zip of the given files (strings as UTF-8, objects as JSON). */
function zip(files: Record<string, string | Uint8Array | Record<string, unknown>>): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) entries[k] = typeof v === 'string' ? strToU8(v) : v instanceof Uint8Array ? v : strToU8(JSON.stringify(v));
  return Buffer.from(zipSync(entries));
}

function multipart(csrf: string, bundle: Buffer) {
  const boundary = '----madoguchiPittariTest';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bundle"; filename="pittari.zip"\r\nContent-Type: application/zip\r\n\r\n`), bundle, Buffer.from('\r\n'),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const backend of backends) {
  describe(`ぴったりサービス import on ${backend}`, () => {
    let t: TestApp;
    let clerk: TestStaff;
    const post = (bundle: Buffer, staff = clerk) => {
      const { payload, headers } = multipart(staff.csrf, bundle);
      return t.app.inject({ method: 'POST', url: '/console/applications/pittari', headers: { ...headers, cookie: staff.cookie }, payload });
    };
    const pittariCount = async () => (await sql<{ n: number }>`select count(*)::int as n from application where channel = 'pittari'`.execute(t.db.kysely)).rows[0]!.n;
    /** The problems a bundle is refused with, through the importer itself. */
    const problemsOf = async (bundle: Buffer): Promise<BundleProblem[]> => {
      try {
        await importPittariBundle(t.db, {
          municipalityCode: demoCity.code, bundle, cipher: await testCipher(t.db, t.config), files: encryptedFiles(t.config.filesDir), scanner: createAttachmentScanner(t.config), today: '2025-06-01',
          loginId: 'pt.clerk', actor: { userId: 'pt.clerk' },
        });
      } catch (e) {
        if (e instanceof AppError && e.code === 'pittari_bundle_rejected') return e.details.problems as BundleProblem[];
        throw e;
      }
      throw new Error('the bundle was imported');
    };

    before(async () => {
      t = await testApp(backend, ['console']);
      clerk = await staffWithRoles(t.db, 'pt.clerk', [{ role: 'clerk' }]);
      await saveProcedure(t.db, buildProcedure({ id: PROCEDURE }));
    });
    after(() => t?.close());

    let good: Buffer;
    it('imports a good bundle: every application in the inbox as received, with its attachment, its own receipt number and the portal\'s number', async () => {
      good = zip({
        'PT-0001/application.json': applicationJson('PT-0001', { values: { ...applicationJson('PT-0001').values as object, my_number: '123456789018' } }),
        'PT-0001/license.png': tinyPng,
        'PT-0002/application.json': applicationJson('PT-0002', { procedureCode: `${PROCEDURE}` }),
        'PT-0002/license.png': tinyPng,
      });
      const res = await post(good);
      assert.equal(res.statusCode, 200, res.body.slice(0, 3000));
      assert.match(res.body, /2 件の申請を受付一覧に取り込みました/);
      const rows = (await sql<{ application_id: string; receipt_number: string; state: string; submitted_at: Date; field_values: Record<string, unknown>; sensitive_values: string | null }>`
        select application_id, receipt_number, state, submitted_at, field_values, sensitive_values from application where channel = 'pittari' order by created_at`.execute(t.db.kysely)).rows;
      assert.equal(rows.length, 2);
      for (const r of rows) {
        assert.equal(r.state, 'received');
        assert.ok(parseReceiptNumber(r.receipt_number));
        assert.equal(r.submitted_at.toISOString(), '2025-04-01T01:00:00.000Z');
        assert.equal(r.field_values.name, '見本 太郎');
        assert.equal(r.field_values.name_kana, 'ミホン\u3000タロウ');
        assert.equal(r.field_values.my_number, undefined);
        const files = await listAttachments(t.db.kysely, demoCity.code, r.application_id);
        assert.equal(files.length, 1);
        assert.equal(files[0]?.mediaType, 'image/png');
        assert.deepEqual(r.field_values.identity_document, [files[0].attachmentId]);
        assert.match(res.body, new RegExp(`href="/console/applications/${r.application_id}"`));
      }
      assert.ok(rows[0]!.sensitive_values && !rows[0]!.sensitive_values.includes('123456789018'));
      const history = await listHistory(t.db.kysely, demoCity.code, rows[0]!.application_id);
      assert.equal(history.at(-1)?.action, 'imported');
      assert.match(history.at(-1)!.comment!, /ぴったりサービス 申請番号 PT-000[12]/);
      assert.equal((await findApplication(t.db.kysely, demoCity.code, rows[0]!.application_id))?.channel, 'pittari');
      const [e] = (await sql<{ outcome: string; subjects: string[]; detail: string }>`select outcome, subjects, detail from audit_event where operation_code = 'applications.pittari.import'`.execute(t.db.kysely)).rows;
      assert.equal(e?.outcome, 'success');
      assert.equal(e?.subjects.length, 2);
      assert.doesNotMatch(e.detail, /見本|123456789018/);
    });

    it('refuses the same bundle again, and another bundle carrying an application already imported', async () => {
      const again = await post(good);
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /この申請データは既に取り込まれています/);
      const problems = await problemsOf(zip({ 'PT-0002/application.json': applicationJson('PT-0002', { submittedAt: '2025-04-02T10:00:00+09:00' }), 'PT-0002/license.png': tinyPng }));
      assert.deepEqual(problems.map((p) => p.path), ['PT-0002/application.json']);
      assert.match(problems[0]!.ja, /申請番号 PT-0002 は既に取り込まれています/);
      assert.equal(await pittariCount(), 2);
    });

    it('rejects a broken bundle whole, listing every reason with its file, and imports nothing of it', async () => {
      const res = await post(zip({
        'A-1/application.json': applicationJson('A-1'), // fine by itself
        'A-1/license.png': tinyPng,
        'B-1/application.json': '{ "format": "madoguchi-pittari/1", ', // bad JSON
        'C-1/application.json': applicationJson('C-1', { procedureCode: 'pittari-unknown' }),
        'C-1/license.png': tinyPng,
        'D-1/application.json': applicationJson('D-1', { values: { ...applicationJson('D-1').values as object, email: 'not-an-email' } }),
        'D-1/license.png': tinyPng,
        'E-1/application.json': applicationJson('E-1'),
        'E-1/license.png': strToU8('<html><script>alert(1)</script></html>'), // wrong type
        'F-1/application.json': applicationJson('F-1'), // its license.png is missing
        'G-1/stray.txt': 'nobody names me',
      }));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /取り込みませんでした。問題が 6 件あります。/);
      for (const [path, reason] of [
        ['B-1/application.json', 'JSON（UTF-8）として読めません'],
        ['C-1/application.json', '手続ID &#34;pittari-unknown&#34; に対応する手続きがありません'],
        ['D-1/application.json#values.email', 'メールアドレスは正しいメールアドレスを入力してください'],
        ['E-1/license.png', 'この種類のファイルは添付できません'],
        ['F-1/license.png', 'application.json に書かれた添付ファイルがありません'],
        ['G-1/stray.txt', 'どの application.json にも書かれていないファイルです'],
      ]) assert.match(res.body, new RegExp(`<code>${path!.replace(/[.#]/g, '\\$&')}</code></td><td>${reason}`), path);
      assert.equal(await pittariCount(), 2);
      const refused = (await sql<{ outcome: string }>`select outcome from audit_event where operation_code = 'applications.pittari.import' order by seq`.execute(t.db.kysely)).rows.at(-1);
      assert.equal(refused?.outcome, 'failure');
    });

    it('rejects a file that is not a zip, a zip without application.json, a wrong format, unknown fields and unsafe paths', async () => {
      assert.match((await problemsOf(Buffer.from('PK not really a zip')))[0]!.ja, /ZIP ファイルとして読めません/);
      assert.match((await problemsOf(zip({ 'readme.txt': 'hello' }))).map((p) => p.ja).join('\n'), /application\.json が1つもありません/);
      const odd = await problemsOf(zip({
        'X/application.json': applicationJson('X-1', { format: 'v0', values: { ...applicationJson('X-1').values as object, shoe_size: '27' } }),
        'X/license.png': tinyPng,
      }));
      assert.deepEqual(odd.map((p) => p.path), ['X/application.json', 'X/application.json#values.shoe_size']);
      const unsafe = await problemsOf(zip({ '../evil/application.json': applicationJson('Y-1'), '../evil/license.png': tinyPng }));
      assert.ok(unsafe.some((p) => p.path === '../evil/application.json' && /安全でないパス名/.test(p.ja)));
      assert.equal(await pittariCount(), 2);
    });

    it('shows the form with the format to staff allowed to import, and refuses others', async () => {
      const page = await t.app.inject({ url: '/console/applications/pittari', headers: { cookie: clerk.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /madoguchi-pittari\/1/);
      assert.match(page.body, /<input id="pittari-bundle" name="bundle" type="file"/);
      const payer = await staffWithRoles(t.db, 'pt.payer', [{ role: 'payment_officer' }]);
      assert.equal((await t.app.inject({ url: '/console/applications/pittari', headers: { cookie: payer.cookie } })).statusCode, 403);
    });
  });
}
