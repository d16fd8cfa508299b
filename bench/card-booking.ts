// Card reservations under a rush (issue 7: "2,000 booking attempts from 200 concurrent clients over HTTP against 50
// slots: zero overbooking, ≥ 300 successful bookings/s, p99 ≤ 200 ms"). The portal runs in child processes as
// `madoguchi serve --role portal` builds it, behind which this process plays 200 clients of the booking API, each from
// its own address (sent as X-Forwarded-For, the portal trusting 127.0.0.1 as its proxy, so the per-address limit
// applies to each client as it would in production). Every attempt is a different person with an Idempotency-Key, for
// one of 50 slots chosen at random. The slots have as many places in all as there are attempts (40 each), so where
// chance sends more than 40 to a slot the rest are told 満席 — while the others take every place they are offered.
// Afterwards every slot's counter is compared with its capacity and with the reservations stored.
//
//   BENCH_CLIENTS (default 200)  BENCH_ATTEMPTS (default 2,000)  BENCH_SLOT_CAPACITY (default 40: 2,000 places)
//   BENCH_PORTAL_PROCESSES (default 2, one per core)  BENCH_PACED_RATE (attempts/s offered in the latency run, default 300)
//   DATABASE_URL (else PGlite)
//   BENCH_SERVER_PROFILE=DIR writes the portal's CPU profiles there (open them in Chrome's DevTools)
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { demoCity } from '../src/demo/demo-city.ts';
import { saveCardMasters, type Site } from '../src/modules/card/index.ts';
import { addOpenOverride } from '../src/modules/card/reservations/store.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { addDays, dayOfWeek, todayInJapan } from '../src/platform/text/date.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { openBenchDb } from './bench-db.ts';
import { jsonPost, RawHttpClient } from './raw-http.ts';
import { type Figure, report } from './report.ts';
import { portalNodeFlags, postgresCpuMs, serveRole, startServer, withAppName } from './serve-role.ts';

const clientsAtOnce = Number(process.env.BENCH_CLIENTS ?? 200);
const attempts = Number(process.env.BENCH_ATTEMPTS ?? 2_000);
const capacity = Number(process.env.BENCH_SLOT_CAPACITY ?? 40);
const portalProcesses = Number(process.env.BENCH_PORTAL_PROCESSES ?? 2);
const pacedRate = Number(process.env.BENCH_PACED_RATE ?? 300);
const SLOTS = 50;
const MC = demoCity.code;

const APP_NAME = 'madoguchi-bench-card';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** The rush's day, a week ahead (opened by an override whatever it is), and its 50 ten-minute slots from 08:00. */
const day = addDays(todayInJapan(), 7);
const slotTimes = Array.from({ length: SLOTS }, (_, i) => `${String(8 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`);

const benchSite: Site = {
  siteCode: 'bench', nameJa: '負荷試験窓口', nameEn: 'Bench site', address: '見本市', mapNoteJa: '', mapNoteEn: '', openWeekdays: [0, 1, 2, 3, 4, 5, 6],
  opensAt: '08:00', closesAt: '17:00', isSatellite: true, sortOrder: 99, active: true,
};

async function setUp(db: Parameters<typeof migrate>[0]): Promise<void> {
  await migrate(db);
  await loadDemoMunicipality(db);
  const template = { siteCode: 'bench', weekday: dayOfWeek(day), startTime: '08:00', endTime: '16:20', intervalMinutes: 10, validFrom: day, validTo: day };
  await saveCardMasters(db, MC, {
    sites: [benchSite],
    types: ['rush', 'paced', 'warm'].map((typeCode, i) => ({
      typeCode, nameJa: typeCode, nameEn: typeCode, durationMinutes: 10, documentsJa: '', documentsEn: '', maxPeople: 1, sortOrder: 90 + i, active: true, siteCodes: ['bench'],
    })),
    templates: [{ ...template, typeCode: 'rush', capacity }, { ...template, typeCode: 'paced', capacity }, { ...template, typeCode: 'warm', capacity: 1000 }],
  });
  await addOpenOverride(db.kysely, MC, 'bench', day, 'bench');
}

