// The card list's filter as the address carries it (status, site, id, kana, from, to), read into a CardFilter: a value
// that is not one (an unknown status, a date that is no date, an ID prefix with letters, a kana prefix that is not
// kana) is dropped, not guessed at.
import { isKatakana, isPlainDate, replaceDashes, toHalfWidthAscii } from '../../../../platform/text/index.ts';
import { kanaKey } from '../../domain/card-record.ts';
import { isCardStatus } from '../../domain/card-status.ts';
import type { CardFilter } from './store.ts';

const field = (max: number) => ({ type: 'string', maxLength: max }) as const;

/** The query fields of the filter, for route schemas. */
export const filterSchema = { status: field(30), site: field(40), id: field(40), kana: field(60), from: field(10), to: field(10) } as const;

/** The first digits of 申請書ID as typed (full width, spaces and dashes folded), or undefined. */
export function idPrefixOf(raw: string | undefined): string | undefined {
  const digits = replaceDashes(toHalfWidthAscii(raw ?? ''), '').replace(/\s/g, '');
  return /^[0-9]{1,23}$/.test(digits) ? digits : undefined;
}

/** The first letters of 氏名カナ as typed (hiragana, half width, spaces), as the records keep it; undefined unless kana. */
export function kanaPrefixOf(raw: string | undefined): string | undefined {
  const key = kanaKey(raw ?? '');
  return isKatakana(key) ? key : undefined;
}

/** The filter the query fields describe. */
export function parseFilter(q: Partial<Record<keyof typeof filterSchema, string | undefined>>): CardFilter {
  const date = (d: string | undefined) => (d && isPlainDate(d) ? d : undefined);
  return {
    status: q.status && isCardStatus(q.status) ? q.status : undefined,
    site: q.site || undefined,
    idPrefix: idPrefixOf(q.id),
    kanaPrefix: kanaPrefixOf(q.kana),
    from: date(q.from),
    to: date(q.to),
  };
}
