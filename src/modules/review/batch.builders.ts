// Test builders for the clerk's batch: a console server with the demo city's extract imported through the server's own
// master key, a clerk, and the three steps (upload, run, download) as inject() calls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { staffWithRoles, type TestStaff } from '../../../test/support/staff.ts';
import { demoCity } from '../../demo/demo-city.ts';
import { loadMasterKey } from '../../platform/crypto/index.ts';
import type { Backend } from '../../platform/db/index.ts';
import type { BatchField } from './batch-fields.ts';
import { buildResidentRow, type ResidentRow } from './domain/verdict.cases.ts';
import { numbered, residentsCsv, taxYearsCsv } from './extract.builders.ts';
import { importExtract } from './import.ts';
import { reviewIndexer } from './indexer.ts';

/** The demo city's extract for the batch's tests: one resident, two who share name and birth date, one with a 通称. */
export const BATCH_RESIDENTS = [
  buildResidentRow({ residentId: 'R0001' }), // ヤマダ キョウコ 1980-04-01 〒650-0001, taxed 2023 and 2024
  buildResidentRow({ residentId: 'R0002', nameKana: 'スズキ イチロウ', birthDate: '1975-01-01', postalCode: '650-0002', taxYears: [2024] }),
  buildResidentRow({ residentId: 'R0003', nameKana: 'スズキ イチロウ', birthDate: '1975-01-01', postalCode: '650-0003', taxYears: [2024] }),
  buildResidentRow({ residentId: 'R0004', nameKana: 'キム ミンジュン', aliasNameKana: 'カネダ ミノル', birthDate: '1985-05-05', postalCode: '650-0004', taxYears: [2024] }),
];

/** The online application system's header: any columns, in its own order. */
export const APPLICATIONS_HEADER = '申請番号,申請日,申請者氏名,申請者フリガナ,生年月日,郵便番号,住所,証明を求める年度';

/** Its rows, each with the two cells it must get. */
export const APPLICATION_ROWS: Array<[line: string, verdict: string, issuable: string]> = [
  ['A001,2025-05-01,山田 京子,やまだ きょうこ,1980-04-01,650-0001,"神戸市中央区加納町6-5-1, 1号",令和6年度', '一致', '可'],
  ['A002,2025-05-01,山田 京子,ヤマダ キヨウコ,1980/4/1,650-0001,神戸市中央区,2022年度', '一部一致（カナ表記ゆれ）', '不可'],
  ['A003,2025-05-02,鈴木 一郎,スズキ イチロウ,1975-01-01,650-0002,,2024', '複数該当', ''],
  ['A004,2025-05-02,田中 花子,タナカ ハナコ,1990-01-01,650-0001,,2024', '該当なし', ''],
  ['A005,2025-05-03,山田 京子,ヤマダ キョウコ,1980-02-30,650-0001,,2024', '入力不備（生年月日）', ''],
  ['A006,2025-05-03,金田 稔,カネダ ミノル,昭和60年5月5日,650-0004,,2024', '一致（通称名で照合）', '可'],
  ['A007,2025-05-04,山田 京子,ヤマダ キョウコ,1980-04-01,100-0001,,', '一部一致（郵便番号相違）', ''],
];

/** The applications file's text with these line ends. */
export const applicationsCsv = (lineEnd: string): string => [APPLICATIONS_HEADER, ...APPLICATION_ROWS.map(([line]) => line)].map((l) => `${l}${lineEnd}`).join('');

/** The answer's text: the same lines with 照合結果 and 証明発行可否 appended. */
export const resultCsv = (lineEnd: string): string =>
  [`${APPLICATIONS_HEADER},照合結果,証明発行可否`, ...APPLICATION_ROWS.map(([line, v, i]) => `${line},${v},${i}`)].map((l) => `${l}${lineEnd}`).join('');

