// The certificate's typeface: BIZ UD明朝 (Morisawa, SIL Open Font License 1.1; the licence text ships in the npm
// package beside the TTF). Parsed once per process (per worker thread) and handed to every PDF, which embeds only
// the glyphs it uses: parsing the 5.9 MB font per certificate would cost more than the rest of the PDF.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);
const FONT_FILE = '@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf';

let cached: fontkit.Font | undefined;

interface DecodingGlyph {
  _decode(): unknown;
}

// fontkit decodes a glyph's outline again every time a subset includes it, though the font never changes: a
// certificate's ~150 glyphs would be decoded per PDF. The glyph objects are kept by the font, so each keeps its
// first decoding (read-only afterwards: the subset copies the glyph's bytes, the outline is built from the points).
function decodeOnce(font: fontkit.Font): void {
  const getGlyph = font.getGlyph.bind(font);
  const seen = new WeakSet<object>();
  font.getGlyph = (id: number, codePoints?: number[]) => {
    const glyph = getGlyph(id, codePoints) as fontkit.Glyph & DecodingGlyph;
    if (glyph && !seen.has(glyph)) {
      seen.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
}

// Shaping (cmap, GSUB) the same labels again for every certificate is most of the text's cost: runs are kept per
// process, and each caller gets fresh positions because pdfkit scales them in place. Bounded: names and addresses
// vary, labels do not.
const MAX_KEPT_RUNS = 4000;

function layoutOnce(font: fontkit.Font): void {
  const layout = font.layout.bind(font);
  const runs = new Map<string, fontkit.GlyphRun>();
  font.layout = (text: string, ...rest: Parameters<fontkit.Font['layout']> extends [string, ...infer R] ? R : never) => {
    if (rest.some((r) => r !== undefined)) return layout(text, ...rest);
    let run = runs.get(text);
    if (!run) {
      run = layout(text);
      if (runs.size < MAX_KEPT_RUNS) runs.set(text, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    } as unknown as fontkit.GlyphRun;
  };
}

/** BIZ UD明朝 Regular, parsed on first use and kept. */
export function certificateFont(): fontkit.Font {
  if (!cached) {
    const font = fontkit.create(fs.readFileSync(require.resolve(FONT_FILE)));
    if (!('layout' in font)) throw new Error(`${FONT_FILE} is a font collection, not a font`);
    decodeOnce(font);
    layoutOnce(font);
    cached = font;
  }
  return cached;
}
