// The synthetic population's shapes: households (世帯) of persons, each with what the registry and the tax office
// know about them. Generated per chunk, turned into CSV rows, then dropped.

import type { Address } from './address.ts';
import type { ForeignName } from './foreign-names.ts';
import type { NamePart } from './names.ts';

/** 1 男, 2 女, as the registry codes sex. */
export type Sex = 1 | 2;

/** 続柄 to the head of household, as the registry writes it. */
export type Relation = '世帯主' | '妻' | '夫' | '子' | '父' | '母' | '孫' | '同居人';

/** Whether the person still lives in the city, moved out (転出), or died (死亡). */
export type ResidentStatus = '住民' | '転出' | '死亡';

/** How a person earns: the work pattern their yearly incomes follow. */
export type Work = 'employee' | 'partTime' | 'business' | 'familyEmployee' | 'student' | 'none';

/** A person's economic profile; yearly incomes are drawn around it. */
export interface Economy {
  work: Work;
  /** Salary multiplier against the median of the person's age and sex. */
  level: number;
  /** The age at which full-time work or business stops. */
  retireAge: number;
  /** Keeps a part-time job after retiring, until 75. */
  workAfterRetire: boolean;
  /** Annual 公的年金 from 65, in yen (0: none). */
  pension: number;
  /** Annual 営業等収入 while in business, and the share of it that is profit (percent). */
  businessRevenue: number;
  businessMargin: number;
  /** 青色申告 (65万円 special deduction). */
  blueReturn: boolean;
  /** Annual 不動産所得 and 配当所得 (総合課税), in yen. */
  realEstate: number;
  dividend: number;
  /** 生命保険料 paid per category (up to three), 地震保険料, 小規模企業共済等掛金. */
  lifePremiums: number[];
  earthquakePremium: number;
  smallBusinessMutual: number;
  /** Files a 住民税申告 even with no income (to obtain a 非課税証明); otherwise 未申告 when nobody claims them. */
  filesWithoutIncome: boolean;
  /** Has income but never files: the tax office holds no figures (未申告). */
  neverFiles: boolean;
}

/** A relative living abroad whom the person supports (国外居住親族): counted for deductions, not for 定額減税. */
export interface AbroadRelative {
  relation: '配偶者' | '子' | '父' | '母';
  birthYear: number;
}

/** One resident (or former resident) of the city. */
export interface Person {
  /** 0-based position in the run: every number of the person derives from it. */
  index: number;
  household: Household;
  relation: Relation;
  sex: Sex;
  birthDay: number;
  birthYear: number;
  /** 氏名 halves as written (kanji, kana, or for foreigners the kanji or alphabet name) with readings. */
  family: NamePart;
  given: NamePart;
  foreign: ForeignName | undefined;
  /** 在留資格 of a foreign resident ('' for a Japanese national). */
  residenceStatus: string;
  /** 通称名 and its reading, for foreign residents who registered one. */
  alias: NamePart | undefined;
  /** 住民となった日 and the 5-digit code of the previous municipality ('' when born here or from abroad). */
  residentSince: number;
  previousMunicipality: string;
  status: ResidentStatus;
  /** The day of moving out or death; undefined while a resident. */
  statusDay: number | undefined;
  /** 支援措置 (DV / stalking support measures): certificates are refused to third parties and at kiosks. */
  supportMeasure: boolean;
  phone: string;
  /** 0 none, 1 障害者, 2 特別障害者. */
  disability: 0 | 1 | 2;
  widowed: boolean;
  economy: Economy;
  abroad: AbroadRelative[];
}

/** A household (世帯): members share an address; the head is members[0]. */
export interface Household {
  firstIndex: number;
  members: Person[];
  address: Address;
  /** The address before a move within the city, and the day of that move (転居), if any. */
  previousAddress: Address | undefined;
  movedWithinDay: number | undefined;
}
