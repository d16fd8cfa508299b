// Active content in a PDF: JavaScript, launch actions, embedded files. An identity document never needs any, and a clerk
// opens these files on a desktop, so a PDF that has any (or hides its objects where we cannot read them) is refused.
// Not a PDF parser: it reads every name token outside streams and inside the streams that hold objects (compressed
// object streams), decoding #xx escapes, which is how actions are written however the file is laid out.
import { constants, inflateRawSync, inflateSync } from 'node:zlib';

// Action types and keys that run something or carry a file (ISO 32000-1 12.6, 7.11.4, 12.7.8 XFA, Adobe RichMedia).
const forbiddenNames = new Set(['JavaScript', 'JS', 'AA', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA', 'ImportData']);
// Inside image data only names too long to occur by chance in binary bytes are looked for (a hidden object there is
// still caught: a script needs /S /JavaScript, a launch /S /Launch).
const longForbiddenNames = new Set([...forbiddenNames].filter((n) => n.length >= 6));

const imageOnlyFilters = new Set(['DCTDecode', 'JPXDecode', 'CCITTFaxDecode', 'JBIG2Decode']);
/** Decompressed bytes we are willing to produce for one file (a zip bomb is refused, not inflated). */
const inflateBudget = 100 * 1024 * 1024;

/** The names in PDF text, with #xx escapes decoded (/J#61vaScript is /JavaScript to a reader). */
export function pdfNames(text: string): string[] {
  const names: string[] = [];
  // A name runs to the next white-space (NUL included) or delimiter character (ISO 32000-1 7.2.2).
  // eslint-disable-next-line no-control-regex
  for (const m of text.matchAll(/\/([^\x00\t\n\f\r /%()<>[\]{}]*)/g)) {
    names.push(m[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return names;
}

const firstForbidden = (text: string, set: ReadonlySet<string>) => pdfNames(text).find((n) => set.has(n));

function asciiHexDecode(data: Buffer): Buffer {
  const hex = data.toString('latin1').replace(/\s+/g, '').replace(/>.*$/s, '');
  if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new Error('bad hex');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85Decode(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/\s+/g, '').replace(/^<~/, '').replace(/~>.*$/s, '');
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84);
    for (let i = 0; i < n - 1; i++) out.push((value >>> (24 - 8 * i)) & 0xff);
    group = [];
  };
  for (const ch of text) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) throw new Error('bad ascii85');
    group.push(c);
    if (group.length === 5) flush(5);
  }
  if (group.length) flush(group.length);
  return Buffer.from(out);
}

/** Applies the stream's filters in order; throws for a filter we do not decode or bytes that do not decode. */
function decodeStream(data: Buffer, filters: readonly string[], budget: { left: number }): Buffer {
  let out = data;
  for (const filter of filters) {
    if (filter === 'FlateDecode' || filter === 'Fl') {
      const options = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, budget.left) };
      try {
        out = inflateSync(out, options);
      } catch {
        out = inflateRawSync(out, options);
      }
    } else if (filter === 'ASCIIHexDecode' || filter === 'AHx') out = asciiHexDecode(out);
    else if (filter === 'ASCII85Decode' || filter === 'A85') out = ascii85Decode(out);
    else throw new Error(`filter ${filter}`);
    budget.left -= out.length;
    if (budget.left < 0) throw new Error('too much');
  }
  return out;
}

interface StreamDict {
  isImage: boolean;
  isObjectStream: boolean;
  filters: string[];
}

function readDict(text: string): StreamDict {
  const names = pdfNames(text);
  const after = (key: string, value: string) => names.some((n, i) => n === key && names[i + 1] === value);
  const filters = names.filter((n) => /Decode$/.test(n) || ['Fl', 'AHx', 'A85', 'LZW', 'RL', 'CCF', 'DCT'].includes(n));
  return {
    isImage: after('Subtype', 'Image') || filters.some((f) => imageOnlyFilters.has(f)),
    // A reader finds compressed objects through the cross-reference stream and may not check /Type, so /N and /First
    // (an object stream's own keys) are enough to treat it as one.
    isObjectStream: after('Type', 'ObjStm') || (names.includes('N') && names.includes('First')),
    filters,
  };
}

/**
 * The first sign of active content in the PDF (the forbidden name, or why its objects could not be read), or undefined
 * for a PDF with none.
 */
export function findPdfActiveContent(pdf: Buffer): string | undefined {
  const text = pdf.toString('latin1');
  const budget = { left: inflateBudget };
  const outside: string[] = [];
  let cursor = 0;
  // "stream" then an end of line starts a stream's data, which runs to the first "endstream": a fake or early
  // "endstream" only makes more of the file count as outside text, which is read in full.
  const streamKeyword = /(?<!end)stream(?:\r\n|\n|\r)/g;
  for (let m = streamKeyword.exec(text); m; m = streamKeyword.exec(text)) {
    const dataStart = m.index + m[0].length;
    const end = text.indexOf('endstream', dataStart);
    if (end < 0) break; // no end: the rest is read as outside text
    // The stream's dictionary: what lies between the previous object's end (or stream's end) and the keyword.
    const dictStart = Math.max(text.lastIndexOf('endobj', m.index), cursor);
    outside.push(text.slice(cursor, m.index));
    const dict = readDict(text.slice(dictStart, m.index));
    const data = pdf.subarray(dataStart, end);
    cursor = end + 'endstream'.length;
    streamKeyword.lastIndex = cursor;

    if (dict.isImage) {
      const found = firstForbidden(data.toString('latin1'), longForbiddenNames);
      if (found) return found;
      continue;
    }
    let decoded: Buffer;
    try {
      decoded = decodeStream(data, dict.filters, budget);
    } catch {
      // Objects we cannot read may hold anything; other streams (page contents, fonts, XMP) cannot hold actions, but
      // are read for the unmistakable names as image data is.
      if (dict.isObjectStream || budget.left < 0) return 'unreadable object stream';
      const found = firstForbidden(data.toString('latin1'), longForbiddenNames);
      if (found) return found;
      continue;
    }
    // Only object streams hold dictionaries; fonts, profiles and cross-reference streams are binary once decoded.
    const found = firstForbidden(decoded.toString('latin1'), dict.isObjectStream ? forbiddenNames : longForbiddenNames);
    if (found) return found;
  }
  outside.push(text.slice(cursor));
  return firstForbidden(outside.join('\n'), forbiddenNames);
}
