// Addresses in the demo city: 町 with 住居表示 (二丁目3番4号) or, in the old villages, 大字 + 番地; one fictional
// postal code per 町 in 599-99xx (shaped like 大阪府's 5xx-xxxx, not assigned to a real place); flats with a building
// name and room; phone numbers in the 06 area or on mobile prefixes.

import type { Random } from './random.ts';
import { Weighted } from './random.ts';

/** One 町 of the demo city. */
export interface Town {
  name: string;
  postalCode: string;
  /** How many 丁目 it has; 0 for a 大字 addressed by 番地. */
  chome: number;
  /** Share of flats among its households, 0–1. */
  flats: number;
}

// 町名/丁目数/集合住宅率/人口の重み; 丁目数 0 = 大字 with 番地.
const townRows = `
  本町/5/0.7/30 栄町/4/0.6/25 旭町/4/0.5/25 緑町/5/0.4/30 桜町/3/0.4/20 若葉台/4/0.3/25 東雲町/3/0.5/15 西浜町/4/0.6/20
  南港町/3/0.8/15 北野町/5/0.4/25 中央町/4/0.8/30 駅前町/3/0.9/20 高見台/5/0.2/25 青葉台/4/0.3/20 松風町/3/0.4/15
  梅田町/4/0.5/20 白鷺町/3/0.4/15 朝日丘/4/0.3/20 美園町/3/0.5/15 錦町/2/0.6/10 泉町/3/0.4/15 住吉町/4/0.5/20
  弥生町/3/0.5/15 千里山/5/0.3/25 光明町/3/0.4/12 寿町/2/0.6/10 宝町/2/0.5/8 港町/3/0.7/12 新町/4/0.6/18 元町/3/0.6/15
  大手町/2/0.8/10 城山町/3/0.3/12 春日町/4/0.4/18 日吉台/5/0.2/20 見本ニュータウン/6/0.7/35 上原/0/0.1/8 下原/0/0.1/6
  大字見本/0/0.1/6 大字奥谷/0/0.05/4 鶴見町/3/0.5/14 亀岡町/2/0.4/8 菖蒲町/3/0.4/10 萩原町/3/0.4/10 桃山台/4/0.3/16
  柳町/2/0.5/8 藤ケ丘/4/0.3/16 霞ケ丘/3/0.3/12 七条町/3/0.6/12 二色浜/3/0.5/10 蛍池町/2/0.5/8
`;

/** Every 町 with its postal code, in a fixed order (the codes are assigned in this order). */
export const towns: readonly Town[] = townRows
  .trim()
  .split(/\s+/)
  .map((token, i) => {
    const [name, chome, flats] = token.split('/');
    return { name: name!, postalCode: `599-99${String(i + 1).padStart(2, '0')}`, chome: Number(chome), flats: Number(flats) };
  });

const townWeights = new Weighted(townRows.trim().split(/\s+/).map((token, i) => [towns[i]!, Number(token.split('/')[3])] as const));

const kanjiDigits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

const buildingPrefixes = ['メゾン', 'コーポ', 'ハイツ', 'グランドパレス', 'サンシャイン', 'レジデンス', 'パークハウス', 'シャトー', 'ヴィラ', 'ロイヤル', 'エクセル'];
const buildingSuffixes = ['', '見本', '第二', 'II', '壱番館', 'タワー', 'ヒルズ', 'コート'];

/** A household's address: the 町, the rest of the 住所 and the 方書 (building and room), all as printed. */
export interface Address {
  town: Town;
  /** Prefecture, city, 町 and number: '大阪府見本市桜町二丁目3番4号'. */
  full: string;
  /** Building and room, '' for a house: 'コーポ桜町 203号'. */
  building: string;
}

/** A random address in the city; `prefix` is the prefecture and city name ('大阪府見本市'). */
export function randomAddress(rng: Random, prefix: string): Address {
  const town = rng.weighted(townWeights);
  let full: string;
  if (town.chome === 0) {
    const lot = rng.range(1, 2999);
    full = `${prefix}${town.name}${lot}番地${rng.chance(0.3) ? `の${rng.range(1, 9)}` : ''}`;
  } else {
    full = `${prefix}${town.name}${kanjiDigits[rng.range(1, town.chome)]!}丁目${rng.range(1, 30)}番${rng.range(1, 25)}号`;
  }
  let building = '';
  if (rng.chance(town.flats)) {
    const floor = rng.chance(0.2) ? rng.range(5, 25) : rng.range(1, 4);
    const suffix = rng.pick(buildingSuffixes);
    const stem = rng.chance(0.5) ? town.name.replace(/^大字/, '') : rng.pick(['桜', '緑', '旭', '見本', '栄', '光']);
    building = `${rng.pick(buildingPrefixes)}${stem}${suffix} ${floor}${String(rng.range(1, 12)).padStart(2, '0')}号`;
  }
  return { town, full, building };
}

/** A landline in the 06 area (Osaka) or a mobile number on 090/080/070. */
export function randomPhone(rng: Random, mobile: boolean): string {
  const four = (): string => String(rng.range(0, 9999)).padStart(4, '0');
  if (!mobile) return `06-${rng.pick(['6', '4'])}${String(rng.range(0, 999)).padStart(3, '0')}-${four()}`;
  return `${rng.pick(['090', '090', '080', '080', '070'])}-${four()}-${four()}`;
}

/** Where newcomers came from: 5-digit municipality codes (no check digit), as the 前住所地コード in seed 002 carries. */
export const previousMunicipalities = new Weighted<string>([
  ['27100', 30], // 大阪市
  ['27140', 10], // 堺市
  ['27203', 6], // 豊中市
  ['27205', 6], // 吹田市
  ['27207', 5], // 高槻市
  ['27210', 5], // 枚方市
  ['27227', 5], // 東大阪市
  ['28100', 8], // 神戸市
  ['28202', 4], // 尼崎市
  ['28204', 4], // 西宮市
  ['26100', 5], // 京都市
  ['29201', 3], // 奈良市
  ['13104', 3], // 新宿区
  ['13112', 2], // 世田谷区
  ['14100', 3], // 横浜市
  ['23100', 3], // 名古屋市
  ['40130', 2], // 福岡市
  ['01100', 1], // 札幌市
]);
