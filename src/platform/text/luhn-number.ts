// 12-digit numbers people read out and type: 11 random digits and a Luhn check digit, so that a digit mistyped or two
// swapped on the phone is caught before any lookup. Random rather than sequential: the number must not tell how many
// others there are, nor lead to them. 受付番号 (applications) and 証明書番号 (certificates) are such numbers.
import { randomInt } from 'node:crypto';

/** The Luhn (ISO/IEC 7812-1) check digit for the digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A fresh number (12 digits, the first 1–8). Never 9: the demo's individual numbers start with 99, and a log check looks
 * for them; a receipt or reservation number in a logged URL must never be taken for one.
 */
export function newLuhnNumber(random: (max: number) => number = randomInt): string {
  let body = String(1 + random(8));
  while (body.length < 11) body += String(random(10));
  return body + luhnCheckDigit(body);
}

/** The number as typed (spaces, hyphens and full-width digits allowed), or undefined when it is not one. */
export function parseLuhnNumber(input: string): string | undefined {
  // Whatever dash the keyboard or input method makes: hyphens, dashes, the minus sign (U+2212), 長音符.
  const digits = input.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212\u30FC\uFF0D\uFF70]/g, '');
  if (!/^[1-9][0-9]{11}$/.test(digits)) return undefined;
  return luhnCheckDigit(digits.slice(0, 11)) === Number(digits[11]) ? digits : undefined;
}

/** 1234-5678-9012: how the number is printed and read out. */
export function formatLuhnNumber(n: string): string {
  return `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`;
}
