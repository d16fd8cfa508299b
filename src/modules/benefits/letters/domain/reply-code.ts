// 回答コード: the code printed on a 支給確認書 for the online reply. Sixteen characters of an alphabet without the
// look-alikes (0/O, 1/I), 80 bits, grouped by four; typed back with any width, case, spaces or hyphens. The ledger keeps
// only its SHA-256, so the database alone never answers for a resident; the code is made again from the
// municipality's secret whenever the letter is printed again.
import { createHash } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 16;

/** The code made from at least 10 bytes of secret-keyed MAC: 16 characters, grouped as XXXX-XXXX-XXXX-XXXX. */
export function replyCodeFrom(mac: Uint8Array): string {
  if (mac.length < 10) throw new RangeError('a reply code needs 10 bytes');
  let bits = 0n;
  for (const b of mac.subarray(0, 10)) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = LENGTH - 1; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code.match(/.{4}/g)!.join('-');
}

/** The code as typed, made canonical (16 characters of the alphabet, no separators), or undefined when it cannot be one. */
export function normaliseReplyCode(typed: string): string | undefined {
  const plain = typed.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑–—−ー]/g, '');
  return plain.length === LENGTH && [...plain].every((c) => ALPHABET.includes(c)) ? plain : undefined;
}

/** What the ledger stores of a code: SHA-256 hex of its canonical form. */
export function replyCodeHash(code: string): string {
  const canonical = normaliseReplyCode(code);
  if (!canonical) throw new RangeError('not a reply code');
  return createHash('sha256').update(canonical).digest('hex');
}
