// The hand-over export (issue 5: "export of 10,000 applications: ≤ 15 s"). Seeds 10,000 approved 所得・課税証明書
// applications, each with one identity document (a 30 KB image, stored encrypted as the portal stores it), then a
// clerk downloads the hand-over bundle through the console's route: CSV + attachments + manifest, with the
// applications marked handed over and the export audited. Measured from the request to the last byte of the ZIP.
//
//   BENCH_APPLICATIONS (default 10,000)  BENCH_ATTACHMENT_KB (default 30)  DATABASE_URL (else PGlite)
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { demoCity } from '../src/demo/index.ts';
import { saveAttachment } from '../src/modules/applications/attachments/index.ts';
import { loadProcedureDir, shippedProceduresDir, systemLoader } from '../src/modules/applications/procedures.ts';
import { loadConfig } from '../src/platform/config.ts';
import { fieldCipher, loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { encryptedFiles } from '../src/platform/files/index.ts';
import { buildApp } from '../src/shell/app.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { staffWithRoles } from '../test/support/staff.ts';
import { openBenchDb } from './bench-db.ts';
import { report } from './report.ts';

const applications = Number(process.env.BENCH_APPLICATIONS ?? 10_000);
const attachmentBytes = Number(process.env.BENCH_ATTACHMENT_KB ?? 30) * 1024;
const BATCH = 500;

// A JPEG as far as the checks go: its signature, then bytes that do not compress (as a photo's do not).
const photo = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(attachmentBytes - 6), Buffer.from([0xff, 0xd9])]);

const bench = await openBenchDb();
try {
  const masterKey = newSecretKey();
  const config = { ...loadConfig({}, { ...process.env, ...bench.env }), masterKey, logLevel: 'info' as const };
  const master = loadMasterKey(config);
  await migrate(bench.db);
  await loadDemoMunicipality(bench.db, { master });
  await loadProcedureDir(bench.db, demoCity.code, shippedProceduresDir, systemLoader('bench'));
  const cipher = await fieldCipher(bench.db, master, demoCity.code);
  const files = encryptedFiles(config.filesDir);
  let t = performance.now();
  const ids = await sql<{ application_id: string }>`
    insert into application (municipality_code, application_id, procedure_id, procedure_version, channel, state, receipt_number,
                             lang, field_values, copies, fee_yen, created_at, submitted_at, updated_at)
    select ${demoCity.code}, gen_random_uuid(), 'tax-certificate', (select max(version) from application_procedure where procedure_id = 'tax-certificate'),
           'portal', 'approved', lpad((100000000000 + i)::text, 12, '0'), 'ja',
           jsonb_build_object('name', '見本 太郎' || i, 'name_kana', 'ミホン タロウ', 'birth_date', '1980-04-01', 'postal_code', '5999901',
                              'address', '大阪府見本市本町一丁目' || i || '番', 'phone', '06-1234-5678', 'email', 'resident' || i || '@example.jp',
                              'fiscal_year', 2025, 'certificate_kind', 'taxation', 'copies', 1),
           1, 300, now() - interval '1 day', now() - interval '1 day', now()
      from generate_series(1, ${applications}) as i
    returning application_id`.execute(bench.db.kysely);
  for (let i = 0; i < ids.rows.length; i += BATCH) {
    await bench.db.transaction(async (tx) => {
      for (const { application_id } of ids.rows.slice(i, i + BATCH)) {
        const content = photo();
        await saveAttachment(tx, cipher, files, {
          municipalityCode: demoCity.code, applicationId: application_id, fieldId: 'identity_document', fileName: '運転免許証.jpg',
          mediaType: 'image/jpeg', sha256: createHash('sha256').update(content).digest('hex'), scanResult: 'not_scanned', content,
        });
      }
    });
  }
  await sql`vacuum analyze application`.execute(bench.db.kysely).catch(() => undefined);
  console.log(`seeded ${applications.toLocaleString('en')} applications with a ${attachmentBytes / 1024} KB attachment each on ${bench.backend} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const clerk = await staffWithRoles(bench.db, 'bench.clerk', [{ role: 'clerk' }]);
  // The server's log goes nowhere (as to a file nobody reads), unless BENCH_LOG=1 asks for it on stderr.
  const logStream = process.env.BENCH_LOG ? process.stderr : new Writable({ write: (_c, _e, done) => done() });
  const { app } = await buildApp({ config, db: bench.db, roles: ['console'], logStream });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const form = new URLSearchParams({ csrf: clerk.csrf, procedureId: 'tax-certificate', from: day, to: today, encoding: 'sjis', states: 'approved' });
  t = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/console/applications/handover`, {
    method: 'POST', body: form, headers: { cookie: clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  let bytes = 0;
  for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
  const seconds = (performance.now() - t) / 1000;
  const marked = await sql<{ n: number }>`select count(*)::int as n from application where handover_id is not null`.execute(bench.db.kysely);
  await app.close();
  console.log(`status ${res.status}, ${(bytes / 1e6).toFixed(0)} MB zip, ${marked.rows[0]!.n.toLocaleString('en')} applications marked handed over, in ${seconds.toFixed(2)} s`);
  if (res.status !== 200 || marked.rows[0]!.n !== applications) process.exitCode = 1;
  report([{ name: `hand-over export of ${applications.toLocaleString('en')} applications (CSV in Shift_JIS + ${attachmentBytes / 1024} KB attachment each), ${bench.backend}`, unit: 's', measured: seconds, target: { atMost: 15 } }]);
} finally {
  await bench.dispose();
}
