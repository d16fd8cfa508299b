// 個人番号 (My Number): 11 digits and a check digit (番号法施行令 第8条), checked wherever a number enters.
import { replaceDashes } from '../text/dashes.ts';

/**
 * The check digit of the first 11 digits: P_n is the n-th digit from the right of the 11, Q_n = n + 1 for 1 ≤ n ≤ 6
 * and n − 5 for 7 ≤ n ≤ 11; the digit is 11 − (Σ P_n × Q_n mod 11), or 0 when that remainder is 0 or 1.
 */
export function individualNumberCheckDigit(first11: string): number {
  if (!/^[0-9]{11}$/.test(first11)) throw new TypeError('individualNumberCheckDigit needs exactly 11 ASCII digits');
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += (first11.charCodeAt(11 - n) - 48) * (n <= 6 ? n + 1 : n - 5);
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

/** True for exactly 12 ASCII digits whose last is the check digit of the first 11 (normalise typed input first). */
export function isValidIndividualNumber(s: string): boolean {
  return /^[0-9]{12}$/.test(s) && individualNumberCheckDigit(s.slice(0, 11)) === s.charCodeAt(11) - 48;
}

/** 12 ASCII digits from what a person typed or pasted (full-width digits, hyphens, spaces), or undefined; the check digit is not judged here. */
export function normalizeIndividualNumber(input: string): string | undefined {
  // NFKC turns full-width digits and the ideographic space into ASCII; ー is what a Japanese IME gives for "-" in a number.
  const digits = replaceDashes(input.normalize('NFKC'), '').replace(/[\sー]/g, '');
  return /^[0-9]{12}$/.test(digits) ? digits : undefined;
}

/** The normalised number when it is well-formed and its check digit is right, else undefined. */
export function parseIndividualNumber(input: string): string | undefined {
  const digits = normalizeIndividualNumber(input);
  return digits !== undefined && isValidIndividualNumber(digits) ? digits : undefined;
}
