// Residents submitting online (issue 5: "200 concurrent residents submitting (with a 1 MB attachment each):
// ≥ 50 submissions/s, p99 ≤ 500 ms"). The portal runs in a child process as `madoguchi serve --role portal` builds it;
// this process plays 200 residents, each going through the 妊娠の届出 form as a browser without JavaScript does: open
// the procedure's page, start, post the filled form with a 1 MB identity document (checked by content and stored
// encrypted), then submit (receipt number, history, audit event, receipt mail in the outbox).
//
// Two runs after a warm-up, as the figure has two halves:
// - capacity: the 200 residents at once with no pause between visits, as fast as the portal takes them; submissions/s
//   count completed receipts. (Here each resident waits for the others, so a request's time is the queue's length.)
// - latency at 50 submissions/s: 200 residents, each starting a visit every 4 s (staggered), which offers 50
//   submissions a second in all; the p99 is of the two requests that carry a submission (the form with its file,
//   and submit).
//
//   BENCH_RESIDENTS_AT_ONCE (default 200)  BENCH_SUBMISSIONS (capacity run, default 3,000)  BENCH_PACED_SECONDS (default 30)
//   BENCH_PORTAL_PROCESSES (default 2, one per core)  BENCH_POOL_SIZE (each portal's connections, default 5)  BENCH_NODE_FLAGS
//   BENCH_SERVER_PROFILE=DIR writes the portal's CPU profile there (open it in Chrome's DevTools)
//   DATABASE_URL (else PGlite)
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { demoCity } from '../src/demo/index.ts';
import { loadProcedureDir, shippedProceduresDir, systemLoader } from '../src/modules/applications/procedures.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { openBenchDb } from './bench-db.ts';
import { RawHttpClient } from './raw-http.ts';
import { type Figure, report } from './report.ts';
import { portalNodeFlags, postgresCpuMs, serveRole, startServer, withAppName } from './serve-role.ts';

const atOnce = Number(process.env.BENCH_RESIDENTS_AT_ONCE ?? 200);
const submissions = Number(process.env.BENCH_SUBMISSIONS ?? 3_000);
const pacedSeconds = Number(process.env.BENCH_PACED_SECONDS ?? 30);
const portalProcesses = Number(process.env.BENCH_PORTAL_PROCESSES ?? 2);
const procedure = 'pregnancy-notification';
const APP_NAME = 'madoguchi-bench-submit';


const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/**
 * A JPEG as far as the checks go (its signature, then a megabyte that does not compress, as a photo's does not). Made
 * once, and each form's multipart body is sent around it without copying: the residents share this process's CPU with
 * the server, and what they burn is taken from what is measured. Each stored copy is encrypted under its own IV.
 */
const identityDocument = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1024 * 1024 - 6), Buffer.from([0xff, 0xd9])]);
const boundary = '----madoguchiBenchResident';

