// The SQL of issuance: settings, signing keys, issuance records and revocations, kiosk clients and requests, and the
// daily counts. Personal values reach these tables only in signed_payload (what the paper prints, for /verify).
import { type Selectable, sql } from 'kysely';
import type { Database, Db, Tx } from '../../../platform/db/index.ts';
import type { IssuedCount } from '../domain/daily-report.ts';
import type { Channel } from '../domain/refusal.ts';
import type { CertificateType } from '../domain/tax-record.ts';

/** Statements run on the pool or inside a transaction. */
type Q = Db['kysely'] | Tx;


/** What a municipality prints and charges. */
export interface CertificateSettings {
  feePerCopyYen: number;
  mayorNameJa: string;
  sealPng: Uint8Array | null;
  kioskYearSwitch: string;
}

const defaultSettings: CertificateSettings = { feePerCopyYen: 300, mayorNameJa: '', sealPng: null, kioskYearSwitch: '06-01' };

export async function findSettings(q: Q, municipalityCode: string): Promise<CertificateSettings> {
  const row = await q
    .selectFrom('certificate_settings')
    .select(['fee_per_copy_yen', 'mayor_name_ja', 'seal_png', 'kiosk_year_switch'])
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirst();
  if (!row) return defaultSettings;
  return { feePerCopyYen: row.fee_per_copy_yen, mayorNameJa: row.mayor_name_ja, sealPng: row.seal_png, kioskYearSwitch: row.kiosk_year_switch };
}

export async function saveSettings(q: Q, municipalityCode: string, s: CertificateSettings): Promise<void> {
  const values = { fee_per_copy_yen: s.feePerCopyYen, mayor_name_ja: s.mayorNameJa, seal_png: s.sealPng, kiosk_year_switch: s.kioskYearSwitch };
  await q
    .insertInto('certificate_settings')
    .values({ municipality_code: municipalityCode, ...values })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

export interface SigningKeyRow {
  keyId: string;
  publicKey: Uint8Array;
  privateKeySealed: Uint8Array;
  createdAt: Date;
  retiredAt: Date | null;
}

export async function findActiveSigningKey(q: Q, municipalityCode: string): Promise<SigningKeyRow | undefined> {
  const row = await q
    .selectFrom('certificate_signing_key')
    .select(['key_id', 'public_key', 'private_key_sealed', 'created_at', 'retired_at'])
    .where('municipality_code', '=', municipalityCode)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return row && { keyId: row.key_id, publicKey: row.public_key, privateKeySealed: row.private_key_sealed, createdAt: row.created_at, retiredAt: row.retired_at };
}

/** A key by its id, retired or not (a certificate drawn again is signed with the key that signed it first). */
export async function findSigningKey(q: Q, municipalityCode: string, keyId: string): Promise<SigningKeyRow | undefined> {
  const row = await q
    .selectFrom('certificate_signing_key')
    .select(['key_id', 'public_key', 'private_key_sealed', 'created_at', 'retired_at'])
    .where('municipality_code', '=', municipalityCode)
    .where('key_id', '=', keyId)
    .executeTakeFirst();
  return row && { keyId: row.key_id, publicKey: row.public_key, privateKeySealed: row.private_key_sealed, createdAt: row.created_at, retiredAt: row.retired_at };
}

/** Stores a new key unless another process stored one first (the partial unique index decides); true when ours won. */
export async function insertSigningKey(q: Q, municipalityCode: string, key: Pick<SigningKeyRow, 'keyId' | 'publicKey' | 'privateKeySealed'>): Promise<boolean> {
  const result = await sql`
    insert into certificate_signing_key (municipality_code, key_id, public_key, private_key_sealed)
    values (${municipalityCode}, ${key.keyId}, ${key.publicKey}, ${key.privateKeySealed})
    on conflict do nothing`.execute(q);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function retireSigningKeys(tx: Tx, municipalityCode: string): Promise<void> {
  await tx
    .updateTable('certificate_signing_key')
    .set({ retired_at: sql`now()` })
    .where('municipality_code', '=', municipalityCode)
    .where('retired_at', 'is', null)
    .execute();
}

/** Every public key of every municipality, oldest first: what /.well-known/madoguchi/keys.json publishes. */
export async function listPublicKeys(q: Q): Promise<{ municipalityCode: string; keyId: string; publicKey: Uint8Array; createdAt: Date; retiredAt: Date | null }[]> {
  const rows = await q
    .selectFrom('certificate_signing_key')
    .select(['municipality_code', 'key_id', 'public_key', 'created_at', 'retired_at'])
    .orderBy('municipality_code')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ municipalityCode: r.municipality_code, keyId: r.key_id, publicKey: r.public_key, createdAt: r.created_at, retiredAt: r.retired_at }));
}

