// Card issuance at Kobe's size (issue 8: "2-core machine, PostgreSQL, 120,000 cards with history"): the progress
// dashboard's counts and aging (p99 ≤ 100 ms), scanning one arrival (one barcode → the card updated, its history line
// and the audit event: p99 ≤ 30 ms) and a bulk step over 1,000 cards (≤ 2 s).
// The cards are seeded by one insert … select over generate_series across the four demo sites, 60 % issued and the
// rest spread over the statuses before and after, their status_since spread over a year; five history lines each
// (one insert … select). The figures are taken in process, through the same functions the console's routes call
// (statusCounts + dashboardLines; recordArrivals; takeBulkStep), so they leave out HTTP and the session check.
//
//   BENCH_CARDS (default 120,000)  BENCH_REQUESTS (dashboard and scans measured, default 300)  DATABASE_URL (else PGlite)
import { sql } from 'kysely';
import { demoCity } from '../src/demo/demo-city.ts';
import { recordArrivals } from '../src/modules/card/issuance/arrival.ts';
import { takeBulkStep } from '../src/modules/card/issuance/transition.ts';
import { dashboardLines, defaultWaitingDays } from '../src/modules/card/progress/aging.ts';
import { statusCounts } from '../src/modules/card/progress/store.ts';
import type { AuditActor } from '../src/platform/audit/index.ts';
import type { Db } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { openBenchDb } from './bench-db.ts';
import { type Figure, report } from './report.ts';