/** A multipart/form-data body as a browser sends the form, in parts: its fields, then the identity document. */
function multipartForm(fields: Record<string, string>): Buffer[] {
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return [
    Buffer.from(`${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="identity_document"; filename="id.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    identityDocument,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
}

const today = new Date();
const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const formValues = (i: number): Record<string, string> => ({
  name: `見本 花子${i}`, name_kana: 'ミホン ハナコ', birth_date: '1994-05-06', postal_code: '599-9901', address: '大阪府見本市本町一丁目2番3号',
  phone: '06-1234-5678', email: `hanako${i}@example.jp`, individual_number: '990000000019', expected_delivery_date: day(150), diagnosis_date: day(-20),
  number_of_fetuses: '1', medical_institution: '見本市民病院', previous_births: '0', smoking: 'no', health_concerns: 'つわりが重い',
});

/** A request as bytes: method, path, the resident's cookie, and a body (or its parts, sent without copying). */
function request(method: string, path: string, cookie: string, body?: { type: string; parts: Buffer[] }): Buffer[] {
  const length = body ? body.parts.reduce((n, p) => n + p.length, 0) : 0;
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...(cookie ? [`Cookie: ${cookie}`] : []),
    ...(body ? [`Content-Type: ${body.type}`, `Content-Length: ${length}`] : [])];
  return [Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), ...(body?.parts ?? [])];
}

const urlencoded = (fields: Record<string, string>) => ({ type: 'application/x-www-form-urlencoded', parts: [Buffer.from(new URLSearchParams(fields).toString())] });
const headerOf = (head: string, name: string) => new RegExp(`\r\n${name}: *([^\r]*)`, 'i').exec(head)?.[1];
const cookiesOf = (head: string) => [...head.matchAll(/\r\nset-cookie: *([^;\r]*)/gi)].map((m) => m[1]!);

/** One resident's whole visit; returns the two measured requests' times, or throws with what went wrong. */
async function resident(client: RawHttpClient, i: number): Promise<number[]> {
  const page = await client.request(request('GET', `/procedures/${procedure}`, ''));
  let cookie = cookiesOf(page.head).join('; ');
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body.toString('latin1'))?.[1] ?? '';
  const start = await client.request(request('POST', `/procedures/${procedure}/start`, cookie, urlencoded({ csrf })));
  cookie = [cookie, ...cookiesOf(start.head)].filter(Boolean).join('; ');
  const draft = headerOf(start.head, 'location');
  if (start.status !== 303 || !draft) throw new Error(`start answered ${start.status}`);
  let t = performance.now();
  const posted = await client.request(request('POST', draft, cookie, { type: `multipart/form-data; boundary=${boundary}`, parts: multipartForm({ csrf, action: 'confirm', ...formValues(i) }) }));
  const formMs = performance.now() - t;
  if (posted.status !== 303) throw new Error(`the form answered ${posted.status}: ${[...posted.body.toString('utf8').matchAll(/class="error-message">(?:<span[^>]*>[^<]*<\/span>)?<span>([^<]{1,200})/g)].map((m) => m[1]).join(' | ')}`);
  t = performance.now();
  const submitted = await client.request(request('POST', `${draft}/submit`, cookie, urlencoded({ csrf })));
  const submitMs = performance.now() - t;
  if (submitted.status !== 303 || !headerOf(submitted.head, 'location')?.endsWith('/receipt')) throw new Error(`submit answered ${submitted.status}`);
  return [formMs, submitMs];
}

/** Visits by `atOnce` residents until `until` says stop; `pause` is how long a resident waits before its next visit. */
async function residents(clients: readonly RawHttpClient[], until: (i: number) => boolean, pace?: { everyMs: number }) {
  const latencies: number[] = [];
  const byRequest: [number[], number[]] = [[], []];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: atOnce }, async (_, r) => {
    // Paced residents start staggered over one period, so the visits arrive evenly, not in waves.
    let due = started + (pace ? (r * pace.everyMs) / atOnce : 0);
    for (let i = next++; until(i); i = next++) {
      if (pace) await sleep(Math.max(0, due - performance.now()));
      try {
        const [formMs, submitMs] = await resident(clients[r % clients.length]!, i);
        latencies.push(formMs!, submitMs!);
        byRequest[0].push(formMs!);
        byRequest[1].push(submitMs!);
      } catch (e) {
        failures.push((e as Error).message);
      }
      if (pace) due += pace.everyMs;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  for (const list of [latencies, ...byRequest]) list.sort((a, b) => a - b);
  return { visits: next - atOnce, seconds, latencies, byRequest, failures };
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
    // One portal process per core, as a deployment runs them behind its reverse proxy (Node serves from one thread);
    // the residents are spread over them as the proxy would spread them.
    const servers = await Promise.all(Array.from({ length: portalProcesses }, async () => {
      const server = await startServer(import.meta.filename, {
        ...bench.env, ...withAppName(bench.env, APP_NAME), ...keyEnv, MADOGUCHI_CLAMAV_DATABASE: '/nonexistent', MADOGUCHI_DB_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '5',
      }, portalNodeFlags);
      return { ...server, client: new RawHttpClient('127.0.0.1', server.port, atOnce) };
    }));
    const clients = servers.map((s) => s.client);
    // Warm-up: 300 visits, 20 at a time, so the measured runs meet compiled code.
    let warm = 0;
    await Promise.all(Array.from({ length: 20 }, async (_, r) => {
      while (warm < 300) await resident(clients[r % clients.length]!, -1 - warm++);
    }));

    const serverCpu = async () => (await Promise.all(servers.map((s) => s.cpuMs()))).reduce((a, b) => a + b, 0);
    const [serverBefore, pgBefore] = [await serverCpu(), await postgresCpuMs(APP_NAME)];
    const capacity = await residents(clients, (i) => i < submissions);
    const [serverMs, pgMs] = [(await serverCpu()) - serverBefore, (await postgresCpuMs(APP_NAME)) - pgBefore];
    const rate = (capacity.visits - capacity.failures.length) / capacity.seconds;
    const pacedUntil = performance.now() + pacedSeconds * 1000;
    const paced = await residents(clients, () => performance.now() < pacedUntil, { everyMs: (atOnce / 50) * 1000 });
    for (const s of servers) {
      s.client.close();
      await s.stop();
    }
    const db = await bench.reopen();
    const received = await sql<{ n: number }>`select count(*)::int as n from application where state = 'received'`.execute(db.kysely);
    const failures = [...capacity.failures, ...paced.failures];
    const said = (run: typeof capacity) => `${run.visits - run.failures.length} submissions in ${run.seconds.toFixed(1)} s (${((run.visits - run.failures.length) / run.seconds).toFixed(1)}/s), `
      + `request p50 ${percentile(run.latencies, 50).toFixed(0)} ms, p99 ${percentile(run.latencies, 99).toFixed(0)} ms `
      + `(the form with its file p99 ${percentile(run.byRequest[0], 99).toFixed(0)} ms, submit p99 ${percentile(run.byRequest[1], 99).toFixed(0)} ms)`;
    console.log(`capacity, ${atOnce} residents at once without pause: ${said(capacity)}`);
    console.log(`paced, ${atOnce} residents offering 50/s: ${said(paced)}`);
    const visits = capacity.visits;
    console.log(`CPU per visit (capacity run): portal ${(serverMs / visits).toFixed(2)} ms, PostgreSQL ${(pgMs / visits).toFixed(2)} ms `
      + `(two idle cores would take ${Math.round((2000 * visits) / (serverMs + pgMs))} visits/s at that cost, residents' side not counted; load average now ${os.loadavg()[0]!.toFixed(2)})`);
    console.log(`${received.rows[0]!.n} received in the database; ${failures.length} failed` + (failures.length ? ` (${[...new Set(failures)].slice(0, 3).join('; ')})` : ''));
    const figures: Figure[] = [
      { name: `submissions/s, ${atOnce} residents at once with a 1 MB attachment each (${bench.backend})`, unit: '/s', measured: rate, target: { atLeast: 50 } },
      { name: `submission request p99 at 50 submissions/s from ${atOnce} residents (form with its file, and submit) (${bench.backend})`, unit: 'ms', measured: percentile(paced.latencies, 99), target: { atMost: 500 } },
    ];
    report(figures);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await bench.dispose();
  }
}

if (process.argv.includes('--serve')) await serveRole('portal');
else await main();