/** One person's booking body; i makes the person (phone, email) unique. */
const body = (type: string, i: number) => JSON.stringify({
  site: 'bench', type, date: day, startTime: slotTimes[Math.floor(Math.random() * SLOTS)],
  applicant: { name: `見本 花子${i}`, kana: 'ミホン ハナコ', address: '大阪府見本市本町1-2-3', phone: `090${String(i).padStart(8, '0')}`, email: `rush${i}@example.jp`, birthDate: '1990-01-01' },
});

type Outcome = { ms: number; status: number; code: string };

async function attempt(client: RawHttpClient, clientIndex: number, type: string, i: number): Promise<Outcome> {
  const url = new URL('http://127.0.0.1/api/v1/card/reservations');
  const headers = { 'X-Forwarded-For': `10.${Math.floor(clientIndex / 250)}.${clientIndex % 250}.${type === 'warm' ? 1 : 2}`, 'Idempotency-Key': `bench-${type}-${i}-${process.pid}` };
  const t = performance.now();
  const answer = await client.request(jsonPost(url, headers, body(type, i)));
  const ms = performance.now() - t;
  const code = answer.status === 201 ? 'booked' : (/"code":"([a-z_]+)"/.exec(answer.body.toString('utf8'))?.[1] ?? `http ${answer.status}`);
  return { ms, status: answer.status, code };
}

/**
 * `total` attempts from `atOnce` clients, each with its own address and keep-alive connection: back to back, or paced
 * so that together they offer `perSecond` attempts a second (each client starting staggered, then one every
 * atOnce / perSecond seconds), which is what a latency figure at a given rate needs.
 */
