// Households (世帯) of the demo city: composition roughly as the 2020 census reports it (singles 38 %, couples 20 %,
// couples with children 25 %, single parents 9 %, three generations and others), about 3 % foreign-headed, and a few
// Japanese–foreign marriages. Then the life events the registry records: moving in, moving within the city, moving
// out, death, and 支援措置.

import { previousMunicipalities, randomAddress, randomPhone } from './address.ts';
import type { Household, Person, Sex } from './model.ts';
import { nameSeparator, surnames, type NamePart } from './names.ts';
import { makePerson, type Clock, type PersonSpec } from './person.ts';
import { Weighted, type Random } from './random.ts';

type Kind = 'single' | 'couple' | 'family' | 'singleParent' | 'threeGenerations' | 'sharing';

const kinds = new Weighted<Kind>([
  ['single', 38],
  ['couple', 24],
  ['family', 21],
  ['singleParent', 7],
  ['threeGenerations', 5],
  ['sharing', 2],
]);

// Head's age by household kind: [from, to] bands with weights.
const headAges: Record<Kind, Weighted<readonly [number, number]>> = {
  single: bands([18, 24, 11], [25, 34, 16], [35, 49, 13], [50, 64, 15], [65, 74, 19], [75, 99, 26]),
  couple: bands([22, 34, 8], [35, 54, 10], [55, 64, 14], [65, 74, 32], [75, 97, 36]),
  family: bands([27, 34, 12], [35, 44, 28], [45, 54, 35], [55, 64, 25]),
  singleParent: bands([24, 34, 20], [35, 44, 40], [45, 60, 40]),
  threeGenerations: bands([32, 44, 40], [45, 56, 60]),
  sharing: bands([19, 30, 60], [31, 80, 40]),
};

function bands(...rows: Array<[number, number, number]>): Weighted<readonly [number, number]> {
  return new Weighted(rows.map(([from, to, weight]) => [[from, to] as const, weight] as const));
}

const childCounts = new Weighted<number>([
  [1, 45],
  [2, 42],
  [3, 11],
  [4, 2],
]);

const spouseNationalities = new Weighted<string>([
  ['フィリピン', 35],
  ['中国', 30],
  ['韓国', 20],
  ['ベトナム', 10],
  ['ブラジル', 5],
]);

/** Everything household generation needs besides the random stream. */
export interface HouseholdContext {
  clock: Clock;
  /** Prefecture and city, the start of every address: '大阪府見本市'. */
  addressPrefix: string;
}

/** Generates one household starting at `firstIndex` with at most `capacity` members (a chunk's end truncates it). */
export function generateHousehold(rng: Random, ctx: HouseholdContext, firstIndex: number, capacity: number): Household {
  const household: Household = {
    firstIndex,
    members: [],
    address: randomAddress(rng, ctx.addressPrefix),
    previousAddress: undefined,
    movedWithinDay: undefined,
  };
  const kind = rng.weighted(kinds);
  const foreignHousehold = rng.chance(0.03);
  const specs = composition(rng, kind, foreignHousehold);
  const surname = rng.weighted(surnames);
  let headForeign: Person['foreign'];
  let headAlias: NamePart | undefined;
  for (const spec of specs.slice(0, capacity)) {
    const full: PersonSpec = { ...spec, family: surname };
    if (foreignHousehold) {
      // Spouses keep their own family name; children take the head's (and the head's alias family, if any).
      full.foreign = spec.relation === '子' && headForeign ? { parent: headForeign } : { nationality: headForeign?.nationality };
    } else if (spec.mixedSpouse) {
      full.foreign = { nationality: rng.weighted(spouseNationalities) };
    }
    const person = makePerson(rng, ctx.clock, household, firstIndex + household.members.length, full, spec.relation === '子' ? headAlias : undefined);
    if (spec.mixedSpouse && person.foreign && rng.chance(0.4)) {
      // A foreign spouse of a Japanese national often registers the family's name as an alias (通称).
      const givenKana = person.foreign.kana.given;
      const givenWritten = person.foreign.kanji?.given ?? givenKana;
      person.alias = { written: `${surname.written}${nameSeparator}${givenWritten}`, kana: `${surname.kana}${nameSeparator}${givenKana}` };
    }
    if (spec.mixedSpouse) person.residenceStatus = rng.chance(0.6) ? '日本人の配偶者等' : '永住者';
    if (household.members.length === 0) {
      headForeign = person.foreign;
      headAlias = person.alias;
    }
    household.members.push(person);
  }
  familyBusiness(rng, ctx.clock, household);
  if (foreignHousehold) addAbroadRelatives(rng, ctx.clock, household);
  lifeEvents(rng, ctx, household);
  return household;
}

