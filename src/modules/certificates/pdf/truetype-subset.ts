// A TrueType subset encoded as fontkit's TTFSubset encodes it — the same tables in the same order, the same bytes — but
// by copying: fontkit re-encodes every table through its generic struct encoder, walking the hinting programs (fpgm,
// prep, cvt) byte by byte, which made the per-certificate subset of a dozen name glyphs cost more than drawing the page.
// Only the glyph table, its index and the metrics are built; head, hhea and maxp are the font's own bytes with the
// glyph counts set. A subset with a composite glyph (none in BIZ UD明朝's mapped characters) is left to fontkit. The
// test compares the output with fontkit's byte for byte.

import type * as fontkit from 'fontkit';

/** What this reads of a parsed fontkit font and a subset beyond the published types. */
interface FontInternals {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  loca: { version: number; offsets: number[] };
  getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number }; _decode(): DecodedGlyph | null };
}
interface DecodedGlyph {
  numberOfContours: number;
}
/** A fontkit subset: its font and the glyph ids it holds, in subset order. */
export interface SubsetInternals {
  font: fontkit.Font;
  glyphs: number[];
}

const TABLE_ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

function rawTable(font: FontInternals, tag: string): Uint8Array {
  const entry = font.directory.tables[tag];
  if (!entry) throw new Error(`the font has no ${tag} table`);
  return font.stream.buffer.subarray(entry.offset, entry.offset + entry.length);
}

/** The subset's font program, or undefined when it holds a composite glyph (whose components fontkit renumbers). */
export function encodeTrueTypeSubset(subset: SubsetInternals): Uint8Array | undefined {
  const font = subset.font as unknown as FontInternals;
  if (font.loca.version !== 1) throw new Error('only fonts with long loca offsets are encoded here');
  const glyfStart = font.directory.tables.glyf!.offset;
  const glyphs: Uint8Array[] = [];
  const metrics: number[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const gid of subset.glyphs) {
    const glyph = font.getGlyph(gid);
    if ((glyph._decode()?.numberOfContours ?? 0) < 0) return undefined;
    const bytes = font.stream.buffer.subarray(glyfStart + font.loca.offsets[gid]!, glyfStart + font.loca.offsets[gid + 1]!);
    glyphs.push(bytes);
    offsets.push(offset);
    metrics.push(glyph.advanceWidth, glyph._getMetrics().leftBearing);
    offset += bytes.length;
  }
  offsets.push(offset);
  const count = glyphs.length;

  const head = Uint8Array.from(rawTable(font, 'head'));
  const hhea = Uint8Array.from(rawTable(font, 'hhea'));
  new DataView(hhea.buffer).setUint16(34, count); // numberOfHMetrics
  const maxp = Uint8Array.from(rawTable(font, 'maxp'));
  new DataView(maxp.buffer).setUint16(4, count); // numGlyphs
  const loca = new Uint8Array(4 * offsets.length);
  const locaView = new DataView(loca.buffer);
  offsets.forEach((o, i) => locaView.setUint32(4 * i, o));
  const hmtx = new Uint8Array(2 * metrics.length);
  const hmtxView = new DataView(hmtx.buffer);
  for (let i = 0; i < metrics.length; i += 2) {
    hmtxView.setUint16(2 * i, metrics[i]!);
    hmtxView.setInt16(2 * i + 2, metrics[i + 1]!);
  }
  const glyf = new Uint8Array(offset);
  let at = 0;
  for (const g of glyphs) {
    glyf.set(g, at);
    at += g.length;
  }
  const tables: Record<(typeof TABLE_ORDER)[number], Uint8Array> = {
    head, hhea, loca, maxp, 'cvt ': rawTable(font, 'cvt '), prep: rawTable(font, 'prep'), glyf, hmtx, fpgm: rawTable(font, 'fpgm'),
  };

  // The table directory as fontkit writes it: tag 'true', checksums 0, the tables right after it in this order.
  const n = TABLE_ORDER.length;
  const power = 2 ** Math.floor(Math.log2(n));
  const directorySize = 12 + 16 * n;
  const out = new Uint8Array(directorySize + TABLE_ORDER.reduce((sum, tag) => sum + tables[tag].length, 0));
  const view = new DataView(out.buffer);
  out.set([0x74, 0x72, 0x75, 0x65], 0);
  view.setUint16(4, n);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, n * 16 - power * 16);
  let dataAt = directorySize;
  TABLE_ORDER.forEach((tag, i) => {
    const entry = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[entry + k] = tag.charCodeAt(k);
    view.setUint32(entry + 8, dataAt);
    view.setUint32(entry + 12, tables[tag].length);
    out.set(tables[tag], dataAt);
    dataAt += tables[tag].length;
  });
  return out;
}
