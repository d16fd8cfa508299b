// CSV text for the demo files: RFC 4180 quoting, CRLF line ends (what municipal systems exchange), UTF-8 without BOM.
// Rows are built as plain strings, not through a CSV library, because 1.5 M residents need millions of rows a minute.

/** The line end of every demo file. */
export const EOL = '\r\n';

const needsQuotes = /[",\r\n]/;

/** One field: quoted (with inner quotes doubled) only when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A header or data row from its fields, each quoted as needed, with the line end. */
export function csvRow(fields: ReadonlyArray<string | number>): string {
  let row = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    row += (i === 0 ? '' : ',') + (typeof field === 'number' ? String(field) : csvField(field));
  }
  return row + EOL;
}