/** A multipart/form-data body of text fields and one file, as a browser sends the upload form. */
export function multipartBody(fields: Record<string, string>, file?: { name: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = '----madoguchiBatchTest7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The column pre-selected for each field on a mapping page ('' for none). */
export function selectedColumns(html: string): Record<BatchField, string> {
  const pick = (field: BatchField) => {
    const select = new RegExp(`<select id="batch-${field}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? '';
    return /<option value="(\d*)" selected/.exec(select)?.[1] ?? '';
  };
  return { nameKana: pick('nameKana'), birthDate: pick('birthDate'), postalCode: pick('postalCode'), taxYear: pick('taxYear') };
}

export interface BatchEvent {
  operation_code: string;
  outcome: string;
  user_id: string;
  detail: string;
  subjects: string[];
}

export interface BatchWorld extends TestApp {
  /** A clerk (role clerk, so review.batch.run) with a live session. */
  clerk: TestStaff;
  /** Imports these residents as the demo city's extract, indexed with the server's own keys. */
  importRows(rows: readonly ResidentRow[]): Promise<void>;
  /** Step 1: posts the upload form. */
  upload(bytes: Buffer, options?: { procedure?: string; fileName?: string; staff?: TestStaff; csrf?: string }): Promise<LightMyRequestResponse>;
  /** Step 2: posts the mapping form for the upload shown on `mappingPage` (its pre-selection unless `columns` says otherwise). */
  run(mappingPage: string, columns?: Partial<Record<BatchField, string>>, staff?: TestStaff): Promise<LightMyRequestResponse>;
  /** Step 3: follows the result page's download link. */
  download(resultPage: string, staff?: TestStaff): Promise<LightMyRequestResponse>;
  /** Upload, run with the pre-selection (or `columns`), download; fails on any step that is not 200. */
  batch(bytes: Buffer, options?: { procedure?: string; fileName?: string; columns?: Partial<Record<BatchField, string>> }): Promise<{ mapping: string; result: string; file: LightMyRequestResponse }>;
  /** The audit events of the batch's operations, oldest first. */
  events(): Promise<BatchEvent[]>;
}

/** A console server on a fresh database of the backend, with a clerk; the extract is empty until importRows. */
export async function batchWorld(backend: Backend): Promise<BatchWorld> {
  const t = await testApp(backend, ['console']);
  const clerk = await staffWithRoles(t.db, 'batch.clerk', [{ role: 'clerk' }]);
  const indexer = await reviewIndexer(t.db, loadMasterKey(t.config), demoCity.code);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-batch-'));
  let imports = 0;
  const world: BatchWorld = {
    ...t,
    clerk,
    async importRows(rows) {
      const files = numbered(rows);
      const residentsFile = path.join(dir, `residents-${++imports}.csv`);
      const taxYearsFile = path.join(dir, `tax-years-${imports}.csv`);
      fs.writeFileSync(residentsFile, residentsCsv(files));
      fs.writeFileSync(taxYearsFile, taxYearsCsv(files));
      await importExtract({ db: t.db, indexer, residentsFile, taxYearsFile, actor: { userId: 'cli' }, today: '2025-06-01' });
    },
    upload(bytes, options = {}) {
      const staff = options.staff ?? clerk;
      const { payload, contentType } = multipartBody(
        { csrf: options.csrf ?? staff.csrf, procedure: options.procedure ?? '所得・課税証明書の交付申請' },
        { name: options.fileName ?? 'applications.csv', bytes },
      );
      return t.app.inject({ method: 'POST', url: '/console/review/batch', headers: { cookie: staff.cookie, 'content-type': contentType }, payload });
    },
    run(mappingPage, columns = {}, staff = clerk) {
      const upload = /name="upload" value="([^"]+)"/.exec(mappingPage)?.[1] ?? '';
      return t.app.inject({
        method: 'POST',
        url: '/console/review/batch/run',
        headers: { cookie: staff.cookie },
        payload: { csrf: staff.csrf, upload, ...selectedColumns(mappingPage), ...columns },
      });
    },
    download(resultPage, staff = clerk) {
      const href = /href="(\/console\/review\/batch\/result\/[^"]+)"/.exec(resultPage)?.[1] ?? '/console/review/batch/result/none';
      return t.app.inject({ url: href, headers: { cookie: staff.cookie } });
    },
    async batch(bytes, options = {}) {
      const ok = (res: LightMyRequestResponse, step: string) => {
        if (res.statusCode !== 200) throw new Error(`${step} answered ${res.statusCode}: ${res.body.slice(0, 2000)}`);
        return res;
      };
      const mapping = ok(await world.upload(bytes, options), 'upload').body;
      const result = ok(await world.run(mapping, options.columns), 'run').body;
      return { mapping, result, file: ok(await world.download(result), 'download') };
    },
    events: async () =>
      (await sql<BatchEvent>`select operation_code, outcome, user_id, detail, subjects from audit_event
        where operation_code like 'review.batch.%' order by seq`.execute(t.db.kysely)).rows,
    async close() {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}