// In a family business the spouse, and sometimes a grown child, is paid as 事業専従者: paid by the business, and
// so never deducted as a spouse or dependant.
function familyBusiness(rng: Random, clock: Clock, household: Household): void {
  if (household.members[0]!.economy.work !== 'business') return;
  for (const member of household.members) {
    const idle = member.economy.work === 'none' || member.economy.work === 'partTime';
    const spouse = member.relation === '妻' || member.relation === '夫';
    const grownChild = member.relation === '子' && clock.baseIncomeYear - member.birthYear >= 20;
    if (idle && ((spouse && rng.chance(0.5)) || (grownChild && rng.chance(0.15)))) member.economy.work = 'familyEmployee';
  }
}

// Foreign workers often support a spouse, children or parents back home (国外居住親族): they count for deductions
// (children under 30 and parents of 70 or over, so the 2023 age rules for relatives abroad need not be modelled).
function addAbroadRelatives(rng: Random, clock: Clock, household: Household): void {
  const head = household.members[0]!;
  const headAge = clock.asOfYear - head.birthYear;
  if (headAge < 25 || headAge > 60 || !rng.chance(0.3)) return;
  if (household.members.length === 1 && rng.chance(0.4)) head.abroad.push({ relation: '配偶者', birthYear: head.birthYear + rng.range(-2, 5) });
  if (household.members.length === 1 && rng.chance(0.5)) {
    const count = rng.range(1, 2);
    for (let i = 0; i < count; i++) head.abroad.push({ relation: '子', birthYear: clock.asOfYear - rng.range(0, Math.min(29, headAge - 20)) });
  }
  if (headAge >= 42 && rng.chance(0.25)) head.abroad.push({ relation: rng.chance(0.5) ? '父' : '母', birthYear: head.birthYear - rng.range(31, 36) });
}

// A member to create, before names are drawn.
interface Spec {
  relation: Person['relation'];
  sex: Sex;
  age: number;
  mixedSpouse?: boolean;
}

function composition(rng: Random, kind: Kind, foreign: boolean): Spec[] {
  const [from, to] = rng.weighted(headAges[kind]);
  const headAge = rng.range(from, to);
  const coupled = kind === 'couple' || kind === 'family' || kind === 'threeGenerations';
  const headSex: Sex = coupled ? (rng.chance(0.88) ? 1 : 2) : kind === 'singleParent' ? (rng.chance(0.85) ? 2 : 1) : rng.chance(0.5) ? 1 : 2;
  const specs: Spec[] = [{ relation: '世帯主', sex: headSex, age: headAge }];
  let motherAge = headSex === 2 ? headAge : 0;
  if (coupled) {
    const gap = rng.range(-2, 6);
    const spouseAge = Math.max(18, headSex === 1 ? headAge - gap : headAge + gap);
    specs.push({ relation: headSex === 1 ? '妻' : '夫', sex: headSex === 1 ? 2 : 1, age: spouseAge, mixedSpouse: !foreign && rng.chance(0.012) });
    motherAge = headSex === 1 ? spouseAge : headAge;
  }
  if (kind === 'family' || kind === 'singleParent' || kind === 'threeGenerations') {
    // Each child was born when the mother was 22 to 40; adult children live at home up to about 40.
    const oldest = Math.min(40, motherAge - 22);
    const youngest = Math.max(0, motherAge - 40);
    const count = rng.weighted(childCounts);
    const ages = Array.from({ length: count }, () => (oldest <= 0 ? 0 : rng.range(Math.min(youngest, oldest), oldest))).sort((a, b) => b - a);
    for (const age of ages) specs.push({ relation: '子', sex: rng.chance(0.51) ? 1 : 2, age });
  }
  if (kind === 'threeGenerations') {
    const parentAge = headAge + rng.range(25, 34);
    if (rng.chance(0.6)) specs.push({ relation: '父', sex: 1, age: Math.min(99, parentAge + rng.range(0, 4)) });
    specs.push({ relation: '母', sex: 2, age: Math.min(99, parentAge) });
  }
  if (kind === 'sharing') {
    const others = rng.range(1, 2);
    for (let i = 0; i < others; i++) specs.push({ relation: '同居人', sex: rng.chance(0.5) ? 1 : 2, age: Math.max(18, headAge + rng.range(-5, 5)) });
  }
  return specs;
}

