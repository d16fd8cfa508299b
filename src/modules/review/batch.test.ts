import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { backends } from '../../../test/support/db.ts';
import { staffWithRoles } from '../../../test/support/staff.ts';
import {
  APPLICATION_ROWS,
  APPLICATIONS_HEADER,
  applicationsCsv,
  BATCH_RESIDENTS,
  type BatchWorld,
  batchWorld,
  resultCsv,
  selectedColumns,
} from './batch.builders.ts';

const sjis = (text: string) => iconv.encode(text, 'cp932');

const expectedDetail = '手続 所得・課税証明書の交付申請: 計 7, 一致 2, 一部一致 2, 複数該当 1, 該当なし 1, 入力不備 1; 証明発行 可 2, 不可 1';

for (const backend of backends) {
  describe(`the clerk's batch (一括照合) on ${backend}`, () => {
    let w: BatchWorld;
    before(async () => {
      w = await batchWorld(backend);
      await w.importRows(BATCH_RESIDENTS);
    });
    after(() => w?.close());

    it('answers each row with 一致, 一部一致, 複数該当, 該当なし or 入力不備 and 証明発行可否, appended to the same lines (UTF-8, LF)', async () => {
      const { mapping, result, file } = await w.batch(Buffer.from(applicationsCsv('\n')), { fileName: '申請一覧(5月).csv' });
      assert.deepEqual(selectedColumns(mapping), { nameKana: '3', birthDate: '4', postalCode: '5', taxYear: '7' }, 'guessed from the headers');
      assert.match(mapping, /UTF-8/);
      assert.equal(file.body, resultCsv('\n'));
      assert.equal(file.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(String(file.headers['content-disposition']), /^attachment; filename="review-result.csv"; filename\*=UTF-8''(.*)$/);
      assert.equal(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(String(file.headers['content-disposition']))![1]!), '申請一覧(5月)_照合結果.csv');
      assert.match(mapping, /申請一覧\(5月\)\.csv/);
      assert.equal(file.headers['cache-control'], 'no-store');
      for (const [label, count] of [['一致', 2], ['一部一致（要確認）', 2], ['複数該当（要確認）', 1], ['該当なし', 1], ['入力不備', 1], ['計', 7]] as const) {
        assert.match(result, new RegExp(`<th scope="row">${label}</th><td>${count}</td>`), label);
      }
    });

    it('keeps a BOM and CRLF line ends', async () => {
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      const { file } = await w.batch(Buffer.concat([bom, Buffer.from(applicationsCsv('\r\n'))]));
      assert.deepEqual(file.rawPayload, Buffer.concat([bom, Buffer.from(resultCsv('\r\n'))]));
    });

    it('answers a Shift_JIS file in Shift_JIS, its original bytes untouched (quoted cells, a line break inside quotes, NEC-selected IBM 纊)', async () => {
      const lines = [
        sjis('"受付番号","氏名カナ","生年月日","郵便番号","住所","課税年度"'),
        sjis('"1","ヤマダ キョウコ","19800401","6500001","神戸市中央区\r\n加納町","2024"'),
        Buffer.concat([sjis('"2","ｽｽﾞｷ ｲﾁﾛｳ","1975-01-01","650-0002","神戸市'), Buffer.from([0xed, 0x40]), sjis('町","2024"')]),
        sjis('"3","髙橋 ジロウ","1975-01-01","650-0002","","2024"'),
      ];
      const crlf = Buffer.from('\r\n');
      const upload = Buffer.concat(lines.flatMap((l) => [l, crlf]));
      const { mapping, file } = await w.batch(upload, { procedure: '課税証明（Shift_JIS）' });
      assert.match(mapping, /Shift_JIS/);
      assert.match(mapping, /CRLF/);
      const appended = ['"照合結果","証明発行可否"', '"一致","可"', '"複数該当",""', '"入力不備（氏名カナ）",""'];
      assert.deepEqual(file.rawPayload, Buffer.concat(lines.flatMap((l, i) => [l, sjis(`,${appended[i]}`), crlf])));
      assert.equal(file.headers['content-type'], 'text/csv; charset=Shift_JIS');
    });

    it('remembers the columns per procedure and pre-selects them by header name next time, whatever their order', async () => {
      const procedure = '所得・課税証明書の交付申請（郵送）';
      const first = Buffer.from('申請番号,連絡先フリガナ,申請者フリガナ,生年月日,郵便番号\n1,サトウ,ヤマダ キョウコ,1980-04-01,650-0001\n');
      const { mapping } = await w.batch(first, { procedure, columns: { nameKana: '2' } });
      assert.equal(selectedColumns(mapping).nameKana, '1', 'the first guess was the contact person');
      const again = await w.upload(Buffer.from('申請者フリガナ,連絡先フリガナ,郵便番号,生年月日,申請番号\nヤマダ キョウコ,サトウ,650-0001,1980-04-01,1\n'), { procedure });
      assert.deepEqual(selectedColumns(again.body), { nameKana: '0', birthDate: '3', postalCode: '2', taxYear: '' });
      assert.match(again.body, /前回使った列/);
      const form = await w.app.inject({ url: '/console/review/batch', headers: { cookie: w.clerk.cookie } });
      assert.match(form.body, new RegExp(`<option value="${procedure}"`), 'offered on the upload form');
    });

    it('writes ONE audit event per run, with the counts and no personal value, and one for the download', async () => {
      const before = (await w.events()).length;
      await w.batch(Buffer.from(applicationsCsv('\n')));
      const events = (await w.events()).slice(before);
      assert.deepEqual(events.map((e) => [e.operation_code, e.outcome, e.user_id, e.subjects]), [
        ['review.batch.run', 'success', 'batch.clerk', []],
        ['review.batch.download', 'success', 'batch.clerk', []],
      ]);
      assert.equal(events[0]!.detail, expectedDetail);
      assert.equal(events[1]!.detail, '手続 所得・課税証明書の交付申請: 結果ファイル 7件');
      for (const personal of ['キョウコ', 'きょうこ', 'イチロウ', '1980-04-01', '19800401', '650-0001', '山田', '加納町']) {
        assert.ok(!JSON.stringify(events).includes(personal), `${personal} in an audit event`);
        assert.ok(!w.logs().includes(personal), `${personal} in the logs`);
      }
    });

    it('keeps neither the upload after the run nor the result after its one download', async () => {
      const mapping = (await w.upload(Buffer.from(applicationsCsv('\n')))).body;
      const result = await w.run(mapping);
      assert.equal(result.statusCode, 200);
      const rerun = await w.run(mapping);
      assert.equal(rerun.statusCode, 400);
      assert.match(rerun.body, /有効期限（30分）が切れました/);
      assert.equal((await w.download(result.body)).statusCode, 200);
      const second = await w.download(result.body);
      assert.equal(second.statusCode, 404);
      assert.match(second.body, /ダウンロード済みか有効期限/);
    });

    it('keeps a result for the clerk who ran it only', async () => {
      const other = await staffWithRoles(w.db, 'batch.other', [{ role: 'clerk' }]);
      const mapping = (await w.upload(Buffer.from(applicationsCsv('\n')))).body;
      assert.equal((await w.run(mapping, {}, other)).statusCode, 400, "another clerk cannot run this clerk's upload");
      const result = (await w.run(mapping)).body;
      assert.equal((await w.download(result, other)).statusCode, 404);
      assert.equal((await w.download(result)).statusCode, 200);
    });

    it('refuses with 403 a member of staff without review.batch.run, and shows them no menu entry', async () => {
      const auditor = await staffWithRoles(w.db, 'batch.auditor', [{ role: 'auditor' }]);
      assert.equal((await w.app.inject({ url: '/console/review/batch', headers: { cookie: auditor.cookie } })).statusCode, 403);
      assert.equal((await w.upload(Buffer.from(applicationsCsv('\n')), { staff: auditor })).statusCode, 403);
      const run = await w.app.inject({ method: 'POST', url: '/console/review/batch/run', headers: { cookie: auditor.cookie }, payload: { csrf: auditor.csrf, upload: 'x' } });
      assert.equal(run.statusCode, 403);
      assert.equal((await w.app.inject({ url: '/console/review/batch/result/x', headers: { cookie: auditor.cookie } })).statusCode, 403);
      assert.doesNotMatch((await w.app.inject({ url: '/console/', headers: { cookie: auditor.cookie } })).body, /\/console\/review\/batch/);
      assert.match((await w.app.inject({ url: '/console/', headers: { cookie: w.clerk.cookie } })).body, /href="\/console\/review\/batch"/);
    });

    it('refuses an upload without the csrf token (403)', async () => {
      const res = await w.upload(Buffer.from(applicationsCsv('\n')), { csrf: 'not-the-token' });
      assert.equal(res.statusCode, 403);
    });

    it('refuses with 413 and says why a file over 20 MB and one over 20,000 rows', async () => {
      const large = Buffer.concat([Buffer.from(`${APPLICATIONS_HEADER}\n`), Buffer.alloc(20 * 1024 * 1024, 0x41)]);
      const tooLarge = await w.upload(large);
      assert.equal(tooLarge.statusCode, 413);
      assert.match(tooLarge.body, /ファイルが大きすぎます（上限 20 MB）/);
      const many = Buffer.from(`${APPLICATIONS_HEADER}\n${`${APPLICATION_ROWS[0]![0]}\n`.repeat(20_001)}`);
      const tooMany = await w.upload(many);
      assert.equal(tooMany.statusCode, 413);
      assert.match(tooMany.body, /件数が多すぎます（20,001件）/);
    });

    it('refuses with 400 an upload without a procedure, without a file, or with headers only', async () => {
      assert.match((await w.upload(Buffer.from(applicationsCsv('\n')), { procedure: ' ' })).body, /手続名を入力してください/);
      assert.match((await w.upload(Buffer.alloc(0))).body, /CSV ファイルを選んでください/);
      const headersOnly = await w.upload(Buffer.from(`${APPLICATIONS_HEADER}\n`));
      assert.equal(headersOnly.statusCode, 400);
      assert.match(headersOnly.body, /見出しのほかに行がありません/);
    });
  });

  describe(`the clerk's batch before any extract is imported, on ${backend}`, () => {
    let w: BatchWorld;
    before(async () => {
      w = await batchWorld(backend);
    });
    after(() => w?.close());

    it('refuses to run (409) and says the extract is missing, rather than answering 該当なし for everyone', async () => {
      const mapping = (await w.upload(Buffer.from(applicationsCsv('\n')))).body;
      const run = await w.run(mapping);
      assert.equal(run.statusCode, 409);
      assert.match(run.body, /審査用データがまだ取り込まれていない/);
      assert.deepEqual((await w.events()).map((e) => [e.operation_code, e.outcome, e.detail]), [['review.batch.run', 'failure', 'refused: no extract']]);
    });
  });
}