async function rush(clients: readonly RawHttpClient[], type: string, atOnce: number, total: number, offset: number, perSecond?: number) {
  const outcomes: Outcome[] = [];
  let next = 0;
  const started = performance.now();
  const everyMs = perSecond ? (atOnce / perSecond) * 1000 : 0;
  await Promise.all(Array.from({ length: atOnce }, async (_, c) => {
    let due = started + (perSecond ? (c * everyMs) / atOnce : 0);
    for (let i = next++; i < total; i = next++) {
      if (perSecond) await sleep(Math.max(0, due - performance.now()));
      outcomes.push(await attempt(clients[c % clients.length]!, c, type, offset + i));
      due += everyMs;
    }
  }));
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const bench = await openBenchDb();
  try {
    await setUp(bench.db);
    await bench.lend();
    const servers = await Promise.all(Array.from({ length: portalProcesses }, async () => {
      const server = await startServer(import.meta.filename, {
        ...bench.env, ...withAppName(bench.env, APP_NAME), MADOGUCHI_TRUSTED_PROXIES: '127.0.0.1', MADOGUCHI_DB_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '10',
      }, portalNodeFlags);
      return { ...server, client: new RawHttpClient('127.0.0.1', server.port, clientsAtOnce) };
    }));
    const clients = servers.map((s) => s.client);

    // Warm-up on another type of the same site and day (its places are plenty), so the rush meets compiled code.
    await rush(clients, 'warm', 50, 600, 1_000_000);
    const serverCpu = async () => (await Promise.all(servers.map((s) => s.cpuMs()))).reduce((a, b) => a + b, 0);
    const [serverBefore, pgBefore] = [await serverCpu(), await postgresCpuMs(APP_NAME)];
    const { outcomes, seconds } = await rush(clients, 'rush', clientsAtOnce, attempts, 0);
    const [serverMs, pgMs] = [(await serverCpu()) - serverBefore, (await postgresCpuMs(APP_NAME)) - pgBefore];
    // The same again on fresh slots, offered at the target rate, for the latency at that rate.
    const paced = await rush(clients, 'paced', clientsAtOnce, attempts, 2_000_000, pacedRate);
    const pacedLatencies = paced.outcomes.map((o) => o.ms).sort((a, b) => a - b);

    for (const s of servers) {
      s.client.close();
      await s.stop();
    }
    const db = await bench.reopen();
    const { rows } = await sql<{ type_code: string; capacity: number; booked: number; stored: number }>`
      select s.type_code, s.capacity, s.booked,
        (select count(*)::int from card_reservation r where r.municipality_code = s.municipality_code and r.site_code = s.site_code
          and r.type_code = s.type_code and r.slot_date = s.slot_date and r.start_time = s.start_time and r.status = 'booked') as stored
      from card_slot s where s.municipality_code = ${MC} and s.site_code = 'bench' and s.type_code in ('rush', 'paced') and s.slot_date = ${day}`.execute(db.kysely);
    const overbooked = rows.reduce((n, r) => n + Math.max(0, r.stored - r.capacity), 0);
    const mismatched = rows.filter((r) => r.stored !== r.booked).length;

    const tally = new Map<string, number>();
    for (const o of [...outcomes, ...paced.outcomes]) tally.set(o.code, (tally.get(o.code) ?? 0) + 1);
    const booked = outcomes.filter((o) => o.code === 'booked').length;
    const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const bookedLatencies = outcomes.filter((o) => o.code === 'booked').map((o) => o.ms).sort((a, b) => a - b);
    console.log(`${attempts} attempts from ${clientsAtOnce} clients on ${SLOTS} slots of ${capacity} places (${SLOTS * capacity} places) in ${seconds.toFixed(2)} s over ${portalProcesses} portal processes (${bench.backend})`);
    console.log(`answers (both runs): ${[...tally].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`paced run: ${attempts} attempts offered at ${pacedRate}/s took ${paced.seconds.toFixed(2)} s; attempt latency p50 ${percentile(pacedLatencies, 50).toFixed(1)} ms, p99 ${percentile(pacedLatencies, 99).toFixed(1)} ms`);
    console.log(`capacity run: attempt latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms; successful bookings p99 ${percentile(bookedLatencies, 99).toFixed(1)} ms`);
    console.log(`CPU per attempt: portal ${(serverMs / attempts).toFixed(2)} ms, PostgreSQL ${(pgMs / attempts).toFixed(2)} ms `
      + `(two idle cores would take ${Math.round((2000 * attempts) / (serverMs + pgMs))} attempts/s at that cost; load average now ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
    console.log(`slots: ${rows.length}, places booked ${rows.reduce((n, r) => n + r.booked, 0)}, reservations stored ${rows.reduce((n, r) => n + r.stored, 0)}, counters differing from rows ${mismatched}`);
    const figures: Figure[] = [
      { name: `overbooked places after ${attempts} attempts on ${SLOTS} slots (${bench.backend})`, unit: 'places', measured: overbooked + mismatched, target: { atMost: 0 } },
      { name: `successful bookings/s, ${clientsAtOnce} concurrent clients over HTTP (${bench.backend})`, unit: '/s', measured: booked / seconds, target: { atLeast: 300 } },
      { name: `booking attempt p99 at ${pacedRate} attempts/s from ${clientsAtOnce} clients (${bench.backend})`, unit: 'ms', measured: percentile(pacedLatencies, 99), target: { atMost: 200 } },
    ];
    report(figures);
    const unexpected = [...tally.keys()].filter((k) => k !== 'booked' && k !== 'card_slot_full');
    const counted = rows.reduce((n, r) => n + r.booked, 0);
    const answeredBooked = tally.get('booked') ?? 0;
    if (unexpected.length > 0 || answeredBooked !== counted) {
      console.error(`unexpected: ${unexpected.join(', ') || `${answeredBooked} answered booked, ${counted} places counted`}`);
      process.exitCode = 1;
    }
  } finally {
    await bench.dispose();
  }
}

if (process.argv.includes('--serve')) await serveRole('portal');
else await main();
