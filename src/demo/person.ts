// Making one person: birth date for an age, names (Japanese, foreign, alias), disability, phone and economic profile.

import { randomPhone } from './address.ts';
import { civil, dayOf } from './days.ts';
import { economyFor } from './economy.ts';
import { aliasSurnames, foreignName, type ForeignName } from './foreign-names.ts';
import type { Household, Person, Relation, Sex } from './model.ts';
import { cohortOf, givenNames, nameSeparator, type NamePart } from './names.ts';
import type { Random } from './random.ts';

/** The reference day of a run and the income year the economic profiles are drawn for. */
export interface Clock {
  /** 基準日: the day the data describes (1 June of the base fiscal year, after certificates switch year). */
  asOf: number;
  asOfYear: number;
  asOfMonth: number;
  asOfDay: number;
  /** The income year of the base fiscal year (base fiscal year − 1). */
  baseIncomeYear: number;
}

/** A birth day such that the person is exactly `age` on the reference day. */
export function birthDayForAge(rng: Random, clock: Clock, age: number): number {
  const latest = dayOf(clock.asOfYear - age, clock.asOfMonth, clock.asOfDay);
  const earliest = dayOf(clock.asOfYear - age - 1, clock.asOfMonth, clock.asOfDay) + 1;
  return earliest + rng.int(latest - earliest + 1);
}

/** What a new person is: relation, sex, age, and their name if decided by the family. */
export interface PersonSpec {
  relation: Relation;
  sex: Sex;
  age: number;
  family: NamePart;
  /** Foreign name options: a nationality (spouse) or a parent (child); undefined for a Japanese national. */
  foreign?: { nationality?: string; parent?: ForeignName } | undefined;
}

/** A Japanese given name of the person's sex and birth cohort. */
export function japaneseGiven(rng: Random, sex: Sex, birthYear: number): NamePart {
  return rng.weighted(givenNames(sex, cohortOf(birthYear)));
}

// 在留資格 by nationality and age: 特別永住者 for older Koreans, trainees and students among the young, family stays.
function residenceStatusFor(rng: Random, nationality: string, age: number, relation: Relation): string {
  if (nationality === '韓国' && age >= 40 && rng.chance(0.7)) return '特別永住者';
  if (relation === '子') return age < 18 ? (rng.chance(0.5) ? '家族滞在' : '永住者') : '定住者';
  if (relation === '妻' || relation === '夫') return rng.chance(0.5) ? '家族滞在' : '永住者';
  if (age >= 45) return rng.chance(0.7) ? '永住者' : '定住者';
  if (nationality === 'ベトナム' || nationality === 'インドネシア' || nationality === 'フィリピン') {
    return rng.pick(['技能実習', '技能実習', '特定技能', '特定技能', '留学', '技術・人文知識・国際業務', '永住者']);
  }
  if (nationality === 'ブラジル') return rng.pick(['定住者', '永住者', '日本人の配偶者等']);
  return rng.pick(['留学', '技術・人文知識・国際業務', '技術・人文知識・国際業務', '永住者', '経営・管理']);
}

function aliasFor(rng: Random, name: ForeignName, birthYear: number, sex: Sex, parentAlias: NamePart | undefined): NamePart | undefined {
  const chance = name.nationality === '韓国' ? (birthYear < 1980 ? 0.6 : 0.3) : name.nationality === '中国' ? 0.15 : 0;
  if (!parentAlias && !rng.chance(chance)) return undefined;
  const surname = parentAlias ? { written: parentAlias.written.split(nameSeparator)[0]!, kana: parentAlias.kana.split(nameSeparator)[0]! } : rng.pick(aliasSurnames);
  const given = japaneseGiven(rng, sex, birthYear);
  return { written: `${surname.written}${nameSeparator}${given.written}`, kana: `${surname.kana}${nameSeparator}${given.kana}` };
}

/** Creates a person of the household from a spec; status, residence dates and address come from the household. */
export function makePerson(rng: Random, clock: Clock, household: Household, index: number, spec: PersonSpec, parentAlias?: NamePart): Person {
  const birthDay = birthDayForAge(rng, clock, spec.age);
  const birthYear = civil(birthDay).year;
  let family = spec.family;
  let given: NamePart;
  let foreign: ForeignName | undefined;
  let alias: NamePart | undefined;
  let residenceStatus = '';
  if (spec.foreign) {
    foreign = foreignName(rng, spec.sex, spec.foreign);
    family = { written: foreign.kanji?.family ?? foreign.family.alphabet, kana: foreign.kana.family };
    given = { written: foreign.kanji?.given ?? foreign.alphabet.slice(foreign.family.alphabet.length).trim(), kana: foreign.kana.given };
    alias = aliasFor(rng, foreign, birthYear, spec.sex, parentAlias);
    residenceStatus = residenceStatusFor(rng, foreign.nationality, spec.age, spec.relation);
  } else {
    given = japaneseGiven(rng, spec.sex, birthYear);
  }
  const age = spec.age;
  const disabled = rng.chance(age < 18 ? 0.01 : age < 65 ? 0.03 : 0.08);
  return {
    index,
    household,
    relation: spec.relation,
    sex: spec.sex,
    birthDay,
    birthYear,
    family,
    given,
    foreign,
    residenceStatus,
    alias,
    residentSince: birthDay,
    previousMunicipality: '',
    status: '住民',
    statusDay: undefined,
    supportMeasure: false,
    phone: age >= 18 && rng.chance(0.75) ? randomPhone(rng, true) : '',
    disability: disabled ? (rng.chance(0.3) ? 2 : 1) : 0,
    widowed: false,
    economy: economyFor(rng, spec.sex, clock.baseIncomeYear - birthYear),
    abroad: [],
  };
}
