// Test data for letters, replies and decisions: the PDFs' inputs, and targets put straight into the ledger with a
// 公金受取口座 when a notice is wanted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { addMunicipality, city } from '../../../../test/support/audit.ts';
import { freshDb } from '../../../../test/support/db.ts';
import { checkedPdfText as checkedText } from '../../../../test/support/pdf-checked.ts';
import { type FieldCipher, fieldCipher, masterKeyFrom, newSecretKey } from '../../../platform/crypto/index.ts';
import type { Backend, Db } from '../../../platform/db/index.ts';
import { type Account, checkAccount } from '../accounts/domain/account.ts';
import { saveAccount } from '../accounts/store.ts';
import type { LedgerState } from '../domain/ledger-state.ts';
import { buildAdjustmentInput } from '../benefits.builders.ts';
import { adjustmentRules2024, decideAdjustment } from '../domain/adjustment.ts';
import type { DecisionPdfInput } from '../decisions/pdf/decision-pdf.ts';
import type { LetterPdfInput } from './pdf/letter-pdf.ts';

export { city };

/** A 支給のお知らせ of 90,000 yen (the note's first worked example) to 見本 花子, sent on 1 July 2024. */
export function buildLetterPdfInput(o: Partial<LetterPdfInput> = {}): LetterPdfInput {
  const decision = decideAdjustment(buildAdjustmentInput(), adjustmentRules2024);
  return {
    issuer: { nameJa: '見本市', mayorTitle: '見本市長', department: '福祉局くらし支援課' },
    programmeName: '定額減税調整給付金（当初調整給付）',
    to: { name: '見本\u3000花子', postalCode: '650-0001', address: '見本県見本市中央区加納町6丁目5-1', building: '見本ハイツ101' },
    reference: '000123456789',
    letter: { kind: 'notice', amount: decision.amount, ruleVersion: decision.ruleVersion, deadline: '2024-07-15', sentOn: '2024-07-01' },
    explanation: decision.explanation.ja,
    ...o,
  };
}

/** A 支給決定 of 90,000 yen on 20 July 2024, for the same person. */
export function buildDecisionPdfInput(o: Partial<DecisionPdfInput['decision']> = {}): DecisionPdfInput {
  const letter = buildLetterPdfInput();
  return {
    issuer: letter.issuer, programmeName: letter.programmeName, to: letter.to, reference: letter.reference, explanation: letter.explanation,
    decision: { outcome: 'granted', amount: 90_000, ruleVersion: 'adjustment-2024.1', decidedOn: '2024-07-20', reason: null, ...o },
  };
}

/** A target to put straight into the ledger (the import and the rule have their own tests). */
export interface TargetSeed {
  programmeId: string;
  residentNumber: string;
  name: string;
  birthDate: string;
  status: '住民' | '転出' | '死亡';
  state: LedgerState;
  amount: number;
}

let seq = 0;

/** Puts a taxpayer and their target (eligible for 90,000 yen, the note's first example, unless told) into the ledger. */
export async function addTarget(db: Db, o: Partial<TargetSeed> = {}): Promise<TargetSeed> {
  const t: TargetSeed = {
    programmeId: 'adjustment-2024', residentNumber: `9${String(++seq).padStart(5, '0')}${String(process.pid % 1000).padStart(3, '0')}`,
    name: '見本\u3000花子', birthDate: '1980-04-12', status: '住民', state: 'targeted', amount: 90_000, ...o,
  };
  const decision = decideAdjustment(buildAdjustmentInput(), adjustmentRules2024);
  const eligible = t.amount > 0;
  await sql`
    insert into benefit_taxpayer (municipality_code, programme_id, resident_number, addressee_number, integrated_number, name, name_kana,
      birth_date, sex, postal_code, address, building, fiscal_year, total_income, estimated_income_tax, resident_income_levy, spouse_class,
      spouse_abroad, spouse_business_employee, dependants_domestic, dependants_abroad, family_employees, relatives, status, status_date)
    values (${city}, ${t.programmeId}, ${t.residentNumber}, ${t.residentNumber}, ${t.residentNumber}, ${t.name}, 'ミホン ハナコ', ${t.birthDate}, '女',
      '650-0001', '見本県見本市中央区加納町6丁目5-1', '見本ハイツ101', 2024, 3000000, 39500, 60000, '控除対象配偶者', false, false, 2, 0, 0, '[]'::jsonb,
      ${t.status}, ${t.status === '住民' ? null : '2024-06-01'})`.execute(db.kysely);
  await sql`
    insert into benefit_target (municipality_code, programme_id, resident_number, rule_version, state, eligible, amount, count_income_tax,
      count_resident_tax, income_tax_shortfall, resident_tax_shortfall, exclusion_code, explanation)
    values (${city}, ${t.programmeId}, ${t.residentNumber}, ${decision.ruleVersion}, ${t.state}, ${eligible}, ${t.amount}, 4, 4, 80500, 0,
      ${eligible ? null : 'no_shortfall'}, ${JSON.stringify(decision.explanation)}::jsonb)`.execute(db.kysely);
  return t;
}

/** An account at みずほ 東京営業部, 普通. */
export function buildAccount(accountNumber = '1234567', holderName = 'ミホン ハナコ'): Account {
  const r = checkAccount({ bankCode: '0001', branchCode: '001', accountType: '普通', accountNumber, holderName });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.account;
}

/** Registers the person's 公金受取口座, so they get a 支給のお知らせ. */
export async function addPublicFundAccount(db: Db, cipher: FieldCipher, residentNumber: string): Promise<void> {
  await saveAccount(db.kysely, cipher, { municipalityCode: city, residentNumber, source: 'public_fund', account: buildAccount(), by: null });
}

/** A database with the test municipality and its field cipher. */
export async function letterWorld(backend: Backend): Promise<{ db: Db; cipher: FieldCipher; close(): Promise<void> }> {
  const db = await freshDb(backend);
  await addMunicipality(db);
  const cipher = await fieldCipher(db, masterKeyFrom(newSecretKey(), 'test'), city);
  return { db, cipher, close: () => db.close() };
}

/**
 * A PDF checked with the real tools — qpdf --check passes (test/support/pdf-checked.ts), one A4 portrait page — and its
 * text as pdftotext reads it, runs of spaces (a full-width space comes out as layout spaces) folded to one.
 */
export function checkedPdfText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
  assert.match(info, /^Pages:\s+1$/m);
  assert.match(info, /^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  return words(checkedText(pdf, options));
}

/** Text compared by words: runs of spaces, full-width ones too, as one. */
export const words = (s: string) => s.replace(/[\s\u3000]+/g, ' ');
