// The certificate's font goes into each PDF as two subsets of the same face. The form's own text (labels, headings,
// digits, kana, 和暦) is the same on every certificate, so its subset is built, encoded and compressed once per process
// and written into every PDF as the same bytes; a second, small subset per certificate carries the rest (names,
// addresses, the municipality's name). Subsetting and compressing the ~200 glyphs of the whole page for every
// certificate was a third of the time it took to draw one.
//
// pdfkit has no way to hand it a finished font stream, so this reaches into two of its internals, pinned by the
// lockfile and covered by the renderer's tests (pdftotext, qpdf --check): an embedded font's `subset` (whose glyph
// numbering is set by the order glyphs are included) and `embed()` (which asks the document for the font file's
// stream object first).

import zlib from 'node:zlib';
import type * as fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';
import { certificateFont } from './font.ts';
import { encodeTrueTypeSubset, type SubsetInternals } from './truetype-subset.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** The kana and kanji of the form's labels, headings and sentences (domain/printed.ts, tax-record.ts, render.ts) and the era names. */
const FORM_WORDS =
  'いおかがきこさしすせたてでとなのはひまみもりるれをんガコドナフリ' +
  '一上不与人非他令企会住保偶元入公共内円分別割労動勤医収取号合同名告命和営在地均基境大婦学定害容寡対小居市平年度当得性成所扶掛控数料方族日明昭普暦書月未本林森業標模正歳氏民治況済減満準無特状現環生産申番療発的県確礎社税等給総老者般行表規親計記証該認読課象費載通配金除険障震額養男女';

/** Every character the form subset holds: digits and the amounts' and numbers' signs, the form's punctuation and words. */
export const FORM_CHARACTERS = new Set([...'0123456789 ,.-*()/:QR', ...'ー・、。「」（）－＊■　', ...FORM_WORDS]);

interface FormSubset {
  /** Glyph ids in the order they are numbered in the subset (1, 2, …; 0 is .notdef). */
  glyphIds: number[];
  /** The encoded subset, deflated. */
  deflated: Buffer;
}

let formSubset: FormSubset | undefined;
let namesFont: fontkit.Font | undefined;

function buildFormSubset(font: fontkit.Font): FormSubset {
  const glyphIds = [...new Set(font.glyphsForString([...FORM_CHARACTERS].join('')).map((g) => g.id))].filter((id) => id !== 0);
  const subset = font.createSubset();
  for (const id of glyphIds) subset.includeGlyph(font.getGlyph(id));
  return { glyphIds, deflated: zlib.deflateSync(subset.encode()) };
}

// The same face under another PostScript name (pdfkit merges fonts of one name into one subset), whose subsets encode
// by copying (truetype-subset.ts).
function variableTextFont(font: fontkit.Font): fontkit.Font {
  const names = Object.create(font, { postscriptName: { value: `${font.postscriptName}-Var` } }) as fontkit.Font;
  names.createSubset = () => {
    const subset = font.createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => encodeTrueTypeSubset(subset as unknown as SubsetInternals) ?? encode();
    return subset;
  };
  return names;
}

/** What pdfkit keeps of an embedded font that this file uses (see the top of the file). */
interface EmbeddedFontInternals {
  subset: { includeGlyph(id: number): number; encode(): Uint8Array };
  widths: number[];
  unicode: number[][];
  scale: number;
  embed(): void;
}
interface DocInternals {
  _font: EmbeddedFontInternals;
  ref(data?: object): { end(chunk?: Uint8Array): void };
}

/** Numbers the form glyphs first, as the cached subset does, and makes embed() write the cached stream. */
function useFormSubset(doc: DocInternals, font: fontkit.Font, form: FormSubset): void {
  const embedded = doc._font;
  for (const id of form.glyphIds) {
    const gid = embedded.subset.includeGlyph(id);
    const glyph = font.getGlyph(id);
    embedded.widths[gid] = glyph.advanceWidth * embedded.scale;
    embedded.unicode[gid] = glyph.codePoints;
  }
  const embed = embedded.embed.bind(embedded);
  embedded.subset.encode = () => new Uint8Array(0);
  embedded.embed = () => {
    const ref = doc.ref.bind(doc);
    // The first object embed() asks for is the font file: it gets the stream already compressed.
    doc.ref = (data?: object) => {
      doc.ref = ref;
      const fontFile = ref({ ...data, Filter: 'FlateDecode' });
      const end = fontFile.end.bind(fontFile);
      fontFile.end = () => end(form.deflated);
      return fontFile;
    };
    embed();
  };
}

/**
 * A new PDF's fonts, registered as `form` and `names`, the form subset already numbered; call before drawing any text.
 * The document must be created with `font: null`, so that no other font is opened.
 */
export function attachCertificateFonts(doc: Doc): void {
  const font = certificateFont();
  formSubset ??= buildFormSubset(font);
  namesFont ??= variableTextFont(font);
  doc.registerFont('form', font as unknown as string);
  doc.registerFont('names', namesFont as unknown as string);
  doc.font('form');
  useFormSubset(doc as unknown as DocInternals, font, formSubset);
}

/** True when the form subset has every character of `text`. */
export function inFormSubset(text: string): boolean {
  for (const ch of text) if (!FORM_CHARACTERS.has(ch)) return false;
  return true;
}

const namesDrawn = new WeakMap<Doc, number>();

/** Selects the subset that `text` is drawn with: the form's when it has every character, else the per-PDF one. */
export function fontFor(doc: Doc, text: string): Doc {
  if (inFormSubset(text)) return doc.font('form');
  namesDrawn.set(doc, (namesDrawn.get(doc) ?? 0) + 1);
  return doc.font('names');
}

/** How many times text of this PDF was drawn with the per-certificate subset. */
export function namesSubsetUses(doc: Doc): number {
  return namesDrawn.get(doc) ?? 0;
}

/** Puts the form subset in the page's resources, as drawing text with it does, and answers its resource name. */
export function useFormFont(doc: Doc): string {
  const d = doc.font('form') as unknown as { _font: { id: string; ref(): unknown }; page: { fonts: Record<string, unknown> } };
  d.page.fonts[d._font.id] ??= d._font.ref();
  return d._font.id;
}
