// Test data for card reservations: a fresh database with the demo city and its card masters, and applicants with
// overrides (buildApplicant({ kana: 'ヴァン' })).
import { addMunicipality, city } from '../../../test/support/audit.ts';
import { freshDb } from '../../../test/support/db.ts';
import { loadDemoCardMasters } from '../../demo/card-masters.ts';
import type { Backend, Db } from '../../platform/db/index.ts';
import type { Applicant } from './domain/applicant.ts';

export const MC = city;

/** A fresh database with the demo city's card masters. */
export async function cardDb(backend: Backend): Promise<Db> {
  const db = await freshDb(backend);
  await addMunicipality(db);
  await loadDemoCardMasters(db, MC);
  return db;
}

let serial = 0;

/** A valid applicant, different on every call (phone and email), with overrides. */
export function buildApplicant(overrides: Partial<Applicant> = {}): Applicant {
  serial++;
  return {
    name: '見本 太郎',
    kana: 'ミホン タロウ',
    gender: 'male',
    birthDate: '1985-04-01',
    postalCode: '5300001',
    address: '大阪府見本市本町1-2-3',
    buildingRoom: '見本ハイツ101',
    phone: `090${String(10_000_000 + serial).slice(-8)}`,
    email: `taro${serial}@example.jp`,
    requestNote: '',
    ...overrides,
  };
}
