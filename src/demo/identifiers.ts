// The demo city's internal numbers. Real systems each number residents their own way; ours are fixed-width digit
// strings derived from the resident's position in the run, so they are unique per run and stable for a seed.

/** The largest run the numbering supports: 宛名番号 spreads the index over 8 digits. */
export const maxResidents = 100_000_000;

/** A modulus-11 check digit with weights 2–7 repeating from the right, folded to one digit (10 → 0). */
export function mod11CheckDigit(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  return (11 - (sum % 11)) % 10;
}

function withCheck(body: string): string {
  return body + String(mod11CheckDigit(body));
}

/** 住記個人番号: the resident-registry number, 9 serial digits from 100000001 plus a check digit (10 digits). */
export function residentNumber(index: number): string {
  return withCheck(String(100_000_001 + index));
}

/** 宛名番号 (業務宛名番号): the tax system's own number, "5" + 8 spread digits + a check digit (10 digits). */
export function addresseeNumber(index: number, salt: number): string {
  const body = (index * 3_571 + salt) % 100_000_000; // 3,571 is coprime to 10: a bijection on 8 digits
  return withCheck('5' + String(body).padStart(8, '0'));
}

/** 団体内統合宛名番号: the municipality code followed by 9 spread digits (15 digits), the key of information linkage. */
export function integratedAddresseeNumber(municipalityCode: string, index: number, salt: number): string {
  const body = (index * 104_729 + salt) % 1_000_000_000; // 104,729 is coprime to 10
  return municipalityCode + String(body).padStart(9, '0');
}

/** 世帯番号: "8" + the 9-digit serial of the household's first member (10 digits). */
export function householdNumber(firstMemberIndex: number): string {
  return '8' + String(firstMemberIndex + 1).padStart(9, '0');
}
