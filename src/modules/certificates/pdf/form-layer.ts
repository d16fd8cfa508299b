// The printed form — ruled cells, labels, headings — is the same on every certificate of one layout; only the values
// differ. Its drawing operators are recorded once per layout and process and written again into later PDFs, so the
// labels are not laid out and encoded again for every certificate. The copy is exact because the form subset numbers
// its glyphs the same way in every PDF (form-font.ts); a form that needed the per-certificate subset is not kept.

import type PDFDocument from 'pdfkit';
import { namesSubsetUses, useFormFont } from './form-font.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** Layouts kept per process: a handful in practice (type × rows present), bounded against surprises. */
const MAX_LAYOUTS = 100;
const recorded = new Map<string, string>();

interface PageInternals {
  content: { write(chunk: string | Uint8Array): unknown };
}

/** Draws the form of layout `key` with `draw` (form text only), or writes its recorded operators. */
export function formLayer(doc: Doc, key: string, draw: () => void): void {
  const kept = recorded.get(key);
  if (kept !== undefined) {
    useFormFont(doc);
    doc.addContent(kept);
    return;
  }
  const page = doc.page as unknown as PageInternals;
  const content = page.content;
  const namesBefore = namesSubsetUses(doc);
  const parts: string[] = [];
  // pdfkit writes each operator string to the page's content stream followed by a newline.
  page.content = { write: (chunk) => parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1')) };
  try {
    useFormFont(doc);
    draw();
  } finally {
    page.content = content;
  }
  const operators = parts.join('\n');
  if (namesSubsetUses(doc) === namesBefore && recorded.size < MAX_LAYOUTS) recorded.set(key, operators);
  doc.addContent(operators);
}

/** How many layouts this process has recorded. */
export function formLayoutsKept(): number {
  return recorded.size;
}
