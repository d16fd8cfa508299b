// Who claims whom in a household for one income year: spouses (配偶者控除 / 配偶者特別控除) within each couple, and
// 扶養親族 (children, grandchildren, the head's parents) by the household's main earner, plus relatives abroad.

import type { DependantKind } from './deductions.ts';
import { relativeIncomeLimit } from './deductions.ts';
import type { AbroadRelative, Person } from './model.ts';

/** A member's income facts for the year, as claims need them. */
export interface MemberIncome {
  person: Person;
  /** 合計所得金額 (after 所得金額調整控除 (2); (1) comes later and only lowers a claimant's income). */
  total: number;
  /** Income the tax office does not know (never filed): such a person cannot be claimed. */
  unknown: boolean;
  /** 事業専従者: paid by the family business, never a spouse or dependant for deductions. */
  familyEmployee: boolean;
}

/** A spouse or dependant claimed by a member: present in the household, or living abroad. */
export interface Claimed {
  person: Person | undefined;
  abroad: AbroadRelative | undefined;
  relation: string;
  birthYear: number;
  total: number;
}

/** One member's claims for the year. */
export interface Claims {
  spouse: Claimed | undefined;
  dependants: Array<Claimed & { kind: DependantKind }>;
  /** Family members working in this member's business (事業専従者): listed, not deducted. */
  familyEmployees: Person[];
}

/** The dependant kind by age on 31 December, and for a parent or parent-in-law living with the payer, 同居老親. */
export function dependantKind(age: number, livesWithAsParent: boolean): DependantKind {
  if (age < 16) return 'minor';
  if (age >= 70) return livesWithAsParent ? 'elderlyParent' : 'elderly';
  return age >= 19 && age <= 22 ? 'specified' : 'general';
}

const claimable = (m: MemberIncome, limit: number): boolean => !m.unknown && !m.familyEmployee && m.total <= limit;

function claimsOf(claims: Map<Person, Claims>, person: Person): Claims {
  let c = claims.get(person);
  if (!c) {
    c = { spouse: undefined, dependants: [], familyEmployees: [] };
    claims.set(person, c);
  }
  return c;
}

// Claims a partner as spouse when the higher earner has income and the partner's allows (up to 1.33 M for 特別控除).
function claimSpouse(claims: Map<Person, Claims>, a: MemberIncome | undefined, b: MemberIncome | undefined): Person | undefined {
  if (!a || !b) return undefined;
  const [earner, partner] = a.total >= b.total ? [a, b] : [b, a];
  if (earner.total <= 0 || earner.unknown || partner.unknown || partner.familyEmployee || partner.total > 1_330_000) return undefined;
  const p = partner.person;
  claimsOf(claims, earner.person).spouse = { person: p, abroad: undefined, relation: p.relation, birthYear: p.birthYear, total: partner.total };
  return p;
}

/** Decides every claim in a household for an income year; the map holds only members who claim someone. */
export function decideClaims(members: readonly MemberIncome[], incomeYear: number): Map<Person, Claims> {
  const limit = relativeIncomeLimit(incomeYear);
  const claims = new Map<Person, Claims>();
  let head: MemberIncome | undefined;
  let partner: MemberIncome | undefined;
  let father: MemberIncome | undefined;
  let mother: MemberIncome | undefined;
  for (const m of members) {
    const relation = m.person.relation;
    if (relation === '世帯主') head = m;
    else if (relation === '妻' || relation === '夫') partner = m;
    else if (relation === '父') father = m;
    else if (relation === '母') mother = m;
  }
  // Each couple (the head's, and the head's parents) first: the higher earner may claim the other as spouse.
  const spouses = [claimSpouse(claims, head, partner), claimSpouse(claims, father, mother)];
  // The main earner of the head's couple claims the children, grandchildren and the head's parents.
  const main = head && partner ? (partner.total > head.total ? partner : head) : (head ?? partner);
  if (!main || main.total <= 0 || main.unknown) return claims;
  for (const m of members) {
    const relation = m.person.relation;
    const dependantRelation = relation === '子' || relation === '孫' || relation === '父' || relation === '母';
    if (m === main || !dependantRelation || spouses.includes(m.person) || !claimable(m, limit)) continue;
    claimsOf(claims, main.person).dependants.push({
      person: m.person,
      abroad: undefined,
      relation,
      birthYear: m.person.birthYear,
      total: m.total,
      kind: dependantKind(incomeYear - m.person.birthYear, relation === '父' || relation === '母'),
    });
  }
  if (main.person.economy.work === 'business') {
    for (const m of members) if (m.familyEmployee && m !== main) claimsOf(claims, main.person).familyEmployees.push(m.person);
  }
  if (main.person.abroad.length > 0) addAbroad(main, claimsOf(claims, main.person), incomeYear);
  return claims;
}

function addAbroad(main: MemberIncome, claims: Claims, incomeYear: number): void {
  for (const relative of main.person.abroad) {
    const base = { person: undefined, abroad: relative, relation: relative.relation, birthYear: relative.birthYear, total: 0 };
    if (relative.relation === '配偶者') {
      if (!claims.spouse) claims.spouse = base;
      continue;
    }
    claims.dependants.push({ ...base, kind: dependantKind(incomeYear - relative.birthYear, false) });
  }
}
