// The clerk's batch (issue 4: 10,000 applications ≤ 10 s). The demo city's extract of BENCH_RESIDENTS generated
// residents (default 1,500,000) is imported; then a file of 10,000 applications drawn from them, in Shift_JIS with CRLF
// as the online application system writes it, goes through the console's three steps in process (app.inject): upload,
// run with the pre-selected columns, download. The time is the three steps together, from the clerk's click to the
// file; one run of 500 rows first warms the server up.
//
// The applications: one in ten someone not in the extract (a ノ added to the name), one in twenty at another postal
// code (一部一致), one in fifty with an impossible birth date (入力不備), one in five typed in hiragana, and birth dates
// written 1980/04/01.
//
//   BENCH_RESIDENTS (default 1,500,000)  BENCH_APPLICATIONS (10,000)  DATABASE_URL (else PGlite)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import pg from 'pg';
import { demoCity } from '../src/demo/index.ts';
import { multipartBody, selectedColumns } from '../src/modules/review/batch.builders.ts';
import { importExtract } from '../src/modules/review/import.ts';
import { reviewIndexer } from '../src/modules/review/indexer.ts';
import { cliActor } from '../src/platform/auth/audit.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { type Db, openPglite, openPostgres } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { katakanaToHiragana } from '../src/platform/text/index.ts';
import { buildApp } from '../src/shell/app.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { staffWithRoles } from '../test/support/staff.ts';
import { type Figure, report } from './report.ts';
import { importWhenFree, reviewFiles } from './review-files.ts';

const residents = Number(process.env.BENCH_RESIDENTS ?? 1_500_000);
const applications = Number(process.env.BENCH_APPLICATIONS ?? 10_000);

async function openBenchDb(): Promise<{ db: Db; backend: string; dispose: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-batch-db-'));
    const db = await openPglite(dir);
    return { db, backend: 'pglite', dispose: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const db = openPostgres(url, schema);
  return {
    db,
    backend: 'postgres',
    dispose: async () => {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

/** The applications file (Shift_JIS, CRLF) of `count` applicants drawn from the residents file. */
function applicationsFile(residentsFile: string, count: number): Buffer {
  const rows = parse<Record<string, string>>(fs.readFileSync(residentsFile), { columns: true, bom: true, to: count });
  const lines = rows.map((r, i) => {
    let name = r['氏名カナ']!;
    if (i % 10 === 9) name = `${name}ノ`;
    else if (i % 5 === 2) name = katakanaToHiragana(name);
    const birthDate = i % 50 === 3 ? '1980/02/30' : r['生年月日']!.replace(/^(\d{4})-?(\d{2})-?(\d{2})$/, '$1/$2/$3');
    const postalCode = i % 20 === 7 ? '100-0001' : r['郵便番号']!;
    return `"${String(i + 1).padStart(8, '0')}","2026-05-${String((i % 28) + 1).padStart(2, '0')}","${name}","${birthDate}","${postalCode}","078-000-0000","令和7年度"`;
  });
  const header = '"申請番号","申請日","申請者フリガナ","生年月日","郵便番号","電話番号","証明を求める年度"';
  return iconv.encode([header, ...lines].map((l) => `${l}\r\n`).join(''), 'cp932');
}

async function main(): Promise<void> {
  const { db, backend, dispose } = await openBenchDb();
  try {
    const { residentsFile, taxYearsFile } = await reviewFiles(residents);
    const config = { ...loadConfig({}, {}), logLevel: 'info' as const, masterKey: newSecretKey() };
    const master = loadMasterKey(config);
    await migrate(db);
    await loadDemoMunicipality(db, { master });
    let t = performance.now();
    const indexer = await reviewIndexer(db, master, demoCity.code);
    await importWhenFree(() => importExtract({ db, indexer, residentsFile, taxYearsFile, actor: cliActor }));
    console.log(`imported them on ${backend} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // The console as `serve --role console` builds it, logging at info (to nowhere) as in production.
    const logStream = new Writable({ write: (_c, _e, done) => done() });
    const { app } = await buildApp({ config, db, roles: ['console'], logStream });
    const clerk = await staffWithRoles(db, 'bench.clerk', [{ role: 'clerk' }]);
    const batch = async (file: Buffer) => {
      const { payload, contentType } = multipartBody({ csrf: clerk.csrf, procedure: '所得・課税証明書の交付申請' }, { name: '申請一覧.csv', bytes: file });
      const mapping = await app.inject({ method: 'POST', url: '/console/review/batch', headers: { cookie: clerk.cookie, 'content-type': contentType }, payload });
      const upload = /name="upload" value="([^"]+)"/.exec(mapping.body)?.[1] ?? '';
      const run = await app.inject({ method: 'POST', url: '/console/review/batch/run', headers: { cookie: clerk.cookie }, payload: { csrf: clerk.csrf, upload, ...selectedColumns(mapping.body) } });
      const href = /href="(\/console\/review\/batch\/result\/[^"]+)"/.exec(run.body)?.[1];
      if (run.statusCode !== 200 || !href) throw new Error(`the run answered ${run.statusCode}`);
      const download = await app.inject({ url: href, headers: { cookie: clerk.cookie } });
      return { result: run.body, output: download.rawPayload };
    };

    const file = applicationsFile(residentsFile, applications);
    await batch(applicationsFile(residentsFile, 500)); // warm-up
    t = performance.now();
    const { result, output } = await batch(file);
    const seconds = (performance.now() - t) / 1000;
    await app.close();

    const counts = [...result.matchAll(/<th scope="row">([^<]+)<\/th><td>([\d,]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`).join(', ');
    console.log(`${backend}: ${applications.toLocaleString('en')} applications (${(file.length / 1024).toFixed(0)} KiB, Shift_JIS, CRLF) → ${(output.length / 1024).toFixed(0)} KiB in ${seconds.toFixed(2)} s; ${counts}`);
    const figures: Figure[] = [
      { name: `review batch: ${applications.toLocaleString('en')} applications, upload + run + download (${backend}, ${residents.toLocaleString('en')} residents)`, unit: 's', measured: seconds, target: { atMost: 10 } },
    ];
    report(figures);
  } finally {
    await dispose();
  }
}

await main();
