// Why a person gets nothing (or nothing more), as one table of codes with the words the letters and the console print.
// The ledger stores the code; the words come from here, so a corrected wording reaches every letter printed after it.
import type { Exclusion } from './programme.ts';
import { yenEn, yenJa } from './yen.ts';

/** Figures a message may name, such as the income cap of the rules in force. */
export interface ExclusionFigures {
  readonly incomeCap?: number;
}

interface Words {
  readonly ja: (f: ExclusionFigures) => string;
  readonly en: (f: ExclusionFigures) => string;
}

/** Every exclusion code of every benefit programme, with its words. */
export const exclusionMessages = {
  income_over_cap: {
    ja: (f) => `合計所得金額が${yenJa(f.incomeCap ?? 0)}を超えるため、支給の対象外です。`,
    en: (f) => `Not eligible: total income (合計所得金額) is over ${yenEn(f.incomeCap ?? 0)}.`,
  },
  no_shortfall: {
    ja: () => '定額減税可能額が税額を上回らない（減税しきれない額がない）ため、支給の対象外です。',
    en: () => 'Not eligible: the taxes absorb the whole flat-rate reduction, so nothing is left to make up.',
  },
  paid_in_full: {
    ja: () => '当初調整給付で必要な額を支給済みのため、不足額はありません。',
    en: () => 'Nothing more is due: the initial adjustment benefit already paid the amount needed.',
  },
  taxed: {
    ja: () => '令和6年分所得税または令和6年度個人住民税所得割が課税されているため、不足額給付Ⅱの対象外です。',
    en: () => 'Not eligible for top-up II: 2024 income tax or the 2024 resident tax income levy was charged.',
  },
  was_dependant: {
    ja: () => '令和5年または令和6年に扶養親族等とされていたため、不足額給付Ⅱの対象外です。',
    en: () => 'Not eligible for top-up II: counted as someone’s dependant in 2023 or 2024.',
  },
  low_income_household: {
    ja: () => '低所得世帯向け給付の対象世帯の世帯員であったため、不足額給付Ⅱの対象外です。',
    en: () => 'Not eligible for top-up II: a member of a household that received the low-income household benefit.',
  },
} as const satisfies Record<string, Words>;

/** A code of the table above. */
export type ExclusionCode = keyof typeof exclusionMessages;

/** The exclusion for a code, with its words filled in. */
export function exclusion<Code extends ExclusionCode>(code: Code, figures: ExclusionFigures = {}): Exclusion<Code> {
  const words: Words = exclusionMessages[code];
  return { code, ja: words.ja(figures), en: words.en(figures) };
}
