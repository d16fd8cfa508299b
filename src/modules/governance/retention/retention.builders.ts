// A retention source for tests over a real table: the mail outbox, each mail a record (key mail_id, person its
// address), all due on any day. Real SQL and real deletes, so the scheduler's transactions are what is tested.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import type { RetentionSource } from '../../../platform/register/retention.ts';

/** The mail outbox as a retention source (id test.mail). */
export const mailSource: RetentionSource = {
  id: 'test.mail',
  fileId: 'mail_outbox',
  title: { ja: '試験用メール', en: 'Test mail' },
  rule: { ja: '即日', en: 'at once' },
  method: { ja: '行を削除', en: 'row deleted' },
  tables: ['platform_mail_outbox'],
  async findDue(tx, municipalityCode, asOf, limit) {
    const { rows } = await sql<{ mail_id: string; to_address: string; subject: string }>`select mail_id, to_address, subject from platform_mail_outbox
      where municipality_code = ${municipalityCode} order by subject, mail_id limit ${limit}`.execute(tx);
    return rows.map((r) => ({ key: r.mail_id, personKey: r.to_address, description: `メール ${r.subject}`, dueOn: asOf }));
  },
  async dispose(tx, municipalityCode, keys) {
    if (keys.length === 0) return [];
    const rows = await tx.deleteFrom('platform_mail_outbox').where('municipality_code', '=', municipalityCode).where('mail_id', 'in', keys).returning('mail_id').execute();
    return rows.map((r) => r.mail_id);
  },
};

/** Queues a mail to `to` with this subject (the description's order); returns its id. */
export async function queueMail(db: Db, municipalityCode: string, to: string, subject: string): Promise<string> {
  const { rows } = await sql<{ mail_id: string }>`insert into platform_mail_outbox (municipality_code, mail_id, to_address, subject, body_text, category)
    values (${municipalityCode}, gen_random_uuid(), ${to}, ${subject}, 'body', 'test.mail') returning mail_id`.execute(db.kysely);
  return rows[0]!.mail_id;
}

/** The outbox's mail count for the municipality. */
export async function mailCount(db: Db, municipalityCode: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from platform_mail_outbox where municipality_code = ${municipalityCode}`.execute(db.kysely);
  return rows[0]!.n;
}

/**
 * `persons` taxpayers (住記個人番号 from `first` on) with a tax record of each of these fiscal years, written by one
 * insert … select generate_series per table, so a city's year (tens of thousands of records) takes a statement.
 */
export async function seedTaxYears(db: Db, municipalityCode: string, o: { persons: number; fiscalYears: readonly number[]; first?: number }): Promise<void> {
  const first = o.first ?? 100_000_000;
  await sql`insert into certificate_resident (municipality_code, resident_number, addressee_number, name, name_kana, name_kana_key, birth_date, sex,
      postal_code, address, status, resident_since, support_measure, gaiji, source_fiscal_year)
    select ${municipalityCode}, n::text, n::text, '見本 太郎', 'ミホン タロウ', 'ミホンタロウ', '1980-04-01', '男', '650-0001', '見本市中央1-1', '住民',
      '1980-04-01', false, false, ${Math.max(...o.fiscalYears)}::integer
    from generate_series(${first}::bigint, ${first + o.persons - 1}::bigint) n`.execute(db.kysely);
  await sql`insert into certificate_tax_record (municipality_code, resident_number, fiscal_year, jan1_address, filing, tax_status, figures, amounts)
    select ${municipalityCode}, n::text, y, '見本市中央1-1', '給与支払報告', '課税', '{}'::jsonb, '{}'::jsonb
    from generate_series(${first}::bigint, ${first + o.persons - 1}::bigint) n, unnest(array[${sql.join(o.fiscalYears.map((y) => sql`${y}::integer`))}]) y`.execute(db.kysely);
}

/** The municipality's tax records and the persons holding them. */
export async function taxCounts(db: Db, municipalityCode: string): Promise<{ records: number; persons: number }> {
  const { rows } = await sql<{ records: number; persons: number }>`select (select count(*)::int from certificate_tax_record where municipality_code = ${municipalityCode}) as records,
    (select count(*)::int from certificate_resident where municipality_code = ${municipalityCode}) as persons`.execute(db.kysely);
  return rows[0]!;
}
