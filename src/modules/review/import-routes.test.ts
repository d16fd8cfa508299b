import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { backends } from '../../../test/support/db.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { demoCity } from '../../demo/demo-city.ts';
import { loadMasterKey } from '../../platform/crypto/index.ts';
import { buildApplicant, buildResidentRow, type ResidentRow } from './domain/verdict.cases.ts';
import { numbered, residentsCsv, taxYearsCsv } from './extract.builders.ts';
import { reviewIndexer } from './indexer.ts';
import { matchApplicant } from './match.ts';
import { findCurrentExtract } from './store.ts';

/** Three residents, four readings (one 通称), four tax years. */
const ROWS = numbered([
  buildResidentRow({ residentId: '1' }), // ヤマダ キョウコ 1980-04-01 〒650-0001, taxed 2023 and 2024
  buildResidentRow({ residentId: '2', nameKana: 'スズキ イチロウ', birthDate: '1975-01-01', postalCode: '650-0002', taxYears: [2024] }),
  buildResidentRow({ residentId: '3', nameKana: 'キム ミンジュン', aliasNameKana: 'カネダ ミノル', birthDate: '1985-05-05', postalCode: '650-0004', taxYears: [2024] }),
]);

/** The same files with a wrong birth date (line 2), a name in kanji (5), a short postal code (6), an unknown number (tax line 6). */
const BAD_RESIDENTS = `${residentsCsv(ROWS).replace('1980-04-01', '1980-04-31')}4,山田,19800401,6500001,,\r\n5,タナカ ハナコ,1990-01-01,65-01,,\r\n`;
const BAD_TAX_YEARS = `${taxYearsCsv(ROWS)}99,9000000099,2024\r\n`;

