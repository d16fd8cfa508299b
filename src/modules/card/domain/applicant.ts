// 申請者情報: the applicant's details as seed 001 (1) 来庁予約データ lists them, checked and put in one form before they
// are stored: kana in full-width katakana, phone and postal code as digits, email lower-cased in its domain.
import { toCanonicalKatakana, isKatakana } from '../../../platform/text/kana.ts';
import { isPlainDate } from '../../../platform/text/date.ts';
import { parsePostalCode } from '../../../platform/text/postal-code.ts';

export const genders = ['female', 'male', 'other', 'unanswered'] as const;
export type Gender = (typeof genders)[number];

/** The details of the person booking (personal data: 基本4情報 and 連絡先). */
export interface Applicant {
  /** 氏名 */
  name: string;
  /** 氏名カナ, full-width katakana (spaces allowed) */
  kana: string;
  /** 性別 as given */
  gender: Gender;
  /** 生年月日: with the phone, what makes "one active booking per person" */
  birthDate: string | null;
  /** 郵便番号, 7 digits or '' */
  postalCode: string;
  /** 住所 */
  address: string;
  /** マンション名・部屋番号等 */
  buildingRoom: string;
  /** 電話番号, digits only */
  phone: string;
  /** メールアドレス, or null when booked by phone without one */
  email: string | null;
  /** 申請内容 */
  requestNote: string;
}

/** The applicant as typed into a form or an API body: every field a string, or absent. */
export type ApplicantInput = Partial<Record<keyof Applicant, string | null | undefined>>;

export type ApplicantField = keyof Applicant;
/** Why a field was refused: missing, too long, or not in the form it must have. */
export type FieldProblem = 'required' | 'too_long' | 'invalid';

export type ApplicantCheck = { ok: true; applicant: Applicant } | { ok: false; problems: Partial<Record<ApplicantField, FieldProblem>> };

// One address, no display name (as the mail outbox accepts it).
const emailPattern = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const controlChars = /[\u0000-\u001f\u007f]/;

const clean = (v: string | null | undefined) => (v ?? '').normalize('NFC').trim();

/** 電話番号 as typed (hyphens, brackets, full width) → digits, or undefined when it is not 10 or 11 digits from 0. */
export function normalizePhone(input: string): string | undefined {
  const digits = input.normalize('NFKC').replace(/[\s()\-\u2010-\u2015\u2212\u30FC]/g, '');
  return /^0[0-9]{9,10}$/.test(digits) ? digits : undefined;
}

/** メールアドレス as typed → trimmed, NFKC, the domain lower-cased; undefined when it is not one address. */
export function normalizeEmail(input: string): string | undefined {
  const v = input.normalize('NFKC').trim();
  if (v.length > 254 || !emailPattern.test(v)) return undefined;
  const at = v.lastIndexOf('@');
  return v.slice(0, at) + v.slice(at).toLowerCase();
}

/** Checks and normalises the applicant's details; `today` bounds the birth date. Needs a birth date or an email. */
export function checkApplicant(input: ApplicantInput, today: string): ApplicantCheck {
  const problems: Partial<Record<ApplicantField, FieldProblem>> = {};
  const text = (field: ApplicantField, max: number, required: boolean): string => {
    const v = clean(input[field]);
    if (!v && required) problems[field] = 'required';
    else if (v.length > max) problems[field] = 'too_long';
    else if (controlChars.test(v.replace(/\r?\n/g, ' '))) problems[field] = 'invalid';
    return v;
  };
  const name = text('name', 100, true);
  const kana = toCanonicalKatakana(text('kana', 100, true)).replace(/\s+/g, ' ');
  if (kana && !problems.kana && !isKatakana(kana, { allow: ' ' })) problems.kana = 'invalid';
  const genderInput = clean(input.gender) || 'unanswered';
  const gender = (genders as readonly string[]).includes(genderInput) ? (genderInput as Gender) : undefined;
  if (!gender) problems.gender = 'invalid';
  const birthInput = clean(input.birthDate);
  const birthDate = birthInput || null;
  if (birthDate && (!isPlainDate(birthDate) || birthDate > today || birthDate < '1900-01-01')) problems.birthDate = 'invalid';
  const postalInput = clean(input.postalCode);
  const postal = postalInput ? parsePostalCode(postalInput)?.replace('-', '') : '';
  if (postal === undefined) problems.postalCode = 'invalid';
  const address = text('address', 200, true);
  const buildingRoom = text('buildingRoom', 100, false);
  const phoneInput = clean(input.phone);
  const phone = phoneInput ? normalizePhone(phoneInput) : undefined;
  if (!phoneInput) problems.phone = 'required';
  else if (!phone) problems.phone = 'invalid';
  const emailInput = clean(input.email);
  const email = emailInput ? normalizeEmail(emailInput) : null;
  if (email === undefined) problems.email = 'invalid';
  if (!birthDate && !emailInput) problems.birthDate ??= 'required';
  const requestNote = text('requestNote', 1000, false);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    applicant: { name, kana, gender: gender!, birthDate, postalCode: postal ?? '', address, buildingRoom, phone: phone!, email: email ?? null, requestNote },
  };
}
