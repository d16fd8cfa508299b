// The header line: which columns a file must have, may have, and which it must not.
import type { RowError } from './row-error.ts';

/** The columns an import expects, by their header text. */
export interface HeaderSpec<R extends string = string, O extends string = string> {
  required: readonly R[];
  optional?: readonly O[];
  /** Extra columns are an error unless this is true (a misspelt optional column would otherwise be dropped unseen). */
  allowUnknown?: boolean;
}

/** A record keyed by header text, typed by the spec: required columns always there, optional ones maybe. */
export type CsvRecord<R extends string = string, O extends string = never> = { readonly [K in R]: string } & { readonly [K in O]?: string };

/**
 * The header cells as the reader uses them: trimmed, and without the empty cells Excel leaves
 * at the end of a line when a column to the right was once used.
 */
export function normalizeHeader(cells: readonly string[]): string[] {
  const names = cells.map((c) => c.trim());
  while (names.length > 0 && names.at(-1) === '') names.pop();
  return names;
}

/** Everything wrong with a header against its spec, all on the header's line: blank, duplicate, missing, unknown. */
export function checkHeader(names: readonly string[], spec: HeaderSpec, line = 1): RowError[] {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') errors.push({ line, code: 'header_blank', params: { position: i + 1 } });
    else if (seen.has(name)) errors.push({ line, code: 'header_duplicate', params: { name } });
    seen.add(name);
  });
  for (const name of spec.required) if (!seen.has(name)) errors.push({ line, code: 'header_missing', params: { name } });
  if (!spec.allowUnknown) {
    const known = new Set<string>([...spec.required, ...(spec.optional ?? [])]);
    for (const name of seen) if (name !== '' && !known.has(name)) errors.push({ line, code: 'header_unknown', params: { name } });
  }
  return errors;
}