/** One issuance as recorded. */
export interface IssuanceRecord {
  municipalityCode: string;
  certificateNumber: string;
  residentNumber: string;
  certificateType: CertificateType;
  fiscalYear: number;
  copies: number;
  feeYen: number;
  channel: Channel;
  issuedAt: Date;
  issuedOn: string;
  issuedBy: string;
  keyId: string;
  signedPayload: string;
  pdfSha256: Uint8Array;
  revoked: { at: Date; by: string; reason: string } | null;
}

export async function insertIssuance(tx: Tx, r: Omit<IssuanceRecord, 'issuedAt' | 'revoked'>): Promise<void> {
  await tx
    .insertInto('certificate_issuance')
    .values({
      municipality_code: r.municipalityCode,
      certificate_number: r.certificateNumber,
      resident_number: r.residentNumber,
      certificate_type: r.certificateType,
      fiscal_year: r.fiscalYear,
      copies: r.copies,
      fee_yen: r.feeYen,
      channel: r.channel,
      issued_on: r.issuedOn,
      issued_by: r.issuedBy,
      key_id: r.keyId,
      signed_payload: r.signedPayload,
      pdf_sha256: r.pdfSha256,
    })
    .execute();
}

/** Whether a number is taken (a fresh random one collides about once in 10¹¹). */
export async function certificateNumberTaken(q: Q, municipalityCode: string, certificateNumber: string): Promise<boolean> {
  const row = await q
    .selectFrom('certificate_issuance')
    .select('certificate_number')
    .where('municipality_code', '=', municipalityCode)
    .where('certificate_number', '=', certificateNumber)
    .executeTakeFirst();
  return row !== undefined;
}

function toRecord(r: Selectable<Database['certificate_issuance']>): IssuanceRecord {
  return {
    municipalityCode: r.municipality_code,
    certificateNumber: r.certificate_number,
    residentNumber: r.resident_number,
    certificateType: r.certificate_type as CertificateType,
    fiscalYear: r.fiscal_year,
    copies: r.copies,
    feeYen: r.fee_yen,
    channel: r.channel as Channel,
    issuedAt: r.issued_at,
    issuedOn: r.issued_on,
    issuedBy: r.issued_by,
    keyId: r.key_id,
    signedPayload: r.signed_payload,
    pdfSha256: r.pdf_sha256,
    revoked: r.revoked_at ? { at: r.revoked_at, by: r.revoked_by ?? '', reason: r.revoke_reason ?? '' } : null,
  };
}

export async function findIssuance(q: Q, municipalityCode: string, certificateNumber: string): Promise<IssuanceRecord | undefined> {
  const r = await q
    .selectFrom('certificate_issuance')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('certificate_number', '=', certificateNumber)
    .executeTakeFirst();
  return r && toRecord(r);
}

