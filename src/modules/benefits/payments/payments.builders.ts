// Test data for payments: a console on a fresh database with the demo city's remitter settings, decided targets put
// straight into the ledger (the rules and letters have their own tests), accounts through the accounts slice, and the
// members of staff a batch needs: a clerk who prepares, a payment officer who approves, one who holds both roles.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { cachedFieldCiphers, type FieldCipher } from '../../../platform/crypto/index.ts';
import type { Backend, Db } from '../../../platform/db/index.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { type TestApp, testApp } from '../../../../test/support/app.ts';
import { staffWithRoles, type TestStaff } from '../../../../test/support/staff.ts';
import { checkAccount } from '../accounts/domain/account.ts';
import { saveAccounts } from '../accounts/store.ts';
import { addDays, todayInJapan } from '../../../platform/text/index.ts';
import { isBankBusinessDay } from './domain/batch.ts';
import { type PaymentSettings, savePaymentSettings } from './store.ts';

export const mc = demoCity.code;
export const programmeId = 'adjustment-2024';

/** The demo city as 委託者 at 三井住友 本店営業部. */
export const buildSettings = (o: Partial<PaymentSettings> = {}): PaymentSettings => ({
  requesterCode: '0000012345', requesterName: 'ミホンシ', bankCode: '0009', branchCode: '001', accountType: '1', accountNumber: '1234567',
  paymentNote: '', ...o,
});

/** The 住記個人番号 of the i-th test target. */
export const residentNumber = (i: number): string => String(100_000 + i).padStart(15, '0');

/** Puts taxpayers and their decided targets into the ledger: amounts[i] yen for residentNumber(first + i). */
export async function addDecidedTargets(db: Db, amounts: readonly number[], first = 1, state = 'decided'): Promise<string[]> {
  const rows = amounts.map((amount, i) => ({ n: residentNumber(first + i), amount }));
  await sql`
    insert into benefit_taxpayer (municipality_code, programme_id, resident_number, addressee_number, integrated_number, name, name_kana, birth_date,
      sex, postal_code, address, fiscal_year, total_income, estimated_income_tax, resident_income_levy, spouse_class, spouse_abroad,
      spouse_business_employee, dependants_domestic, dependants_abroad, family_employees, relatives, status)
    select ${mc}, ${programmeId}, x.n, x.n, x.n, '見本 太郎' || right(x.n, 3), 'ミホン タロウ', '1970-04-01', '男', '650-0001', '見本市中央1-' || right(x.n, 3),
      2024, 3000000, 0, 0, '', false, false, 0, 0, 0, '[]'::jsonb, '住民'
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(n text, amount bigint)`.execute(db.kysely);
  await sql`
    insert into benefit_target (municipality_code, programme_id, resident_number, rule_version, state, eligible, amount, count_income_tax,
      count_resident_tax, income_tax_shortfall, resident_tax_shortfall, explanation)
    select ${mc}, ${programmeId}, x.n, 'adjustment-2024.1', ${state}, x.amount > 0, x.amount, 1, 1, x.amount, 0, '{"ja":[],"en":[]}'::jsonb
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(n text, amount bigint)`.execute(db.kysely);
  return rows.map((r) => r.n);
}

/** A checked account at みずほ 東京営業部 for the test target: account number 7 digits from the resident number. */
export function testAccount(n: string, holder = 'ヤマダ タロウ') {
  const checked = checkAccount({ bankCode: '0001', branchCode: '001', accountType: '普通', accountNumber: n.slice(-7), holderName: holder });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.account;
}

/** Registers an account for each of these targets (as the 公金受取口座 import would). */
export async function addAccounts(db: Db, cipher: FieldCipher, residentNumbers: readonly string[], holder?: string): Promise<void> {
  await saveAccounts(db.kysely, cipher, residentNumbers.map((n) => ({ municipalityCode: mc, residentNumber: n, source: 'public_fund' as const, account: testAccount(n, holder), by: null })));
}

export interface PaymentWorld {
  t: TestApp;
  app: FastifyInstance;
  db: Db;
  cipher: FieldCipher;
  clerk: TestStaff;
  officer: TestStaff;
  /** Holds both roles: may prepare and approve, but never a batch of their own. */
  both: TestStaff;
  auditor: TestStaff;
  close(): Promise<void>;
}

/** A console on a fresh database with the remitter settings and the four members of staff. */
export async function paymentWorld(backend: Backend): Promise<PaymentWorld> {
  const t = await testApp(backend);
  const cipher = await cachedFieldCiphers(t.db, t.config)(mc);
  await savePaymentSettings(t.db.kysely, mc, buildSettings(), 'test');
  const clerk = await staffWithRoles(t.db, 'benefits.clerk', [{ role: 'benefits_clerk' }]);
  const officer = await staffWithRoles(t.db, 'benefits.officer', [{ role: 'payment_officer' }]);
  const both = await staffWithRoles(t.db, 'benefits.both', [{ role: 'benefits_clerk' }, { role: 'payment_officer' }]);
  const auditor = await staffWithRoles(t.db, 'benefits.auditor', [{ role: 'auditor' }]);
  return { t, app: t.app, db: t.db, cipher, clerk, officer, both, auditor, close: () => t.close() };
}

/** A target's state in the ledger. */
export async function targetState(db: Db, n: string): Promise<string | undefined> {
  const r = await db.kysely.selectFrom('benefit_target').select('state').where('municipality_code', '=', mc).where('programme_id', '=', programmeId).where('resident_number', '=', n).executeTakeFirst();
  return r?.state;
}

/** A form post as the browser sends it, with the member of staff's session and CSRF token. */
export function postForm(app: FastifyInstance, who: TestStaff, url: string, fields: Record<string, string> = {}) {
  return app.inject({
    method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ csrf: who.csrf, ...fields }).toString(),
  });
}

/** A page as the member of staff sees it. */
export function getPage(app: FastifyInstance, who: TestStaff, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
}

/** The first bank business day after today, in Japan. */
export function nextBusinessDay(): string {
  let d = addDays(todayInJapan(), 1);
  while (!isBankBusinessDay(d)) d = addDays(d, 1);
  return d;
}
