// A payment batch of 100,000 transfers written as a 全銀 総合振込 file (issue 9: ≤ 10 s on PostgreSQL). The ledger is
// seeded in SQL with decided targets and each person's account registered through the accounts slice (the number
// encrypted per field); then a clerk prepares the batch (the accounts decrypted, each item's snapshot encrypted and
// written) and an officer approves it (the items read, their numbers decrypted, the file written and hashed). The
// figure is the two together; each half, the file written again on download, and the CPU time are printed too.
//
//   BENCH_TRANSFERS (default 100,000)  DATABASE_URL (else PGlite)
import os from 'node:os';
import { sql } from 'kysely';
import { demoCity } from '../src/demo/index.ts';
import { checkAccount } from '../src/modules/benefits/accounts/domain/account.ts';
import { saveAccounts } from '../src/modules/benefits/accounts/store.ts';
import { approveBatch, batchFile, prepareBatch } from '../src/modules/benefits/payments/batch.ts';
import { savePaymentSettings } from '../src/modules/benefits/payments/store.ts';
import { parseTransferFile } from '../src/modules/benefits/zengin/parser.ts';
import { loadConfig } from '../src/platform/config.ts';
import { fieldCipher, loadMasterKey, newSecretKey } from '../src/platform/crypto/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { addDays, dayOfWeek, isHoliday, todayInJapan } from '../src/platform/text/index.ts';
import { loadDemoMunicipality } from '../src/shell/demo.ts';
import { openBenchDb } from './bench-db.ts';
import { report } from './report.ts';

const transfers = Number(process.env.BENCH_TRANSFERS ?? 100_000);
const MC = demoCity.code;
const programmeId = 'adjustment-2024';
const seconds = (from: number) => (performance.now() - from) / 1000;

/** The accounts people have: a few banks and branches, holders with voiced and small kana, numbers by person. */
const templates = [
  ['0001', '001', 'ヤマダ タロウ'], ['0005', '001', 'スズキ ハナコ'], ['0009', '001', 'ヴァン パク'], ['0001', '001', 'キョウコ シャッフル'], ['0005', '001', 'タナカ ジロウ'],
].map(([bankCode, branchCode, holderName]) => {
  const checked = checkAccount({ bankCode: bankCode!, branchCode: branchCode!, accountType: '普通', accountNumber: '1', holderName: holderName! });
  if (!checked.ok) throw new Error(`bench account ${bankCode}-${branchCode}: ${JSON.stringify(checked.errors)}`);
  return checked.account;
});

let transferDate = addDays(todayInJapan(), 1);
while (dayOfWeek(transferDate) === 0 || dayOfWeek(transferDate) === 6 || isHoliday(transferDate) || transferDate.slice(5) === '12-31' || transferDate.slice(5) <= '01-03') transferDate = addDays(transferDate, 1);

const bench = await openBenchDb();
try {
  const config = { ...loadConfig({}, { ...process.env, ...bench.env }), masterKey: newSecretKey() };
  const { db } = bench;
  await migrate(db);
  const master = loadMasterKey(config);
  await loadDemoMunicipality(db, { master });
  const cipher = await fieldCipher(db, master, MC);
  await savePaymentSettings(db.kysely, MC, { requesterCode: '0000012345', requesterName: 'ミホンシ', bankCode: '0009', branchCode: '001', accountType: '1', accountNumber: '1234567', paymentNote: '' }, 'bench');
  let t = performance.now();
  await sql`
    insert into benefit_taxpayer (municipality_code, programme_id, resident_number, addressee_number, integrated_number, name, name_kana, birth_date,
      sex, postal_code, address, fiscal_year, total_income, estimated_income_tax, resident_income_levy, spouse_class, spouse_abroad,
      spouse_business_employee, dependants_domestic, dependants_abroad, family_employees, relatives, status)
    select ${MC}, ${programmeId}, (1000000000 + i)::text, (1000000000 + i)::text, (279994100000000 + i)::text, '見本 太郎', 'ミホン タロウ', date '1960-01-01' + (i % 9000),
      '男', '599-0001', '大阪府見本市本町1-1', 2024, 3000000, 0, 0, '', false, false, 0, 0, 0, '[]'::jsonb, '住民'
    from generate_series(1, ${transfers}) as i`.execute(db.kysely);
  await sql`
    insert into benefit_target (municipality_code, programme_id, resident_number, rule_version, state, eligible, amount, count_income_tax,
      count_resident_tax, income_tax_shortfall, resident_tax_shortfall, explanation)
    select municipality_code, programme_id, resident_number, 'adjustment-2024.1', 'decided', true, 10000 * (1 + resident_number::bigint % 9), 1, 1,
      10000 * (1 + resident_number::bigint % 9), 0, '{"ja":[],"en":[]}'::jsonb
    from benefit_taxpayer where municipality_code = ${MC}`.execute(db.kysely);
  const people = Array.from({ length: transfers }, (_, i) => String(1000000000 + i + 1));
  for (let i = 0; i < people.length; i += 10_000) {
    await saveAccounts(db.kysely, cipher, people.slice(i, i + 10_000).map((n, j) => ({
      municipalityCode: MC, residentNumber: n, source: 'public_fund' as const, by: null,
      account: { ...templates[(i + j) % templates.length]!, accountNumber: n.slice(-7) },
    })));
  }
  for (const table of ['benefit_taxpayer', 'benefit_target', 'benefit_account']) await sql`vacuum analyze ${sql.table(table)}`.execute(db.kysely);
  console.log(`seeded ${transfers.toLocaleString('en')} decided targets with accounts on ${bench.backend} in ${seconds(t).toFixed(1)} s`);

  const actor = (userId: string) => ({ municipalityCode: MC, actor: { userId } });
  const cpu = process.cpuUsage();
  t = performance.now();
  const prepared = await prepareBatch(db, cipher, { ...actor('bench.clerk'), programmeId, transferDate });
  const preparedIn = seconds(t);
  t = performance.now();
  const file = await approveBatch(db, cipher, { ...actor('bench.officer'), batchId: prepared.batchId });
  const approvedIn = seconds(t);
  const used = process.cpuUsage(cpu);
  t = performance.now();
  const again = await batchFile(db, cipher, MC, prepared.batchId);
  const againIn = seconds(t);
  const parsed = parseTransferFile(file.bytes);
  if (parsed.count !== transfers || prepared.itemCount !== transfers || !again.bytes.equals(file.bytes)) {
    throw new Error(`${parsed.count} records, ${prepared.itemCount} items for ${transfers}; written again the same: ${again.bytes.equals(file.bytes)}`);
  }
  console.log(`${bench.backend}: prepare ${preparedIn.toFixed(1)} s, approve and write ${approvedIn.toFixed(1)} s (${(file.bytes.length / 1e6).toFixed(1)} MB, ${parsed.total.toLocaleString('en')} yen); written again on download ${againIn.toFixed(1)} s; CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  report([{ name: `a payment batch of ${transfers.toLocaleString('en')} transfers prepared, approved and written as a 全銀 file (${bench.backend})`, unit: 's', measured: preparedIn + approvedIn, target: { atMost: 10 } }]);
} finally {
  await bench.dispose();
}
