// How a person's fields read in the files: names with a full-width space between family and given name (the
// registry's convention), the alphabet name for foreigners without kanji, and every number the person is known by.

import {
  addresseeNumber,
  householdNumber,
  integratedAddresseeNumber,
  residentNumber,
} from './identifiers.ts';
import type { Person } from './model.ts';
import { syntheticMyNumber } from './my-number.ts';
import { hasGaiji, nameSeparator } from './names.ts';

/** Per-run salts that spread the numbers differently for each seed. */
export interface NumberSalts {
  municipalityCode: string;
  myNumber: number;
  addressee: number;
  integrated: number;
}

/** Every number of one person. */
export interface PersonNumbers {
  /** 住記個人番号 */
  resident: string;
  /** 宛名番号 (業務宛名番号 in the tax system) */
  addressee: string;
  /** 団体内統合宛名番号 */
  integrated: string;
  /** 個人番号 (synthetic, valid by check digit) */
  myNumber: string;
  /** 世帯番号 */
  household: string;
}

/** The numbers of a person, derived from their index and the run's salts. */
export function numbersOf(person: Person, salts: NumberSalts): PersonNumbers {
  return {
    resident: residentNumber(person.index),
    addressee: addresseeNumber(person.index, salts.addressee),
    integrated: integratedAddresseeNumber(salts.municipalityCode, person.index, salts.integrated),
    myNumber: syntheticMyNumber(person.index, salts.myNumber),
    household: householdNumber(person.household.firstIndex),
  };
}

/** 氏名 as registered: kanji (or kana) with a full-width space, or for a foreigner without kanji the alphabet name. */
export function writtenName(person: Person): string {
  if (person.foreign && !person.foreign.kanji) return person.foreign.alphabet;
  return person.family.written ? `${person.family.written}${nameSeparator}${person.given.written}` : person.given.written;
}

/** 氏名カナ: family and given reading in katakana, separated by a full-width space. */
export function kanaName(person: Person): string {
  return person.family.kana ? `${person.family.kana}${nameSeparator}${person.given.kana}` : person.given.kana;
}

/** 性別 as printed: 男 or 女. */
export function sexLabel(person: Person): string {
  return person.sex === 1 ? '男' : '女';
}

/** True when the person's registered names hold a character kept as 外字 (a certificate may not print it). */
export function nameHasGaiji(person: Person): boolean {
  return hasGaiji(person.family.written) || hasGaiji(person.given.written) || (person.alias !== undefined && hasGaiji(person.alias.written));
}
