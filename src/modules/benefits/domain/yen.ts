// Yen amounts in the benefit rules: whole, non-negative, and written the way the letters print them.

/** Throws when a yen amount is not a whole, non-negative, safe number: the rules never guess a fraction or a sign. */
export function assertYen(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${field} must be a whole number of yen, 0 or more, got ${value}`);
}

/** Rounds up to the next multiple of `unit` (1万円単位で切り上げ); a multiple stays as it is, 0 stays 0. */
export function roundUpTo(value: number, unit: number): number {
  return Math.ceil(value / unit) * unit;
}

// Grouped by hand: toLocaleString showed in the profile of 300,000 decisions, each explanation calling it about 20 times.
function grouped(value: number): string {
  const digits = String(value);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return out;
}

/** 「80,500円」 for the Japanese letter. */
export function yenJa(value: number): string {
  return `${grouped(value)}円`;
}

/** 「¥80,500」 for the English letter. */
export function yenEn(value: number): string {
  return `¥${grouped(value)}`;
}
