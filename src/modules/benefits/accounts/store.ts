// The accounts' SQL (migration 0033): a person's accounts as revisions, the current one flagged; the account number
// encrypted per field with an AAD naming its row (municipality, 住記個人番号, revision), so a value copied to another
// row fails to open, and declared here so `madoguchi keys rotate` re-encrypts it. Reads for a page never decrypt:
// they show the last three digits kept beside the ciphertext. Only accountsForPayment and revealAccountNumber open it,
// and their callers check the capability and write the audit.
import { type Kysely, type Selectable, sql } from 'kysely';
import { type FieldCipher, registerEncryptedColumn } from '../../../platform/crypto/index.ts';
import type { Database, Tx } from '../../../platform/db/index.ts';
import { lockImports } from '../../../platform/csv/index.ts';
import { type Account, type AccountTypeCode, maskAccountNumber } from './domain/account.ts';

/** benefit_account.account_number_ciphertext, declared so key rotation re-encrypts it. */
export const accountNumberColumn = registerEncryptedColumn({
  table: 'benefit_account',
  keyColumns: ['municipality_code', 'resident_number', 'revision'],
  column: 'account_number_ciphertext',
});

/** Where an account came from. */
export type AccountSource = 'public_fund' | 'reply' | 'correction';

export const accountSources = {
  public_fund: { ja: '公金受取口座', en: 'Public-fund account' },
  reply: { ja: '支給確認書', en: 'Reply form' },
  correction: { ja: '職員による訂正', en: 'Staff correction' },
} as const satisfies Record<AccountSource, { ja: string; en: string }>;

/** One account to register. */
export interface AccountToSave {
  municipalityCode: string;
  residentNumber: string;
  source: AccountSource;
  account: Account;
  /** Login id of the staff member; null for a command-line import. */
  by: string | null;
}

const aad = (municipalityCode: string, residentNumber: string, revision: number) =>
  accountNumberColumn.aad({ municipality_code: municipalityCode, resident_number: residentNumber, revision });

/** Resident numbers travel as one JSON array parameter (PGlite and PostgreSQL both take it); a page at a time. */
const chunkSize = 5000;
function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += chunkSize) yield items.slice(i, i + chunkSize);
}

/** A stored account as the reads select it. */
type StoredRow = Omit<Selectable<Database['benefit_account']>, 'municipality_code' | 'is_current'>;

// The lists below are joined rather than tested with `in (select …)`: with a semi-join the planner scanned every
// current account and compared it with the list (15 ms for one person among 66,000 accounts).
async function currentRows(db: Kysely<Database>, code: string, residentNumbers: readonly string[]): Promise<StoredRow[]> {
  const out: StoredRow[] = [];
  for (const page of chunks([...new Set(residentNumbers)])) {
    const { rows } = await sql<StoredRow>`
      select a.resident_number, a.revision, a.source, a.bank_code, a.branch_code, a.account_type, a.account_number_ciphertext,
        a.account_number_last3, a.holder_kana, a.bank_name, a.branch_name, a.bank_kana, a.branch_kana, a.registered_at, a.registered_by
      from jsonb_array_elements_text(${JSON.stringify(page)}::jsonb) as x(resident_number)
      join benefit_account a on a.municipality_code = ${code} and a.resident_number = x.resident_number and a.is_current`.execute(db);
    out.push(...rows);
  }
  return out;
}

function sameAccount(row: StoredRow, a: Account, clearNumber: string): boolean {
  return row.bank_code === a.bankCode && row.branch_code === a.branchCode && row.account_type === a.accountType
    && row.holder_kana === a.holderKana && clearNumber === a.accountNumber;
}

/**
 * Registers accounts, each becoming its person's current account (the previous one kept as history). An account equal
 * to the person's current one (same bank, branch, type, number and holder) is not registered again. Within one call a
 * person may appear once. Runs in the caller's transaction when given one, else in its own; accounts of one
 * municipality are registered one call at a time (an advisory lock), so revisions never collide.
 * Answers how many accounts were registered.
 */