/** Many residents, so that an import lasts long enough to be seen running. */
function manyResidents(n: number): ResidentRow[] {
  const kana = 'アイウエオカキクケコサシスセソタチツテト';
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  return Array.from({ length: n }, (_, i) => buildResidentRow({
    residentId: String(i + 1),
    nameKana: `${kana[i % 20]}${kana[Math.floor(i / 20) % 20]}${kana[Math.floor(i / 400) % 20]} ${kana[Math.floor(i / 8000) % 20]}ミ`,
    birthDate: `${1940 + (i % 60)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
    postalCode: `650-${pad(i % 10000, 4)}`,
    taxYears: i % 3 === 0 ? [] : [2024],
  }));
}

/** The upload form as a browser sends it: csrf, encoding and the two files (either may be left out). */
function uploadBody(fields: Record<string, string>, files: Partial<Record<'residents' | 'taxYears', Buffer>>) {
  const boundary = '----madoguchiImportTest5x0aQ2';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, bytes] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.csv"\r\nContent-Type: text/csv\r\n\r\n`), bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface ImportEvent {
  operation_code: string;
  outcome: string;
  user_id: string;
  detail: string;
  subjects: string[];
}

/** The upload folders of this process still on disk. */
const uploadFolders = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`madoguchi-review-import-${process.pid}-`));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends) {
  describe(`審査用データ取込 in the console on ${backend}`, () => {
    let t: TestApp;
    let admin: TestStaff;
    let clerk: TestStaff;
    const get = (url: string, staff: TestStaff = admin) => t.app.inject({ url, headers: { cookie: staff.cookie } });
    const upload = (residents: string | Buffer | undefined, taxYears: string | Buffer | undefined, o: { encoding?: string; staff?: TestStaff; csrf?: string } = {}) => {
      const staff = o.staff ?? admin;
      const files: Partial<Record<'residents' | 'taxYears', Buffer>> = {};
      if (residents !== undefined) files.residents = Buffer.from(residents);
      if (taxYears !== undefined) files.taxYears = Buffer.from(taxYears);
      const { payload, contentType } = uploadBody({ csrf: o.csrf ?? staff.csrf, encoding: o.encoding ?? 'auto' }, files);
      return t.app.inject({ method: 'POST', url: '/console/review/import', headers: { cookie: staff.cookie, 'content-type': contentType }, payload });
    };
    /** Follows the redirect to the progress page until it shows the result. */
    const result = async (posted: LightMyRequestResponse, lang = 'ja') => {
      assert.equal(posted.statusCode, 303, posted.body.slice(0, 2000));
      const location = String(posted.headers.location);
      assert.match(location, /^\/console\/review\/import\/[A-Za-z0-9_-]+$/);
      for (const started = Date.now(); Date.now() - started < 120_000; await sleep(50)) {
        const page = await get(`${location}?lang=${lang}`);
        assert.equal(page.statusCode, 200);
        if (!page.headers.refresh) return page.body;
      }
      throw new Error('the import did not end in 120 s');
    };
    const events = async () =>
      (await sql<ImportEvent>`select operation_code, outcome, user_id, detail, subjects from audit_event
        where operation_code like 'review.extract.%' order by seq`.execute(t.db.kysely)).rows;
    const verdictOfTheFirstResident = async () =>
      (await matchApplicant(t.db, await reviewIndexer(t.db, loadMasterKey(t.config), demoCity.code), demoCity.code, buildApplicant())).verdict;

    before(async () => {
      t = await testApp(backend, ['console']);
      admin = await staffWithRoles(t.db, 'import.admin', [{ role: 'administrator' }]);
      clerk = await staffWithRoles(t.db, 'import.clerk', [{ role: 'clerk' }]);
    });
    after(() => t?.close());

    it('shows the form with no extract yet, and the administrator a menu entry to it', async () => {
      const form = await get('/console/review/import');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /まだ取り込まれていません/);
      assert.match(form.body, /<input id="import-residents" name="residents" type="file"/);
      assert.match(form.body, /<input id="import-taxYears" name="taxYears" type="file"/);
      assert.match(form.body, /<option value="auto" selected>自動判定.*<option value="utf8">UTF-8<\/option><option value="sjis">Shift_JIS<\/option>/s);
      assert.match((await get('/console/')).body, /href="\/console\/review\/import"/);
    });

    it('imports two Shift_JIS files uploaded by an administrator: the extract becomes current with their counts and answers', async () => {
      const page = await result(await upload(iconv.encode(residentsCsv(ROWS), 'cp932'), iconv.encode(taxYearsCsv(ROWS), 'cp932'), { encoding: 'sjis' }));
      assert.match(page, /<h1>取込の結果<\/h1>/);
      assert.match(page, /取込が完了しました。世代 1 の審査用データを使っています。/);
      for (const [label, count] of [['住民', 3], ['氏名（索引）', 4], ['課税年度', 4]] as const) {
        assert.match(page, new RegExp(`<th scope="row">${label}</th><td>${count}</td>`), label);
      }
      const current = await findCurrentExtract(t.db.kysely, demoCity.code);
      assert.deepEqual({ ...current, swappedAt: undefined }, { generation: 1, residents: 3, readings: 4, taxYears: 4, swappedAt: undefined });
      assert.equal(await verdictOfTheFirstResident(), 'match');
      const form = (await get('/console/review/import')).body;
      assert.match(form, /<dl class="facts" data-extract-generation="1">/);
      assert.match(form, /<dt>取込日時<\/dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d （日本時間）<\/dd>/);
      assert.deepEqual(uploadFolders(), [], 'the upload folder is removed');
    });

    it('lists every wrong line with its reason, in Japanese and English, and the previous extract keeps answering', async () => {
      const posted = await upload(BAD_RESIDENTS, BAD_TAX_YEARS);
      const page = await result(posted);
      assert.match(page, /ファイルに誤りがあるため取り込みませんでした（4件）。以前のデータはそのまま使われます。/);
      const lines = [...page.matchAll(/<tr data-file="([a-z_]+)" data-line="(\d+)"><td>[^<]+<\/td><td>\d+<\/td><td>([^<]*)<\/td><td>([^<]+)<\/td><\/tr>/g)]
        .map(([, file, line, column, reason]) => `${file} ${line} ${column}: ${reason}`);
      assert.equal(lines.length, 4, page);
      assert.match(lines[0]!, /^residents 2 生年月日: 生年月日は YYYY-MM-DD/);
      assert.match(lines[1]!, /^residents 5 氏名カナ: カナ（カタカナまたはひらがな）以外/);
      assert.match(lines[2]!, /^residents 6 郵便番号: 郵便番号は7桁/);
      assert.match(lines[3]!, /^tax_years 6 住記個人番号: この住記個人番号は住民ファイルにありません。/);
      assert.match(page, /審査用データは変わっていません。以前のデータがそのまま使われます。/);
      assert.match(page, /data-extract-generation="1"/);
      for (const value of ['山田', '1980-04-31', '65-01', 'タナカ', '9000000099']) assert.ok(!page.includes(value), `${value} shown`);

      const english = await get(`${String(posted.headers.location)}?lang=en`);
      assert.match(english.body, /The file was rejected \(4 errors\)\. The previous data is still in use\./);
      assert.match(english.body, /<td>Residents file<\/td><td>2<\/td><td>生年月日<\/td><td>The birth date must be a real date/);
      assert.match(english.body, /<td>Tax-years file<\/td><td>6<\/td><td>住記個人番号<\/td><td>This 住記個人番号 is not in the residents file\.<\/td>/);
      assert.match(english.body, /The extract has not changed: the previous one is still in use\./);

      assert.equal((await findCurrentExtract(t.db.kysely, demoCity.code))?.generation, 1);
      assert.equal(await verdictOfTheFirstResident(), 'match', 'the previous extract still answers');
      assert.deepEqual(uploadFolders(), []);
    });

    it('shows the progress while a large import runs, refuses a second one meanwhile (409), then shows the counts', async () => {
      const many = numbered(manyResidents(40_000));
      const posted = await upload(residentsCsv(many), taxYearsCsv(many));
      assert.equal(posted.statusCode, 303);
      const running = await get(String(posted.headers.location));
      assert.equal(running.headers.refresh, '2', 'refreshes itself while running');
      assert.match(running.body, /<h1>取込の進行状況<\/h1>/);
      assert.match(running.body, /<label for="import-progress">読込の進み具合<\/label><progress id="import-progress" max="100" value="\d+">/);
      assert.match(running.body, /<p role="status">(開始しています|課税年度ファイルを読み込んでいます|住民ファイルを読み込み、索引を作っています|ファイルを読み終えました)/);
      assert.match(running.body, /取込が終わるまで、これまでの審査用データが使われます。/);
      const [folder] = uploadFolders();
      assert.ok(folder, 'the files wait in an upload folder while the import runs');
      const folderPath = `${os.tmpdir()}/${folder}`;
      assert.equal(fs.statSync(folderPath).mode & 0o777, 0o700, 'the folder is private');
      for (const file of fs.readdirSync(folderPath)) assert.equal(fs.statSync(`${folderPath}/${file}`).mode & 0o777, 0o600, file);
      const still = await get(`${String(posted.headers.location)}?refresh=off`);
      assert.equal(still.headers.refresh, undefined, 'refreshing can be stopped');

      const second = await upload(residentsCsv(ROWS), taxYearsCsv(ROWS));
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /別の取込を実行中です/);
      assert.match(second.body, new RegExp(`<a href="${String(posted.headers.location)}">進行状況を見る</a>`));

      const page = await result(posted);
      assert.match(page, /<th scope="row">住民<\/th><td>40,000<\/td>/);
      assert.equal((await findCurrentExtract(t.db.kysely, demoCity.code))?.residents, 40_000);
      assert.deepEqual(uploadFolders(), []);
    });

    it('refuses without importing an upload missing a file (400), with a wrong csrf token (403) or an unknown encoding (400), and keeps no file', async () => {
      const generation = (await findCurrentExtract(t.db.kysely, demoCity.code))?.generation;
      const missing = await upload(residentsCsv(ROWS), undefined);
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /住民ファイルと課税年度ファイルの両方を選んでください。/);
      assert.equal((await upload(residentsCsv(ROWS), taxYearsCsv(ROWS), { csrf: 'not-the-token' })).statusCode, 403);
      const latin = await upload(residentsCsv(ROWS), taxYearsCsv(ROWS), { encoding: 'latin1' });
      assert.equal(latin.statusCode, 400);
      assert.match(latin.body, /文字コードは 自動判定・UTF-8・Shift_JIS から選んでください。/);
      assert.equal((await findCurrentExtract(t.db.kysely, demoCity.code))?.generation, generation);
      assert.deepEqual(uploadFolders(), []);
    });

    it('refuses a clerk (no review.extract.import) with 403 on every page, and shows them no menu entry', async () => {
      const before = (await events()).length;
      const posted = await upload(residentsCsv(ROWS), taxYearsCsv(ROWS));
      await result(posted);
      const job = String(posted.headers.location);
      assert.equal((await get('/console/review/import', clerk)).statusCode, 403);
      assert.equal((await upload(residentsCsv(ROWS), taxYearsCsv(ROWS), { staff: clerk })).statusCode, 403);
      assert.equal((await get(job, clerk)).statusCode, 403);
      assert.doesNotMatch((await get('/console/', clerk)).body, /\/console\/review\/import/);
      const denied = (await events()).slice(before).filter((e) => e.user_id === 'import.clerk');
      assert.deepEqual(denied.map((e) => [e.operation_code, e.outcome]), [['review.extract.upload', 'denied']]);
    });

    it('writes the upload and the import as audit events of the administrator, like the command line\'s, with no value of the files', async () => {
      const all = await events();
      const byAdmin = (code: string) => all.filter((e) => e.operation_code === code && e.user_id === 'import.admin').map((e) => [e.outcome, e.detail]);
      assert.deepEqual(byAdmin('review.extract.import'), [
        ['success', '世代 1: 住民 3件, 氏名 4件, 課税年度 4件'],
        ['failure', '取込拒否: 誤り 4件'],
        ['success', '世代 2: 住民 40000件, 氏名 40000件, 課税年度 26666件'],
        ['success', '世代 3: 住民 3件, 氏名 4件, 課税年度 4件'],
      ]);
      const uploads = byAdmin('review.extract.upload');
      assert.deepEqual(uploads.map(([outcome, detail]) => `${outcome} ${detail!.replace(/\d+バイト/g, 'Nバイト')}`), [
        'success 取込開始: 住民ファイル Nバイト, 課税年度ファイル Nバイト, 文字コード sjis',
        'success 取込開始: 住民ファイル Nバイト, 課税年度ファイル Nバイト, 文字コード auto',
        'success 取込開始: 住民ファイル Nバイト, 課税年度ファイル Nバイト, 文字コード auto',
        'failure refused: import running',
        'failure refused: files',
        'denied refused: csrf_failed',
        'failure refused: encoding',
        'success 取込開始: 住民ファイル Nバイト, 課税年度ファイル Nバイト, 文字コード auto',
      ], 'uploads in order');
      for (const e of all.filter((x) => x.operation_code === 'review.extract.upload' && x.outcome === 'success')) assert.match(e.subjects[0]!, /^review_import:[A-Za-z0-9_-]+$/);
      for (const personal of ['ヤマダ', 'キョウコ', 'スズキ', '1980-04-01', '19800401', '650-0001', '6500001', '山田']) {
        assert.ok(!JSON.stringify(all).includes(personal), `${personal} in an audit event`);
        assert.ok(!t.logs().includes(personal), `${personal} in the logs`);
      }
    });
  });
}
