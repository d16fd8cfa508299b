// 郵便番号: seven digits, written '530-0001'. Residents type them in every width, with or
// without the hyphen and the 〒 mark, and with whatever dash their keyboard gives.

/** Options for formatPostalCode: withMark prefixes the 〒 for addresses on paper. */
export interface PostalCodeFormatOptions {
  readonly withMark?: boolean;
}

// After NFKC (full-width digits, －, 〶 → 〒): an optional 〒, 3 digits, one optional separator
// (a dash look-alike, ー typed by IME users, or a space), 4 digits.
const POSTAL_CODE = /^〒?\s*(\d{3})[-\u2010-\u2015\u2212\u30FC ]?(\d{4})$/;

/** The canonical '530-0001' from '5300001', '530-0001', '５３０－０００１' or '〒530-0001'; undefined if it is not one. */
export function parsePostalCode(input: string): string | undefined {
  const m = POSTAL_CODE.exec(input.normalize('NFKC').trim());
  return m ? `${m[1]}-${m[2]}` : undefined;
}

/** The canonical form, optionally with 〒; throws a RangeError because callers pass codes already validated. */
export function formatPostalCode(input: string, options: PostalCodeFormatOptions = {}): string {
  const code = parsePostalCode(input);
  if (!code) throw new RangeError(`not a postal code: ${JSON.stringify(input)}`);
  return options.withMark ? `〒${code}` : code;
}
