// 全国地方公共団体コード: five digits and a check digit (JIS X 0401 / 総務省 rules).
import { AppError } from './errors.ts';

const weights = [6, 5, 4, 3, 2] as const;

/** The check digit for the first five digits: 11 − (Σ digit×weight mod 11), last digit only. */
export function municipalityCheckDigit(firstFive: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(firstFive[i]) * weights[i]!;
  return (11 - (sum % 11)) % 10;
}

/** True for a well-formed code: 6 digits, prefecture 01–47, correct check digit. */
export function isMunicipalityCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const pref = Number(code.slice(0, 2));
  if (pref < 1 || pref > 47) return false;
  return municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/** Returns the code or throws municipality_code_invalid. */
export function parseMunicipalityCode(code: string): string {
  if (!isMunicipalityCode(code)) throw new AppError('municipality_code_invalid', { code });
  return code;
}
