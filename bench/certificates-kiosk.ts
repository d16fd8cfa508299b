// The kiosk API end to end (issue 6: "kiosk request end to end over HTTP, PostgreSQL, 20 concurrent requests: p99 ≤
// 300 ms"). This process generates the demo city's tax records, imports them and a serial mapping through the real
// imports, registers a kiosk client; then runs the issuance role in child processes as `madoguchi serve --role
// issuance` builds it (one per core, as behind a reverse proxy) and keeps 20 requests in flight: look up the serial,
// apply the refusal rules, lay out, sign, draw the PDF with its font subset, record the issuance and its audit event,
// answer the PDF. Latency is from sending a request to its last byte back.
//
//   BENCH_RESIDENTS (default 3,000)  BENCH_REQUESTS (2,000)  BENCH_AT_ONCE (20)  BENCH_ISSUANCE_PROCESSES (2)
//   DATABASE_URL (else PGlite)  BENCH_SERVER_PROFILE=DIR writes the servers' CPU profiles there
//   BENCH_NODE_FLAGS (default --max-semi-space-size=64, as the README advises for the issuance role: each PDF leaves
//   about a megabyte of short-lived garbage, and a larger young generation collects it in fewer pauses)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { demoCity, generateDemoData } from '../src/demo/index.ts';
import { kioskFiscalYear } from '../src/modules/certificates/domain/kiosk-year.ts';
import { registerKioskClient } from '../src/modules/certificates/kiosk/clients.ts';
import { importSerials, importTaxRecords } from '../src/modules/certificates/tax/index.ts';
import { cliActor } from '../src/platform/auth/audit.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { todayInJapan } from '../src/platform/text/index.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { openBenchDb } from './bench-db.ts';
import { jsonPost, RawHttpClient } from './raw-http.ts';
import { type Figure, report } from './report.ts';
import { portalNodeFlags, serveRole, startServer } from './serve-role.ts';

const residentsCount = Number(process.env.BENCH_RESIDENTS ?? 3_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 2_000);
const atOnce = Number(process.env.BENCH_AT_ONCE ?? 20);
const processes = Number(process.env.BENCH_ISSUANCE_PROCESSES ?? 2);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function main(): Promise<void> {
  const bench = await openBenchDb();
  const masterKey = newSecretKey();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-tax-'));
  const year = kioskFiscalYear(todayInJapan(), '06-01');
  try {
    await migrate(bench.db);
    await loadDemoMunicipality(bench.db, { master: loadMasterKey({ ...loadConfig({}, {}), masterKey }) });
    await generateDemoData({ residents: residentsCount, seed: 6, outDir: dir, municipality: demoCity, baseFiscalYear: year, workers: 0 });
    const file = path.join(dir, 'tax-records.csv');
    await importTaxRecords({ db: bench.db, municipalityCode: demoCity.code, source: file, actor: cliActor });
    // Everyone the kiosk would serve this year: resident, filed, printable, no support measure, not moved in today.
    const rows = parse<Record<string, string>>(fs.readFileSync(file), { columns: true }).filter((r) =>
      Number(r['課税年度']) === year && r['住民状態'] === '住民' && r['申告区分'] !== '未申告' && r['支援措置'] === '0' && r['外字'] === '0' && r['住民となった日'] !== todayInJapan());
    const serialOf = (residentNumber: string) => `BENCH${residentNumber}`;
    fs.writeFileSync(path.join(dir, 'serials.csv'), `住記個人番号,シリアル番号\r\n${rows.map((r) => `${r['住記個人番号']},${serialOf(r['住記個人番号']!)}`).join('\r\n')}\r\n`);
    await importSerials({ db: bench.db, municipalityCode: demoCity.code, source: path.join(dir, 'serials.csv'), actor: cliActor });
    const { token } = await registerKioskClient(bench.db, { municipalityCode: demoCity.code, name: 'bench issuance center' }, cliActor);
    const bodies = rows.map((r) => ({ serialNumber: serialOf(r['住記個人番号']!), certificateType: r['課税区分'] === '非課税' ? 'non_taxation' : 'taxation', fiscalYear: year, copies: 1 }));
    await bench.lend();

    const servers = await Promise.all(Array.from({ length: processes }, async () => {
      const server = await startServer(import.meta.filename, { ...bench.env, MADOGUCHI_MASTER_KEY: masterKey.export().toString('base64'), MADOGUCHI_DB_POOL_SIZE: '5' },
        portalNodeFlags);
      const port = server.port;
      return { ...server, url: new URL(`http://127.0.0.1:${port}/api/v1/kiosk/certificates`), client: new RawHttpClient('127.0.0.1', port, atOnce) };
    }));

    let sent = 0;
    // Each request goes to the server with the fewest in flight, as a reverse proxy balancing by least connections does.
    const inFlight = servers.map(() => 0);
    const call = async (i: number) => {
      const s = inFlight.indexOf(Math.min(...inFlight));
      const server = servers[s]!;
      const body = JSON.stringify({ ...bodies[i % bodies.length], requestId: `BENCH-${i}` });
      const t = performance.now();
      inFlight[s]! += 1;
      const answer = await server.client.request(jsonPost(server.url, { Authorization: `Bearer ${token}` }, body)).finally(() => (inFlight[s]! -= 1));
      return { ms: performance.now() - t, status: answer.status, bytes: answer.body.length };
    };
    const run = async (count: number) => {
      const latencies: number[] = [];
      const statuses: Record<string, number> = {};
      let bytes = 0;
      const end = sent + count;
      const started = performance.now();
      await Promise.all(Array.from({ length: atOnce }, async () => {
        for (let i = sent++; i < end; i = sent++) {
          const r = await call(i);
          latencies.push(r.ms);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          bytes += r.bytes;
        }
      }));
      sent = end;
      return { latencies: latencies.sort((a, b) => a - b), statuses, seconds: (performance.now() - started) / 1000, meanBytes: bytes / count };
    };
    await run(200); // warm-up: the measured requests meet compiled code and a parsed font
    const measured = await run(requests);
    for (const s of servers) {
      s.client.close();
      await s.stop();
    }
    const db = await bench.reopen();
    const issued = await sql<{ n: number }>`select count(*)::int as n from certificate_issuance where channel = 'kiosk'`.execute(db.kysely);
    console.log(`${requests} kiosk requests, ${atOnce} in flight, over ${processes} issuance processes: ${(requests / measured.seconds).toFixed(1)}/s, ` +
      `p50 ${percentile(measured.latencies, 50).toFixed(0)} ms, p99 ${percentile(measured.latencies, 99).toFixed(0)} ms, answers ${JSON.stringify(measured.statuses)}, ` +
      `mean PDF ${(measured.meanBytes / 1024).toFixed(1)} KB; ${issued.rows[0]!.n} issuances recorded, no PDF kept`);
    const figures: Figure[] = [
      { name: `kiosk request end to end over HTTP, ${atOnce} concurrent, p99 (${bench.backend})`, unit: 'ms', measured: percentile(measured.latencies, 99), target: { atMost: 300 } },
    ];
    report(figures);
    if ((measured.statuses['200'] ?? 0) !== requests) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await bench.dispose();
  }
}

if (process.argv.includes('--serve')) await serveRole('issuance');
else await main();