/** Marks a certificate revoked; false when there is no such certificate or it was revoked already. */
export async function revokeIssuance(tx: Tx, municipalityCode: string, certificateNumber: string, by: string, reason: string): Promise<boolean> {
  const result = await tx
    .updateTable('certificate_issuance')
    .set({ revoked_at: sql`now()`, revoked_by: by, revoke_reason: reason })
    .where('municipality_code', '=', municipalityCode)
    .where('certificate_number', '=', certificateNumber)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A person's certificates, newest first: the counter shows them so that a clerk can revoke one. */
export async function listIssuancesOf(q: Q, municipalityCode: string, residentNumber: string, limit = 50): Promise<IssuanceRecord[]> {
  const rows = await q
    .selectFrom('certificate_issuance')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('resident_number', '=', residentNumber)
    .orderBy('issued_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

export interface KioskClientRow {
  municipalityCode: string;
  clientId: string;
  name: string;
  secretSha256: string;
  allowedNetworks: string[];
  createdAt: Date;
  createdBy: string;
  suspendedAt: Date | null;
}

const toKioskClient = (r: Selectable<Database['certificate_kiosk_client']>): KioskClientRow => ({
  municipalityCode: r.municipality_code,
  clientId: r.client_id,
  name: r.name,
  secretSha256: r.secret_sha256,
  allowedNetworks: r.allowed_networks,
  createdAt: r.created_at,
  createdBy: r.created_by,
  suspendedAt: r.suspended_at,
});

export async function insertKioskClient(tx: Tx, c: Omit<KioskClientRow, 'createdAt' | 'suspendedAt'>): Promise<void> {
  await tx
    .insertInto('certificate_kiosk_client')
    .values({
      municipality_code: c.municipalityCode,
      client_id: c.clientId,
      name: c.name,
      secret_sha256: c.secretSha256,
      allowed_networks: c.allowedNetworks,
      created_by: c.createdBy,
    })
    .execute();
}

export async function findKioskClient(q: Q, municipalityCode: string, clientId: string): Promise<KioskClientRow | undefined> {
  const r = await q
    .selectFrom('certificate_kiosk_client')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return r && toKioskClient(r);
}

export async function listKioskClientRows(q: Q, municipalityCode: string): Promise<KioskClientRow[]> {
  const rows = await q.selectFrom('certificate_kiosk_client').selectAll().where('municipality_code', '=', municipalityCode).orderBy('created_at').execute();
  return rows.map(toKioskClient);
}

/** A kiosk request as first answered: the idempotency record. */
export interface KioskRequestRow {
  certificateType: CertificateType;
  fiscalYear: number;
  copies: number;
  outcome: 'issued' | 'refused';
  refusalReason: string | null;
  certificateNumber: string | null;
}

export async function findKioskRequest(q: Q, municipalityCode: string, clientId: string, requestId: string): Promise<KioskRequestRow | undefined> {
  const r = await q
    .selectFrom('certificate_kiosk_request')
    .select(['certificate_type', 'fiscal_year', 'copies', 'outcome', 'refusal_reason', 'certificate_number'])
    .where('municipality_code', '=', municipalityCode)
    .where('client_id', '=', clientId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return r && {
    certificateType: r.certificate_type as CertificateType,
    fiscalYear: r.fiscal_year,
    copies: r.copies,
    outcome: r.outcome as 'issued' | 'refused',
    refusalReason: r.refusal_reason,
    certificateNumber: r.certificate_number,
  };
}

/** Records a request's outcome; false when the same request id was recorded first by a concurrent retry. */
export async function insertKioskRequest(tx: Tx, key: { municipalityCode: string; clientId: string; requestId: string; receivedOn: string }, r: KioskRequestRow): Promise<boolean> {
  const result = await tx
    .insertInto('certificate_kiosk_request')
    .values({
      municipality_code: key.municipalityCode,
      client_id: key.clientId,
      request_id: key.requestId,
      received_on: key.receivedOn,
      certificate_type: r.certificateType,
      fiscal_year: r.fiscalYear,
      copies: r.copies,
      outcome: r.outcome,
      refusal_reason: r.refusalReason,
      certificate_number: r.certificateNumber,
    })
    .onConflict((oc) => oc.columns(['municipality_code', 'client_id', 'request_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Issuances per day, channel and type between two days (inclusive), and the kiosk refusals per day. */
export async function dailyCounts(q: Q, municipalityCode: string, from: string, to: string): Promise<{ issued: IssuedCount[]; kioskRefused: { day: string; reason: string; count: number }[] }> {
  const issued = await q
    .selectFrom('certificate_issuance')
    .select((eb) => [
      sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('day'),
      'channel',
      'certificate_type',
      eb.fn.countAll<string>().as('certificates'),
      eb.fn.sum<string>('copies').as('copies'),
      eb.fn.sum<string>('fee_yen').as('fee_yen'),
      sql<string>`count(*) filter (where revoked_at is not null)`.as('revoked'),
    ])
    .where('municipality_code', '=', municipalityCode)
    .where('issued_on', '>=', from)
    .where('issued_on', '<=', to)
    .groupBy(['issued_on', 'channel', 'certificate_type'])
    .orderBy('issued_on')
    .orderBy('channel')
    .orderBy('certificate_type')
    .execute();
  const refused = await q
    .selectFrom('certificate_kiosk_request')
    .select((eb) => [sql<string>`to_char(received_on, 'YYYY-MM-DD')`.as('day'), 'refusal_reason', eb.fn.countAll<string>().as('count')])
    .where('municipality_code', '=', municipalityCode)
    .where('outcome', '=', 'refused')
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .groupBy(['received_on', 'refusal_reason'])
    .orderBy('received_on')
    .execute();
  return {
    issued: issued.map((r) => ({
      day: r.day,
      channel: r.channel as Channel,
      certificateType: r.certificate_type as CertificateType,
      certificates: Number(r.certificates),
      copies: Number(r.copies),
      feeYen: Number(r.fee_yen),
      revoked: Number(r.revoked),
    })),
    kioskRefused: refused.map((r) => ({ day: r.day, reason: r.refusal_reason ?? '', count: Number(r.count) })),
  };
}