const cards = Number(process.env.BENCH_CARDS ?? 120_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 300);
const bulkSize = 1000;
const MC = demoCity.code;
const clerk: AuditActor = { userId: 'bench.clerk', userName: '負荷試験 職員', department: '市民課' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** The status of the i-th card, by i mod 100: 60 % issued, the rest over the lifecycle (5 % applied to J-LIS, 10 % arrived …). */
const statusOf = sql`case
  when i % 100 < 60 then 'issued' when i % 100 < 65 then 'received' when i % 100 < 70 then 'applied_to_jlis' when i % 100 < 80 then 'arrived'
  when i % 100 < 85 then 'prepared' when i % 100 < 93 then 'notice_sent' when i % 100 < 95 then 'mailed' when i % 100 = 95 then 'returned'
  when i % 100 = 96 then 'cancelled' when i % 100 = 97 then 'revoked' when i % 100 = 98 then 'disposed' else 'reissue_requested' end`;

/** The cards and their history, each in one statement; the time each took (the 交付通知書番号 drawn by the trigger). */
async function seed(db: Db): Promise<{ cardsMs: number; historyMs: number }> {
  await migrate(db);
  await loadDemoMunicipality(db);
  let t = performance.now();
  await sql`
    insert into card_record (municipality_code, applicant_id, applicant_id_display, name, address, birth_date, gender, status, status_since, received_on,
      reception_method, visit_method, issue_kind, application_site_code, issuing_site_code, storage_site_code, management_started_on, notice_sent_on,
      issued_on, issue_completed, disposed_on, disposal_reason, fee_required, fee_amount, collected_on, collection_category)
    select ${MC}, id, id, '見本 花子', '大阪府見本市本町1-2-3', date '1950-01-01' + (i % 20000), case when i % 2 = 0 then 'female' else 'male' end, status, since,
      (since - interval '40 days')::date, 'counter', 'at_pickup', case i % 10 when 0 then 'reissue' when 1 then 'renewal' else 'new' end, site, site, site,
      case when status not in ('received', 'applied_to_jlis') then (since - interval '10 days')::date end,
      case when status in ('notice_sent', 'returned', 'issued') then (since - interval '5 days')::date end,
      case when status in ('issued', 'revoked') then since::date end, status in ('issued', 'revoked'),
      case when status = 'disposed' then since::date end, case when status = 'disposed' then '受取期限経過' end,
      i % 10 = 0, case when i % 10 = 0 then 1000 else 0 end, case when i % 10 = 0 and status = 'issued' then since::date end,
      case when i % 10 = 0 and status = 'issued' then (case when i % 20 = 0 then 'cash' else 'cashless' end) end
    from (
      select i, '2' || lpad(i::text, 22, '0') as id, (array['honcho', 'kita', 'ekimae', 'minami'])[1 + i % 4] as site, ${statusOf} as status,
        now() - make_interval(secs => (i * 7919) % 31536000) as since
      from generate_series(1, ${cards}) as i
    ) c`.execute(db.kysely);
  const cardsMs = performance.now() - t;
  t = performance.now();
  await sql`
    insert into card_history (municipality_code, applicant_id, step, from_status, to_status, changed_by, changed_at)
    select municipality_code, applicant_id, (array['register', 'apply_to_jlis', 'arrive', 'prepare', 'send_notice'])[g], null, status, 'bench', status_since
    from card_record cross join generate_series(1, 5) as g where municipality_code = ${MC}`.execute(db.kysely);
  const historyMs = performance.now() - t;
  await sql`vacuum analyze card_record`.execute(db.kysely);
  await sql`vacuum analyze card_history`.execute(db.kysely);
  return { cardsMs, historyMs };
}

/** The applicant IDs of `n` cards in a status, the i-th of each site in turn. */
async function idsIn(db: Db, status: string, n: number, offset = 0): Promise<string[]> {
  const rows = await db.kysely.selectFrom('card_record').select('applicant_id').where('municipality_code', '=', MC).where('status', '=', status)
    .orderBy('applicant_id').offset(offset).limit(n).execute();
  return rows.map((r) => r.applicant_id);
}

/** Runs `once` for each item, after `warm` unmeasured runs; the times sorted. */
async function timeEach<T>(items: readonly T[], warm: number, once: (item: T) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const [i, item] of items.entries()) {
    const t = performance.now();
    await once(item);
    if (i >= warm) times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const bench = await openBenchDb();
  try {
    const { db } = bench;
    const setup = await seed(db);
    console.log(`${cards.toLocaleString('en')} cards in ${(setup.cardsMs / 1000).toFixed(1)} s, ${(cards * 5).toLocaleString('en')} history lines in ${(setup.historyMs / 1000).toFixed(1)} s (${bench.backend})`);

    const dashboard = await timeEach(Array.from({ length: requests + 10 }, (_, i) => i), 10, async () =>
      dashboardLines(await statusCounts(db.kysely, MC, { scope: undefined }, defaultWaitingDays, new Date())));
    const satellite = await timeEach(Array.from({ length: requests + 10 }, (_, i) => i), 10, async () =>
      dashboardLines(await statusCounts(db.kysely, MC, { scope: ['kita'] }, defaultWaitingDays, new Date())));

    const toScan = await idsIn(db, 'applied_to_jlis', requests + 10);
    const scans = await timeEach(toScan, 10, async (id) => {
      const [answer] = await recordArrivals(db, MC, [id], { actor: clerk });
      if (answer?.result !== 'arrived') throw new Error(`scan of ${id}: ${answer?.result}`);
    });

    const bulk: number[] = [];
    for (let round = 0; round < 3; round++) {
      const ids = await idsIn(db, 'arrived', bulkSize, round * bulkSize);
      if (ids.length === 0) break;
      const t = performance.now();
      const moved = await takeBulkStep(db, { municipalityCode: MC, step: 'prepare', applicantIds: ids, comment: '一括 交付前設定' }, { actor: clerk });
      bulk.push(performance.now() - t);
      if (moved.length !== ids.length) throw new Error(`bulk step moved ${moved.length} of ${ids.length}`);
      if (ids.length < bulkSize) console.log(`only ${ids.length} arrived cards for round ${round + 1} (BENCH_CARDS too small for bulks of ${bulkSize})`);
    }
    bulk.sort((a, b) => a - b);

    const said = (times: number[]) => `p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms`;
    console.log(`dashboard, every site: ${said(dashboard)}; one site (kita): ${said(satellite)}`);
    console.log(`arrival scan: ${said(scans)}`);
    console.log(`bulk 交付前設定 of ${bulkSize}: ${bulk.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
    const size = `${cards.toLocaleString('en')} cards with history (${bench.backend})`;
    const figures: Figure[] = [
      { name: `progress dashboard counts and aging p99, every site, ${size}`, unit: 'ms', measured: percentile(dashboard, 99), target: { atMost: 100 } },
      { name: `arrival scan (card + history + audit) p99, ${size}`, unit: 'ms', measured: percentile(scans, 99), target: { atMost: 30 } },
      { name: `bulk step of ${bulkSize.toLocaleString('en')} cards (slowest of 3), ${size}`, unit: 'ms', measured: bulk.at(-1)!, target: { atMost: 2000 } },
    ];
    report(figures);
  } finally {
    await bench.dispose();
  }
}

await main();