export async function saveAccounts(db: Kysely<Database>, cipher: FieldCipher, items: readonly AccountToSave[]): Promise<number> {
  if (items.length === 0) return 0;
  if (!db.isTransaction) return db.transaction().execute((tx) => saveAccounts(tx, cipher, items));
  const code = items[0]!.municipalityCode;
  if (items.some((i) => i.municipalityCode !== code)) throw new TypeError('saveAccounts: one municipality per call');
  if (new Set(items.map((i) => i.residentNumber)).size !== items.length) throw new TypeError('saveAccounts: a person appears twice');
  await lockImports(db as Tx, 'benefits.accounts', code);
  let saved = 0;
  for (const page of chunks(items)) {
    const residents = page.map((i) => i.residentNumber);
    const current = new Map((await currentRows(db, code, residents)).map((r) => [r.resident_number, r]));
    const { rows: maxima } = await sql<{ resident_number: string; revision: number }>`
      select a.resident_number, max(a.revision)::integer as revision
      from jsonb_array_elements_text(${JSON.stringify(residents)}::jsonb) as x(resident_number)
      join benefit_account a on a.municipality_code = ${code} and a.resident_number = x.resident_number
      group by a.resident_number`.execute(db);
    const lastRevision = new Map(maxima.map((r) => [r.resident_number, r.revision]));
    const records = [];
    for (const item of page) {
      const row = current.get(item.residentNumber);
      if (row && row.account_number_last3 === item.account.accountNumber.slice(-3)) {
        const clear = await cipher.decryptField(row.account_number_ciphertext, aad(code, row.resident_number, row.revision));
        if (sameAccount(row, item.account, clear)) continue;
      }
      const revision = (lastRevision.get(item.residentNumber) ?? 0) + 1;
      const a = item.account;
      records.push({
        resident_number: item.residentNumber, revision, source: item.source, bank_code: a.bankCode, branch_code: a.branchCode,
        account_type: a.accountType, account_number_ciphertext: cipher.encryptField(a.accountNumber, aad(code, item.residentNumber, revision)),
        account_number_last3: a.accountNumber.slice(-3), holder_kana: a.holderKana, bank_name: a.bankName, branch_name: a.branchName,
        bank_kana: a.bankKana, branch_kana: a.branchKana, registered_by: item.by,
      });
    }
    if (records.length === 0) continue;
    const json = JSON.stringify(records);
    await sql`
      update benefit_account set is_current = false
      where municipality_code = ${code} and is_current
        and resident_number in (select x ->> 'resident_number' from jsonb_array_elements(${json}::jsonb) as x)`.execute(db);
    await sql`
      insert into benefit_account (municipality_code, resident_number, revision, is_current, source, bank_code, branch_code,
        account_type, account_number_ciphertext, account_number_last3, holder_kana, bank_name, branch_name, bank_kana,
        branch_kana, registered_by)
      select ${code}, x.resident_number, x.revision, true, x.source, x.bank_code, x.branch_code, x.account_type,
        x.account_number_ciphertext, x.account_number_last3, x.holder_kana, x.bank_name, x.branch_name, x.bank_kana,
        x.branch_kana, x.registered_by
      from jsonb_to_recordset(${json}::jsonb) as x(resident_number text, revision integer, source text, bank_code text,
        branch_code text, account_type text, account_number_ciphertext text, account_number_last3 text, holder_kana text,
        bank_name text, branch_name text, bank_kana text, branch_kana text, registered_by text)`.execute(db);
    saved += records.length;
  }
  return saved;
}

/** Registers one account as the person's current account (history kept); see saveAccounts. */
export async function saveAccount(db: Kysely<Database>, cipher: FieldCipher, a: AccountToSave): Promise<void> {
  await saveAccounts(db, cipher, [a]);
}

