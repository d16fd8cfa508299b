// 個人番号 (My Number): 11 digits and a check digit, by the rule of 行政手続における特定の個人を識別するための番号の利用等に
// 関する法律施行令 第8条. Demo numbers are valid by check digit but recognisably synthetic: every one starts with "99".

/** The prefix of every synthetic 個人番号 the generator writes, so a demo number is spotted at a glance. */
export const syntheticMyNumberPrefix = '99';

/**
 * The check digit for the first 11 digits: P_n is the n-th digit counted from the right of the 11, weight Q_n = n + 1
 * for 1 ≤ n ≤ 6 and n − 5 for 7 ≤ n ≤ 11; check = 11 − (Σ P_n × Q_n mod 11), or 0 when the remainder is 0 or 1.
 */
export function myNumberCheckDigit(first11: string): number {
  if (!/^\d{11}$/.test(first11)) throw new Error('myNumberCheckDigit needs exactly 11 digits');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const digit = first11.charCodeAt(11 - n) - 48;
    sum += digit * (n <= 6 ? n + 1 : n - 5);
  }
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

/** True for 12 digits whose last digit is the check digit of the first 11. */
export function isValidMyNumber(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  return myNumberCheckDigit(value.slice(0, 11)) === value.charCodeAt(11) - 48;
}

// An affine map i → (a·i + b) mod 10^9 is a bijection when gcd(a, 10) = 1, so numbers are unique yet not sequential.
const SPREAD_MULTIPLIER = 7_919_137;

/** The synthetic 個人番号 of the resident at a 0-based index (< 10^9): "99" + 9 spread digits + check digit. */
export function syntheticMyNumber(index: number, salt: number): string {
  const body = (index * SPREAD_MULTIPLIER + salt) % 1_000_000_000;
  const first11 = syntheticMyNumberPrefix + String(body).padStart(9, '0');
  return first11 + String(myNumberCheckDigit(first11));
}
