// The Japanese text kernel: width, kana, name matching, 和暦, holidays, postal codes, 全銀 kana.
// Pure functions only; modules import them from here.

export { addDays, dayOfWeek, findDateParts, findPlainDate, getDateParts, isPlainDate, todayInJapan } from './date.ts';
export type { DateParts, DayOfWeek } from './date.ts';

export { foldWidth, toFullWidth, toFullWidthAscii, toFullWidthKana, toHalfWidth, toHalfWidthAscii, toHalfWidthKana } from './width.ts';

export { DASH_VARIANTS, replaceDashes } from './dashes.ts';

export {
  hasHalfWidthKana,
  hiraganaToKatakana,
  isHiragana,
  isKana,
  isKatakana,
  joinVoicingMarks,
  katakanaToHiragana,
  toCanonicalKatakana,
} from './kana.ts';
export type { KanaTestOptions } from './kana.ts';

export {
  classifyNameMatch,
  classifyNameMatchEitherOrder,
  kanaNameParts,
  normalizeKanaLoose,
  normalizeKanaStrict,
} from './name-match.ts';
export type { NameMatch, NameMatchTier, NormalizationTier } from './name-match.ts';

export { ERAS, findEra, fiscalYearOf, formatFiscalYear, formatWareki, parseWareki, toWareki } from './wareki.ts';
export type { Era, EraName, WarekiDate, WarekiFormatOptions } from './wareki.ts';

export {
  counterOpenDayOnOrAfter,
  HOLIDAY_DATA_RANGE,
  holidayName,
  isCounterClosed,
  isHoliday,
  isYearEndClosure,
  WEEKEND,
} from './calendar.ts';
export type { CounterCalendarOptions } from './calendar.ts';

export { formatPostalCode, parsePostalCode } from './postal-code.ts';
export type { PostalCodeFormatOptions } from './postal-code.ts';

export { isZenginText, padZengin, toZenginKana } from './zengin-kana.ts';
export type { PadZenginOptions, ZenginField, ZenginKanaResult } from './zengin-kana.ts';

export { formatLuhnNumber, luhnCheckDigit, newLuhnNumber, parseLuhnNumber } from './luhn-number.ts';