/** Where the current account of each of these people came from; people without one are absent. */
export async function currentAccountSources(db: Kysely<Database>, municipalityCode: string, residentNumbers: readonly string[]): Promise<Map<string, AccountSource>> {
  const rows = await currentRows(db, municipalityCode, residentNumbers);
  return new Map(rows.map((r) => [r.resident_number, r.source as AccountSource]));
}

/** The people among `residentNumbers` whose current account came from the 公金受取口座 registry. */
export async function knownPublicFundAccounts(db: Kysely<Database>, municipalityCode: string, residentNumbers: readonly string[]): Promise<Set<string>> {
  const sources = await currentAccountSources(db, municipalityCode, residentNumbers);
  return new Set([...sources].filter(([, source]) => source === 'public_fund').map(([r]) => r));
}

function accountOf(row: StoredRow, accountNumber: string): Account {
  return {
    bankCode: row.bank_code, branchCode: row.branch_code, accountType: row.account_type as AccountTypeCode, accountNumber,
    holderKana: row.holder_kana, bankKana: row.bank_kana, branchKana: row.branch_kana, bankName: row.bank_name, branchName: row.branch_name,
  };
}

/** The current accounts of these people with their account numbers in clear, for a payment batch; people without one are absent. */
export async function accountsForPayment(db: Kysely<Database>, cipher: FieldCipher, municipalityCode: string, residentNumbers: readonly string[]): Promise<Map<string, Account>> {
  const out = new Map<string, Account>();
  for (const row of await currentRows(db, municipalityCode, residentNumbers)) {
    const clear = await cipher.decryptField(row.account_number_ciphertext, aad(municipalityCode, row.resident_number, row.revision));
    out.set(row.resident_number, accountOf(row, clear));
  }
  return out;
}

/** One registered account as a page shows it: the number masked, nothing decrypted. */
export interface MaskedAccount extends Omit<Account, 'accountNumber'> {
  revision: number;
  current: boolean;
  source: AccountSource;
  /** ****567 */
  maskedNumber: string;
  registeredAt: Date;
  registeredBy: string | null;
}

/** Every account of a person, the newest first. */
export async function accountHistory(db: Kysely<Database>, municipalityCode: string, residentNumber: string): Promise<MaskedAccount[]> {
  const { rows } = await sql<StoredRow & { is_current: boolean }>`
    select resident_number, revision, is_current, source, bank_code, branch_code, account_type, account_number_ciphertext,
      account_number_last3, holder_kana, bank_name, branch_name, bank_kana, branch_kana, registered_at, registered_by
    from benefit_account where municipality_code = ${municipalityCode} and resident_number = ${residentNumber}
    order by revision desc`.execute(db);
  return rows.map((r) => ({
    bankCode: r.bank_code, branchCode: r.branch_code, accountType: r.account_type as AccountTypeCode, holderKana: r.holder_kana,
    bankKana: r.bank_kana, branchKana: r.branch_kana, bankName: r.bank_name, branchName: r.branch_name,
    revision: r.revision, current: r.is_current, source: r.source as AccountSource,
    maskedNumber: maskAccountNumber(r.account_number_last3), registeredAt: new Date(r.registered_at), registeredBy: r.registered_by,
  }));
}

/** The clear number of one revision of a person's account, or undefined when there is none; the caller checked benefits.accounts.reveal and audits. */
export async function revealAccountNumber(db: Kysely<Database>, cipher: FieldCipher, municipalityCode: string, residentNumber: string, revision: number): Promise<string | undefined> {
  const { rows } = await sql<{ account_number_ciphertext: string }>`
    select account_number_ciphertext from benefit_account
    where municipality_code = ${municipalityCode} and resident_number = ${residentNumber} and revision = ${revision}`.execute(db);
  const row = rows[0];
  return row && cipher.decryptField(row.account_number_ciphertext, aad(municipalityCode, residentNumber, revision));
}
