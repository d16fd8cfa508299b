// Residents submitting online (issue 5: "200 concurrent residents submitting (with a 1 MB attachment each):
// ≥ 50 submissions/s, p99 ≤ 500 ms"). The portal runs in a child process as `madoguchi serve --role portal` builds it;
// this process plays 200 residents at once, each going through the 妊娠の届出 form as a browser without JavaScript
// does: open the procedure's page, start, post the filled form with a 1 MB identity document (checked by content and
// stored encrypted), then submit (receipt number, history, audit event, receipt mail in the outbox). Submissions/s count
// completed receipts; the latency is of the two requests that carry the submission (the form with its file, and submit).
//
//   BENCH_RESIDENTS_AT_ONCE (default 200)  BENCH_SUBMISSIONS (default 3,000)  DATABASE_URL (else PGlite)
//   BENCH_SERVER_PROFILE=DIR writes the portal's CPU profile there (open it in Chrome's DevTools)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { demoCity } from '../src/demo/index.ts';
import { loadProcedureDir, shippedProceduresDir, systemLoader } from '../src/modules/applications/procedures.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { openDb } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/shell/app.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { openBenchDb } from './bench-db.ts';
import { type Figure, report } from './report.ts';

const atOnce = Number(process.env.BENCH_RESIDENTS_AT_ONCE ?? 200);
const submissions = Number(process.env.BENCH_SUBMISSIONS ?? 3_000);
const procedure = 'pregnancy-notification';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** The child: the portal role until stdin closes; prints `PORT n` when listening. */
async function serve(): Promise<void> {
  const config = { ...loadConfig({}, process.env), logLevel: 'info' as const };
  const db = await openDb(config, 'bench portal server');
  const { app } = await buildApp({ config, db, roles: ['portal'], logStream: new Writable({ write: (_c, _e, done) => done() }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
  process.stdin.resume();
  await new Promise((r) => process.stdin.on('end', r));
  await app.close();
  await db.close();
}

/**
 * A JPEG as far as the checks go (its signature, then a megabyte that does not compress, as a photo's does not). Made
 * once, and each form's multipart body is assembled around it by copying: the residents share this process's CPU with
 * the server, and what they burn is taken from what is measured. Each stored copy is encrypted under its own IV.
 */
const identityDocument = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1024 * 1024 - 6), Buffer.from([0xff, 0xd9])]);
const boundary = '----madoguchiBenchResident';

/** A multipart/form-data body as a browser sends the form: its fields, then the identity document. */
function multipartForm(fields: Record<string, string>): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return Buffer.concat([
    Buffer.from(`${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="identity_document"; filename="id.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    identityDocument,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

const today = new Date();
const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const formValues = (i: number): Record<string, string> => ({
  name: `見本 花子${i}`, name_kana: 'ミホン ハナコ', birth_date: '1994-05-06', postal_code: '599-9901', address: '大阪府見本市本町一丁目2番3号',
  phone: '06-1234-5678', email: `hanako${i}@example.jp`, individual_number: '990000000019', expected_delivery_date: day(150), diagnosis_date: day(-20),
  number_of_fetuses: '1', medical_institution: '見本市民病院', previous_births: '0', smoking: 'no', health_concerns: 'つわりが重い',
});

/** One resident's whole visit; returns the two measured requests' times, or throws with what went wrong. */
async function resident(base: string, i: number): Promise<number[]> {
  let cookie = '';
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) cookie = [cookie, c.split(';')[0]].filter(Boolean).join('; ');
  };
  const page = await fetch(`${base}/procedures/${procedure}`);
  keep(page);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const start = await fetch(`${base}/procedures/${procedure}/start`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf }) });
  const draft = start.headers.get('location');
  if (start.status !== 303 || !draft) throw new Error(`start answered ${start.status}`);
  const form = multipartForm({ csrf, action: 'confirm', ...formValues(i) });
  let t = performance.now();
  const posted = await fetch(base + draft, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: form });
  const formMs = performance.now() - t;
  const answer = await posted.text();
  if (posted.status !== 303) throw new Error(`the form answered ${posted.status}: ${[...answer.matchAll(/class="error-message">(?:<span[^>]*>[^<]*<\/span>)?<span>([^<]{1,200})/g)].map((m) => m[1]).join(' | ')}`);
  t = performance.now();
  const submitted = await fetch(`${base}${draft}/submit`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf }) });
  await submitted.arrayBuffer();
  const submitMs = performance.now() - t;
  if (submitted.status !== 303 || !submitted.headers.get('location')?.endsWith('/receipt')) throw new Error(`submit answered ${submitted.status}`);
  return [formMs, submitMs];
}

async function main(): Promise<void> {
  const bench = await openBenchDb();
  const masterKey = newSecretKey();
  const keyEnv = { MADOGUCHI_MASTER_KEY: masterKey.export().toString('base64') };
  try {
    await migrate(bench.db);
    await loadDemoMunicipality(bench.db, { master: loadMasterKey({ ...loadConfig({}, {}), masterKey }) });
    await loadProcedureDir(bench.db, demoCity.code, shippedProceduresDir, systemLoader('bench'));
    await bench.lend();
    const profile = process.env.BENCH_SERVER_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', import.meta.filename, '--serve'], {
      env: { ...process.env, ...bench.env, ...keyEnv, MADOGUCHI_CLAMAV_DATABASE: '/nonexistent' }, stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout });
    const port = await new Promise<number>((resolve) => lines.on('line', (l) => l.startsWith('PORT ') && resolve(Number(l.slice(5)))));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 20; i++) await resident(base, -i); // warm-up
    const latencies: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: atOnce }, async () => {
      for (let i = next++; i < submissions; i = next++) {
        try {
          latencies.push(...(await resident(base, i)));
        } catch (e) {
          failures.push((e as Error).message);
        }
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    child.stdin.end();
    await new Promise((r) => child.on('exit', r));
    const db = await bench.reopen();
    const received = await sql<{ n: number }>`select count(*)::int as n from application where state = 'received'`.execute(db.kysely);
    latencies.sort((a, b) => a - b);
    const rate = (submissions - failures.length) / seconds;
    console.log(`${submissions - failures.length} submissions by ${atOnce} residents at once in ${seconds.toFixed(1)} s (${rate.toFixed(1)}/s); `
      + `request p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; ${received.rows[0]!.n} received in the database; ${failures.length} failed`
      + (failures.length ? ` (${[...new Set(failures)].slice(0, 3).join('; ')})` : ''));
    const figures: Figure[] = [
      { name: `submissions/s, ${atOnce} residents at once with a 1 MB attachment each (${bench.backend})`, unit: '/s', measured: rate, target: { atLeast: 50 } },
      { name: `submission request p99 (form with its file, and submit) (${bench.backend})`, unit: 'ms', measured: percentile(latencies, 99), target: { atMost: 500 } },
    ];
    report(figures);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await bench.dispose();
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
