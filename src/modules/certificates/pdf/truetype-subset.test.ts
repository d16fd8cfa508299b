import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certificateFont } from './font.ts';
import { encodeTrueTypeSubset, type SubsetInternals } from './truetype-subset.ts';

describe('TrueType subset by copying', () => {
  const font = certificateFont();
  const cases: Array<[string, string]> = [
    ['a name in kanji', '見本\u3000花子'],
    ['old-style and rare kanji, small kana and ヴ', '渡邉髙橋\u3000ヴァレンティナ'],
    ['an address with digits and full-width signs', '見本市中央3丁目12番地の5－101'],
    ['Latin letters and enclosed characters', 'ABCxyz①㈱'],
    ['nothing but .notdef', ''],
  ];
  for (const [what, text] of cases) {
    it(`writes the same bytes as fontkit for ${what}`, () => {
      const theirs = font.createSubset();
      const ours = font.createSubset();
      for (const glyph of font.glyphsForString(text)) {
        theirs.includeGlyph(glyph);
        ours.includeGlyph(glyph);
      }
      const expected = Buffer.from(theirs.encode());
      const actual = encodeTrueTypeSubset(ours as unknown as SubsetInternals);
      assert.ok(actual, 'encoded');
      assert.equal(Buffer.from(actual).compare(expected), 0, `${actual.length} bytes against fontkit's ${expected.length}`);
    });
  }
});
