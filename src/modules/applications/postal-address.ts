// 郵便番号 → 住所 for the form's "住所を検索" button: the demo city's own table (one fictional code per 町, 599-99xx, as
// the demo generator assigns them). A deployment for a real city would load the post office's KEN_ALL for its area.
import { towns } from '../../demo/address.ts';
import { demoCity } from '../../demo/demo-city.ts';
import { parsePostalCode } from '../../platform/text/index.ts';

const byCode = new Map(towns.map((t) => [t.postalCode, `${demoCity.prefectureJa}${demoCity.nameJa}${t.name}`]));

/** The address up to the 町 for a postal code as typed (any width, with or without the hyphen), or undefined when unknown. */
export function lookupPostalAddress(input: string): string | undefined {
  const code = parsePostalCode(input);
  return code ? byCode.get(code) : undefined;
}
