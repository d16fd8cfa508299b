// The month calendar under a full book (issue 7: "month calendar for a site with 10,000 future bookings: p99 ≤ 50 ms").
// A site with 20 places in each half-hour slot on weekdays gets 10,000 bookings over the next 60 days (stored as the
// booking path stores them: slot counters and reservation rows); then a portal process in a child answers next month's
// calendar, through the API (/api/v1/card/availability for the month) and as the resident's page
// (/card/reserve/apply/<site>?month=), to 4 clients at a time.
//
//   BENCH_BOOKINGS (default 10,000)  BENCH_REQUESTS (per address, default 1,000)  DATABASE_URL (else PGlite)
import fs from 'node:fs';
import os from 'node:os';
import type { Insertable } from 'kysely';
import { demoCity } from '../src/demo/demo-city.ts';
import { saveCardMasters, type Site } from '../src/modules/card/index.ts';
import { newReservationNumber } from '../src/modules/card/domain/reservation-number.ts';
import { availabilityBetween } from '../src/modules/card/reservations/availability.ts';
import type { Database, Db } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { addDays, type DayOfWeek, todayInJapan } from '../src/platform/text/date.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { openBenchDb } from './bench-db.ts';
import { RawHttpClient } from './raw-http.ts';
import { type Figure, report } from './report.ts';
import { portalNodeFlags, serveRole, startServer } from './serve-role.ts';

const bookings = Number(process.env.BENCH_BOOKINGS ?? 10_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 1_000);
const inFlight = 4;
const MC = demoCity.code;
const SITE = 'calendar';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const site: Site = {
  siteCode: SITE, nameJa: '負荷試験窓口', nameEn: 'Calendar bench site', address: '見本市', mapNoteJa: '', mapNoteEn: '', openWeekdays: [1, 2, 3, 4, 5],
  opensAt: '08:45', closesAt: '17:30', isSatellite: false, sortOrder: 99, active: true,
};

/** Next month, 'YYYY-MM', and its first and last days. */
function nextMonth(): { month: string; from: string; to: string } {
  const firstOfThis = `${todayInJapan().slice(0, 7)}-01`;
  const from = `${addDays(firstOfThis, 31).slice(0, 7)}-01`;
  return { month: from.slice(0, 7), from, to: addDays(`${addDays(from, 31).slice(0, 7)}-01`, -1) };
}

/** The masters, then `bookings` bookings spread evenly over the bookable slots of the next 60 days. */
async function setUp(db: Db): Promise<number> {
  await migrate(db);
  await loadDemoMunicipality(db);
  const today = todayInJapan();
  await saveCardMasters(db, MC, {
    sites: [site],
    types: [{ typeCode: 'apply', nameJa: '申請時来庁', nameEn: 'Applying', durationMinutes: 20, documentsJa: '', documentsEn: '', maxPeople: 4, sortOrder: 10, active: true, siteCodes: ['honcho', 'kita', 'ekimae', 'minami', SITE] }],
    templates: [1, 2, 3, 4, 5].map((weekday) => ({ siteCode: SITE, typeCode: 'apply', weekday: weekday as DayOfWeek, startTime: '09:00', endTime: '16:30', intervalMinutes: 30, capacity: 20, validFrom: today, validTo: null })),
  });
  const days = (await availabilityBetween(db.kysely, MC, SITE, 'apply', addDays(today, 2), addDays(today, 61), new Date())) ?? [];
  const slots = days.flatMap((d) => d.slots.map((s) => ({ date: d.date, startTime: s.startTime, endTime: s.endTime, capacity: s.capacity })));
  const per = Math.min(20, Math.ceil(bookings / slots.length));
  const numbers = new Set<string>();
  const rows: Array<Insertable<Database['card_reservation']>> = [];
  for (const s of slots) {
    for (let i = 0; i < per && rows.length < bookings; i++) {
      let number = newReservationNumber();
      while (numbers.has(number)) number = newReservationNumber();
      numbers.add(number);
      const n = rows.length;
      rows.push({
        municipality_code: MC, reservation_number: number, group_id: number, site_code: SITE, type_code: 'apply', slot_date: s.date, start_time: s.startTime,
        end_time: s.endTime, name: `見本 花子${n}`, kana: 'ミホン ハナコ', address: '見本市本町1-2-3', phone: `090${String(n).padStart(8, '0')}`,
        email: `cal${n}@example.jp`, birth_date: '1990-01-01', cancel_token_hash: '0'.repeat(64),
      });
    }
  }
  const bySlot = new Map<string, number>();
  for (const r of rows) bySlot.set(`${r.slot_date} ${r.start_time}`, (bySlot.get(`${r.slot_date} ${r.start_time}`) ?? 0) + 1);
  await db.transaction(async (tx) => {
    await tx.insertInto('card_slot').values(slots.filter((s) => bySlot.has(`${s.date} ${s.startTime}`)).map((s) => ({
      municipality_code: MC, site_code: SITE, type_code: 'apply', slot_date: s.date, start_time: s.startTime, end_time: s.endTime, capacity: s.capacity,
      booked: bySlot.get(`${s.date} ${s.startTime}`)!,
    }))).execute();
    for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('card_reservation').values(rows.slice(i, i + 1000)).execute();
  });
  return rows.length;
}