// Whether a member lives without a spouse: a head with no 妻/夫, a parent of the head without the other parent.
function withoutSpouse(household: Household, person: Person): boolean {
  const has = (relation: Person['relation']): boolean => household.members.some((m) => m.relation === relation);
  if (person.relation === '世帯主') return !has('妻') && !has('夫');
  if (person.relation === '父') return !has('母');
  if (person.relation === '母') return !has('父');
  return person.relation !== '妻' && person.relation !== '夫';
}

function lifeEvents(rng: Random, ctx: HouseholdContext, household: Household): void {
  const { asOf } = ctx.clock;
  const head = household.members[0]!;
  // When the household came to the city: 12 % in the last three years, 30 % heads born here, the rest earlier.
  const recent = rng.chance(0.12);
  const bornHere = !recent && rng.chance(0.3);
  const adultAt = head.birthDay + 18 * 365;
  const earliest = Math.max(adultAt, -3_653); // not before 1960
  const movedIn = recent ? asOf - rng.int(3 * 365) : earliest + rng.int(Math.max(1, asOf - 3 * 365 - earliest));
  const from = rng.chance(head.foreign ? 0.5 : 0.97) ? rng.weighted(previousMunicipalities) : ''; // '' = from abroad
  for (const person of household.members) {
    if ((person === head && bornHere) || person.birthDay >= movedIn) continue; // born here: resident since birth
    person.residentSince = movedIn;
    person.previousMunicipality = from;
  }
  if (rng.chance(0.04)) {
    household.previousAddress = randomAddress(rng, ctx.addressPrefix);
    household.movedWithinDay = Math.max(...household.members.map((p) => p.residentSince)) + 1 + rng.int(730);
    if (household.movedWithinDay >= asOf) {
      household.previousAddress = undefined;
      household.movedWithinDay = undefined;
    }
  }
  if (rng.chance(0.35)) head.phone ||= randomPhone(rng, false);
  if (rng.chance(0.0015) && household.members.some((p) => p.sex === 2 && asOf - p.birthDay > 18 * 365)) {
    for (const person of household.members) person.supportMeasure = true;
  }
  for (const person of household.members) {
    if (asOf - person.birthDay >= 60 * 365.25 && withoutSpouse(household, person)) {
      person.widowed = rng.chance(person.sex === 2 ? 0.6 : 0.25);
    }
  }
  if (rng.chance(0.012)) {
    const day = asOf - 1 - rng.int(365);
    for (const person of household.members) if (person.residentSince < day) setStatus(person, '転出', day);
    return;
  }
  for (const person of household.members) {
    const age = (asOf - person.birthDay) / 365.25;
    const dies = age >= 85 ? 0.06 : age >= 75 ? 0.02 : age >= 60 ? 0.004 : 0;
    if (dies > 0 && rng.chance(dies)) {
      const day = asOf - 1 - rng.int(365);
      if (day > person.residentSince) setStatus(person, '死亡', day);
    }
  }
}

function setStatus(person: Person, status: Person['status'], day: number): void {
  person.status = status;
  person.statusDay = day;
}
