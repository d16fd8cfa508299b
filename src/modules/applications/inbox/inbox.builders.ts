// Test builders for the inbox: submitted applications inserted straight into the store (the portal's forms are tested
// on their own), with their sensitive values sealed as the portal seals them, and a procedure to make them under.
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from '../../../../test/support/app.ts';
import { demoCity } from '../../../demo/demo-city.ts';
import { type FieldCipher, fieldCipher, loadMasterKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { ProcedureDefinition } from '../domain/procedure.ts';
import { luhnCheckDigit } from '../domain/receipt-number.ts';
import type { ApplicationState } from '../domain/state.ts';
import { buildProcedure } from '../portal.builders.ts';
import { sealSensitive, splitValues } from '../sensitive-values.ts';
import { type ApplicationRow, insertApplication, saveProcedureVersion } from '../store.ts';

export const city = demoCity.code;

let serial = 0;
/** A well-formed receipt number, different each call. */
export function nextReceiptNumber(): string {
  const body = `${String(randomInt(1, 10))}${String(Date.now() % 1e6).padStart(6, '0')}${String(++serial).padStart(4, '0')}`.slice(0, 11);
  return `${body}${luhnCheckDigit(body)}`;
}

/** The procedure of everyTypeFields, stored; returns its definition and version. */
export async function storeProcedure(db: Db, overrides: Partial<ProcedureDefinition> = {}): Promise<{ definition: ProcedureDefinition; version: number }> {
  const definition = buildProcedure(overrides);
  const { version } = await saveProcedureVersion(db.kysely, city, definition, 'test');
  return { definition, version };
}

/** Values for every field of everyTypeFields, as the portal stores them once validated. */
export function validValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '見本 太郎', name_kana: 'ミホン タロウ', birth_date: '1980-04-01', moved_in: '2019-05-01', postal_code: '5999901',
    address: '大阪府見本市本町一丁目2番3号', phone: '06-0000-0000', email: 'taro@example.jp', copies: 1, purpose: 'loan', days: ['mon'],
    note: '平日の午前に連絡ください', my_number: '990000000018', health: '妊娠12週', identity_document: [], consent: true,
    ...overrides,
  };
}

export interface BuildApplication {
  definition: ProcedureDefinition;
  version: number;
  values?: Record<string, unknown>;
  state?: ApplicationState;
  channel?: ApplicationRow['channel'];
  submittedAt?: Date;
  assignedTo?: string | null;
  receiptNumber?: string;
}

/** The municipality's field cipher in the test server. */
export const cipherOf = (t: TestApp): Promise<FieldCipher> => fieldCipher(t.db, loadMasterKey(t.config), city);

/** Inserts a submitted application (received unless told) and returns its id and receipt number. */
export async function buildApplication(t: TestApp, a: BuildApplication): Promise<{ applicationId: string; receiptNumber: string }> {
  const cipher = await cipherOf(t);
  const { plain, sensitive } = splitValues(a.definition, a.values ?? validValues());
  const receiptNumber = a.receiptNumber ?? nextReceiptNumber();
  const state = a.state ?? 'received';
  const applicationId = await t.db.transaction((tx) => insertApplication(tx, {
    municipalityCode: city,
    procedureId: a.definition.id,
    procedureVersion: a.version,
    channel: a.channel ?? 'portal',
    state,
    receiptNumber,
    lang: 'ja',
    fieldValues: plain,
    sensitiveValues: (id) => sealSensitive(cipher, city, id, sensitive),
    copies: 1,
    feeYen: 0,
    submittedAt: a.submittedAt ?? new Date(),
    actor: 'resident',
  }));
  if (a.assignedTo) {
    await sql`update application set assigned_to = ${a.assignedTo} where application_id = ${applicationId}::uuid`.execute(t.db.kysely);
  }
  return { applicationId, receiptNumber };
}
