// The printed form — ruled cells, labels, headings — is the same on every certificate of one layout; only the values
// differ. Its drawing operators are recorded and compressed once per layout and process, and every PDF draws the form
// as a form XObject holding those bytes, so the labels are neither laid out nor compressed again for each certificate.
// The copy is exact because the form subset numbers its glyphs the same way in every PDF (form-font.ts); a form that
// needed the per-certificate subset is drawn inline and not kept.

import zlib from 'node:zlib';
import type PDFDocument from 'pdfkit';
import { namesSubsetUses, useFormFont } from './form-font.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** Layouts kept per process: a handful in practice (type × rows present), bounded against surprises. */
const MAX_LAYOUTS = 100;
const recorded = new Map<string, Buffer>();

interface PageInternals {
  content: { write(chunk: string | Uint8Array): unknown };
  width: number;
  height: number;
  resources: object;
  xobjects: Record<string, unknown>;
}

/** Draws the recorded form as a form XObject sharing the page's resources (the form font is among them). */
function drawRecorded(doc: Doc, deflated: Buffer): void {
  const page = doc.page as unknown as PageInternals;
  useFormFont(doc);
  const ref = (doc as unknown as { ref(data: object): { end(chunk: Uint8Array): void } }).ref({
    Type: 'XObject', Subtype: 'Form', BBox: [0, 0, page.width, page.height], Resources: page.resources, Filter: 'FlateDecode',
  });
  ref.end(deflated);
  page.xobjects.Form = ref;
  doc.addContent('/Form Do');
}

/** Draws the form of layout `key` with `draw` (form text only), or writes its recorded operators. */
export function formLayer(doc: Doc, key: string, draw: () => void): void {
  const kept = recorded.get(key);
  if (kept !== undefined) {
    drawRecorded(doc, kept);
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
  if (namesSubsetUses(doc) !== namesBefore || recorded.size >= MAX_LAYOUTS) {
    doc.addContent(operators);
    return;
  }
  const deflated = zlib.deflateSync(Buffer.from(`${operators}\n`, 'latin1'));
  recorded.set(key, deflated);
  drawRecorded(doc, deflated);
}

/** How many layouts this process has recorded. */
export function formLayoutsKept(): number {
  return recorded.size;
}
