import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { backends } from '../../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { TAX_IMPORT_PATH } from './pages/tax-import-page.tsx';
import { type CsvRow, generatedTaxRows, taxCsv } from './tax.builders.ts';

function uploadBody(fields: Record<string, string>, file: Buffer | undefined) {
  const boundary = '----madoguchiTaxImportTest';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tax.csv"\r\nContent-Type: text/csv\r\n\r\n`), file, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const uploadFolders = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`madoguchi-tax-import-${process.pid}-`));

for (const backend of backends) {
  describe(`課税情報取込 in the console on ${backend}`, () => {
    let t: TestApp;
    let admin: TestStaff;
    let clerk: TestStaff;
    let rows: CsvRow[];
    const get = (url: string, staff: TestStaff = admin) => t.app.inject({ url, headers: { cookie: staff.cookie } });
    const upload = (file: Buffer | undefined, o: { encoding?: string; staff?: TestStaff; csrf?: string } = {}) => {
      const staff = o.staff ?? admin;
      const { payload, contentType } = uploadBody({ csrf: o.csrf ?? staff.csrf, encoding: o.encoding ?? 'auto' }, file);
      return t.app.inject({ method: 'POST', url: TAX_IMPORT_PATH, headers: { cookie: staff.cookie, 'content-type': contentType }, payload });
    };
    const result = async (posted: LightMyRequestResponse) => {
      assert.equal(posted.statusCode, 303, posted.body.slice(0, 2000));
      const location = String(posted.headers.location);
      for (const started = Date.now(); Date.now() - started < 60_000; await sleep(50)) {
        const page = await get(location);
        assert.equal(page.statusCode, 200);
        if (!page.headers.refresh) return page.body;
      }
      throw new Error('the import did not end in 60 s');
    };

    before(async () => {
      // The console installs the tax import with the rest of the certificates module.
      [t, rows] = await Promise.all([testApp(backend, ['console']), generatedTaxRows()]);
      admin = await staffWithRoles(t.db, 'tax.admin', [{ role: 'administrator' }]);
      clerk = await staffWithRoles(t.db, 'tax.clerk', [{ role: 'clerk' }]);
    });
    after(() => t?.close());

    it('shows the form with no years on file yet; a clerk may not see it', async () => {
      const form = await get(TAX_IMPORT_PATH);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<input id="tax-file" name="file" type="file"/);
      assert.match(form.body, /まだ取り込まれていません。/);
      assert.equal((await get(TAX_IMPORT_PATH, clerk)).statusCode, 403);
      assert.equal((await upload(Buffer.from(taxCsv(rows)), { staff: clerk })).statusCode, 403);
    });

    it('imports a Shift_JIS upload and shows the rows per year, then the years on file; the upload folder is removed', async () => {
      const page = await result(await upload(iconv.encode(taxCsv(rows), 'cp932')));
      assert.match(page, /取込が完了しました。/);
      for (const year of ['2024', '2025', '2026']) {
        const count = rows.filter((r) => r['課税年度'] === year).length;
        assert.match(page, new RegExp(`<tr><td>${year}</td><td>${count}</td></tr>`), year);
        assert.match((await get(TAX_IMPORT_PATH)).body, new RegExp(`<tr><td>${year}</td><td>${count}</td><td>`));
      }
      assert.ok(!page.includes(rows[0]!['氏名']!), 'no name on the page');
      assert.deepEqual(uploadFolders(), []);
      const events = (await sql<{ e: string }>`select user_id || ' ' || outcome as e from audit_event where operation_code = 'certificates.tax.import'`.execute(t.db.kysely)).rows.map((r) => r.e);
      assert.deepEqual(events, ['tax.admin success']);
    });

    it('lists every wrong line by line and column, and changes nothing', async () => {
      const bad = [rows[0]!, { ...rows[1]!, 性別: '不明' }, { ...rows[2]!, 住民となった日: '2020/01/01' }];
      const page = await result(await upload(Buffer.from(taxCsv(bad))));
      assert.match(page, /ファイルに誤りがあるため取り込みませんでした（2件）/);
      assert.match(page, /<tr data-line="3"><td>3<\/td><td>性別<\/td><td>次のいずれかを入力してください: 男、女<\/td><\/tr>/);
      assert.match(page, /<tr data-line="4"><td>4<\/td><td>住民となった日<\/td><td>日付は YYYY-MM-DD で入力してください。<\/td><\/tr>/);
      const n = Number((await sql<{ n: string }>`select count(*) as n from certificate_tax_record`.execute(t.db.kysely)).rows[0]!.n);
      assert.equal(n, rows.length);
      assert.deepEqual(uploadFolders(), []);
    });

    it('refuses an upload without a file or with a wrong csrf token', async () => {
      const none = await upload(undefined);
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /課税情報ファイルを選んでください。/);
      assert.equal((await upload(Buffer.from(taxCsv(rows)), { csrf: 'wrong' })).statusCode, 403);
      assert.deepEqual(uploadFolders(), []);
    });
  });
}