/** `requests` GETs of a path, `inFlight` at a time, after `warm` on their own; the times sorted. */
async function measure(client: RawHttpClient, path: string, warm: number): Promise<number[]> {
  const get = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html,application/json\r\n\r\n`, 'latin1');
  const once = async () => {
    const t = performance.now();
    const answer = await client.request(get);
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
    return performance.now() - t;
  };
  for (let i = 0; i < warm; i++) await once();
  if (warm > 0) return [];
  const times: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next++ < requests) times.push(await once());
  }));
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const bench = await openBenchDb();
  try {
    const stored = await setUp(bench.db);
    await bench.lend();
    const server = await startServer(import.meta.filename, bench.env, portalNodeFlags);
    const client = new RawHttpClient('127.0.0.1', server.port, inFlight);
    const cpuMs = server.cpuMs;
    const { month, from, to } = nextMonth();
    /** The times of the measured requests, and the server's CPU per request (warm-up included in neither). */
    const timed = async (path: string) => {
      await measure(client, path, 100);
      const before = await cpuMs();
      const times = await measure(client, path, 0);
      return { times, cpuPerRequest: ((await cpuMs()) - before) / requests };
    };
    const api = await timed(`/api/v1/card/availability?site=${SITE}&type=apply&from=${from}&to=${to}`);
    const page = await timed(`/card/reserve/apply/${SITE}?month=${month}`);
    client.close();
    await server.stop();

    const said = (r: { times: number[]; cpuPerRequest: number }) => `p50 ${percentile(r.times, 50).toFixed(1)} ms, p99 ${percentile(r.times, 99).toFixed(1)} ms, `
      + `max ${r.times.at(-1)?.toFixed(1)} ms; portal CPU ${r.cpuPerRequest.toFixed(2)} ms a request`;
    console.log(`${stored.toLocaleString('en')} future bookings at the site; month ${month}; ${requests} requests each, ${inFlight} in flight (${bench.backend})`);
    console.log(`API month availability: ${said(api)}`);
    console.log(`resident's month calendar page: ${said(page)}`);
    console.log(`load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (on ${os.cpus().length} cores)`);
    const figures: Figure[] = [
      { name: `month calendar p99 (API), site with ${stored.toLocaleString('en')} future bookings (${bench.backend})`, unit: 'ms', measured: percentile(api.times, 99), target: { atMost: 50 } },
      { name: `month calendar p99 (resident's page), site with ${stored.toLocaleString('en')} future bookings (${bench.backend})`, unit: 'ms', measured: percentile(page.times, 99), target: { atMost: 50 } },
    ];
    report(figures);
  } finally {
    await bench.dispose();
  }
}

if (process.argv.includes('--serve')) await serveRole('portal');
else await main();
