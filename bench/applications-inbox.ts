// The staff inbox (issue 5: "inbox list of 100,000 applications filtered and paged: p99 ≤ 100 ms"). Seeds 100,000
// submitted applications over the five shipped procedures (a year of submissions, every state, some assigned, some
// from ぴったりサービス), then asks the console's list page for a mix of filters and pages, one request after the other,
// as a clerk would over HTTP, and measures each answer whole.
//
//   BENCH_APPLICATIONS (default 100,000)  BENCH_REQUESTS (default 1,000)  DATABASE_URL (else PGlite)
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { demoCity } from '../src/demo/index.ts';
import { loadProcedureDir, shippedProceduresDir, systemLoader } from '../src/modules/applications/procedures.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/shell/app.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { staffWithRoles } from '../test/support/staff.ts';
import { openBenchDb } from './bench-db.ts';
import { report } from './report.ts';

const applications = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 1_000);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const bench = await openBenchDb();
try {
  const masterKey = newSecretKey();
  const config = { ...loadConfig({}, { ...process.env, ...bench.env }), masterKey, logLevel: 'info' as const };
  await migrate(bench.db);
  await loadDemoMunicipality(bench.db, { master: loadMasterKey(config) });
  await loadProcedureDir(bench.db, demoCity.code, shippedProceduresDir, systemLoader('bench'));
  let t = performance.now();
  // The states' shares roughly as a working inbox holds them: most done, a tail still open.
  await sql`
    insert into application (municipality_code, application_id, procedure_id, procedure_version, channel, state, receipt_number,
                             lang, field_values, copies, fee_yen, assigned_to, created_at, submitted_at, updated_at)
    select ${demoCity.code}, gen_random_uuid(), p.procedure_id, p.version,
           case when i % 20 = 0 then 'pittari' else 'portal' end,
           (array['received','under_review','returned','resubmitted','approved','rejected','completed','completed','completed','completed'])[1 + i % 10],
           lpad((100000000000 + i)::text, 12, '0'), 'ja',
           jsonb_build_object('name', '見本 太郎' || i, 'name_kana', 'ミホン タロウ', 'email', 'resident' || i || '@example.jp', 'phone', '06-1234-5678'),
           1, 0, case when i % 10 = 0 then 'bench.clerk' end,
           s.at, s.at, s.at
      from generate_series(1, ${applications}) as i
      cross join lateral (select now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second' as at) s
      join lateral (select procedure_id, max(version) as version from application_procedure
                     where municipality_code = ${demoCity.code} group by procedure_id order by procedure_id
                    offset (i % 5) limit 1) p on true`.execute(bench.db.kysely);
  await sql`vacuum analyze application`.execute(bench.db.kysely); // as autovacuum would: the counts read the index alone
  console.log(`seeded ${applications.toLocaleString('en')} applications on ${bench.backend} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const clerk = await staffWithRoles(bench.db, 'bench.clerk', [{ role: 'clerk' }]);
  const logStream = new Writable({ write: (_c, _e, done) => done() });
  const { app } = await buildApp({ config, db: bench.db, roles: ['console'], logStream });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/console/applications`;
  const filters = [
    '', '?state=received', '?procedure=tax-certificate', '?procedure=course-event&state=completed', '?assignee=me',
    '?assignee=unassigned&state=under_review', '?channel=pittari', `?from=${new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)}`,
    '?receipt=100000050000', '?procedure=water-open-close&state=returned&channel=portal',
  ];
  const latencies: number[] = [];
  let failed = 0;
  const get = async (url: string) => {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie: clerk.cookie } });
    const body = await res.text();
    if (res.status !== 200) failed++;
    return { ms: performance.now() - started, body };
  };
  for (let i = 0; i < 50; i++) await get(base + filters[i % filters.length]); // warm-up
  t = performance.now();
  for (let i = 0; latencies.length < requests; i++) {
    let url = base + filters[i % filters.length];
    // Every filter is paged through up to five pages by its "next" link, as a clerk working down the list does.
    for (let page = 0; page < 5 && latencies.length < requests; page++) {
      const { ms, body } = await get(url);
      latencies.push(ms);
      const next = /href="(\/console\/applications\?[^"]*after=[^"]+)"/.exec(body)?.[1];
      if (!next) break;
      url = `http://127.0.0.1:${new URL(base).port}${next.replaceAll('&amp;', '&')}`;
    }
  }
  const seconds = (performance.now() - t) / 1000;
  await app.close();
  latencies.sort((a, b) => a - b);
  console.log(`${requests} list requests in ${seconds.toFixed(1)} s: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms, ${failed} not 200`);
  report([
    { name: `inbox list of ${applications.toLocaleString('en')} applications, filtered and paged, p99 (${bench.backend})`, unit: 'ms', measured: percentile(latencies, 99), target: { atMost: 100 } },
  ]);
  if (failed > 0) process.exitCode = 1;
} finally {
  await bench.dispose();
}
