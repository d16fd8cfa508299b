// The card list's filter as the address carries it (status, site, id, from, to), read into a CardFilter: a value that
// is not one (an unknown status, a date that is no date, an ID prefix with letters) is dropped, not guessed at.
import { isPlainDate, replaceDashes, toHalfWidthAscii } from '../../../../platform/text/index.ts';
import { isCardStatus } from '../../domain/card-status.ts';
import type { CardFilter } from './store.ts';

const field = (max: number) => ({ type: 'string', maxLength: max }) as const;

/** The query fields of the filter, for route schemas. */
export const filterSchema = { status: field(30), site: field(40), id: field(40), from: field(10), to: field(10) } as const;

/** The first digits of 申請書ID as typed (full width, spaces and dashes folded), or undefined. */
export function idPrefixOf(raw: string | undefined): string | undefined {
  const digits = replaceDashes(toHalfWidthAscii(raw ?? ''), '').replace(/\s/g, '');
  return /^[0-9]{1,23}$/.test(digits) ? digits : undefined;
}

/** The filter the query fields describe. */
export function parseFilter(q: Partial<Record<keyof typeof filterSchema, string | undefined>>): CardFilter {
  const date = (d: string | undefined) => (d && isPlainDate(d) ? d : undefined);
  return {
    status: q.status && isCardStatus(q.status) ? q.status : undefined,
    site: q.site || undefined,
    idPrefix: idPrefixOf(q.id),
    from: date(q.from),
    to: date(q.to),
  };
}
