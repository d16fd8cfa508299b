// Foreign residents' names as a registry holds them: the alphabet name as on the residence card (family name first),
// a katakana reading (氏名カナ), sometimes a separately registered katakana rendering (AL氏名カナ) that spells ヴ as バ行,
// and for Chinese and Korean residents the name in kanji. Nationalities weighted like an Osaka-area city.

import { type Random, Weighted } from './random.ts';
import { nameSeparator, type NamePart } from './names.ts';

/** One foreign resident's name in every form the registry keeps. */
export interface ForeignName {
  nationality: string;
  /** As on the residence card, family name first: 'NGUYEN VAN AN'. */
  alphabet: string;
  /** Family and given name in kanji for Chinese and Korean residents ('王', '偉'), else undefined. */
  kanji: { family: string; given: string } | undefined;
  /** 氏名カナ: family and given reading, the registry's search key. */
  kana: { family: string; given: string };
  /** AL氏名カナ: a registered katakana rendering of the alphabet name, or '' when none is registered. */
  alKana: string;
  /** The family half in every script, which children inherit. */
  family: { alphabet: string; kana: string; kanji?: string | undefined; native?: string | undefined };
}

// "ALPHA/カナ" pairs; for Chinese and Korean "ALPHA/カナ/漢字/日本語読み".
function pairs(text: string): string[][] {
  return text.trim().split(/\s+/).map((token) => token.split('/'));
}

const vn = {
  family: pairs(
    'NGUYEN/グエン NGUYEN/グエン NGUYEN/グエン TRAN/チャン LE/レ PHAM/ファム HOANG/ホアン VU/ヴー VO/ヴォー DANG/ダン BUI/ブイ DO/ドー HO/ホー NGO/ゴー DUONG/ズオン LY/リー',
  ),
  middle: [pairs('VAN/ヴァン VAN/ヴァン DUC/ドゥック MINH/ミン QUANG/クアン'), pairs('THI/ティ THI/ティ NGOC/ゴック THANH/タイン')],
  given: [
    pairs('AN/アン HUNG/フン DUNG/ズン TUAN/トゥアン LONG/ロン NAM/ナム HIEU/ヒエウ QUANG/クアン VIET/ヴィエット KHANH/カイン'),
    pairs('HOA/ホア LAN/ラン LINH/リン MAI/マイ TRANG/チャン HUONG/フオン THAO/タオ NHUNG/ニュン VY/ヴィー ANH/アイン'),
  ],
};

const cn = {
  family: pairs('WANG/ワン/王/オウ LI/リー/李/リ ZHANG/チャン/張/チョウ LIU/リウ/劉/リュウ CHEN/チェン/陳/チン YANG/ヤン/楊/ヨウ HUANG/ホアン/黄/コウ ZHAO/チャオ/趙/チョウ ZHOU/チョウ/周/シュウ WU/ウー/呉/ゴ'),
  given: [
    pairs('WEI/ウェイ/偉/イ QIANG/チアン/強/キョウ LEI/レイ/磊/ライ JUN/ジュン/軍/グン YONG/ヨン/勇/ユウ JIE/ジエ/傑/ケツ TAO/タオ/涛/トウ MING/ミン/明/メイ CHAO/チャオ/超/チョウ JIANHUA/ジエンホア/建華/ケンカ'),
    pairs('FANG/ファン/芳/ホウ NA/ナー/娜/ナ MIN/ミン/敏/ビン JING/ジン/静/セイ LI/リー/麗/レイ YAN/イエン/艶/エン XIUYING/シウイン/秀英/シュウエイ GUIYING/グイイン/桂英/ケイエイ XIN/シン/欣/キン YUE/ユエ/悦/エツ'),
  ],
};

const kr = {
  family: pairs('KIM/キム/金 KIM/キム/金 LEE/イ/李 PARK/パク/朴 CHOI/チェ/崔 JUNG/チョン/鄭 KANG/カン/姜 CHO/チョ/趙 YOON/ユン/尹 LIM/イム/林'),
  given: [
    pairs('MINJUN/ミンジュン/民俊 JIHOON/ジフン/智勲 SUNGHO/ソンホ/成浩 YOUNGSOO/ヨンス/永洙 JAEHYUN/ジェヒョン/在賢 DONGHYUN/ドンヒョン/東賢'),
    pairs('SEOYEON/ソヨン/瑞妍 YOUNGHEE/ヨンヒ/英姫 MISOOK/ミスク/美淑 SOOHYUN/スヒョン/秀賢 JIYEON/ジヨン/智妍 EUNJI/ウンジ/恩智'),
  ],
};

const ph = {
  family: pairs('SANTOS/サントス REYES/レイエス CRUZ/クルーズ BAUTISTA/バウティスタ GARCIA/ガルシア MENDOZA/メンドーサ VILLANUEVA/ヴィラヌエヴァ'),
  given: [
    pairs('JOSE/ホセ MARK/マーク JOHN_PAUL/ジョン_ポール RAMON/ラモン CHRISTIAN/クリスチャン'),
    pairs('MARIA/マリア MARIA_CRISTINA/マリア_クリスティーナ ANGELICA/アンジェリカ ROSALIE/ロザリー JOY/ジョイ MARIVIC/マリビック'),
  ],
};

const np = {
  family: pairs('GURUNG/グルン SHRESTHA/シュレスタ TAMANG/タマン RAI/ライ THAPA/タパ MAGAR/マガル'),
  given: [pairs('RAM/ラム BIKASH/ビカス PRAKASH/プラカシュ ANIL/アニル SURAJ/スラジ'), pairs('SITA/シタ SUNITA/スニタ ANJALI/アンジャリ PURNIMA/プルニマ')],
};

const br = {
  family: pairs('SILVA/シルヴァ OLIVEIRA/オリヴェイラ SOUZA/ソウザ SANTOS/サントス PEREIRA/ペレイラ COSTA/コスタ LIMA/リマ'),
  given: [pairs('LUCAS/ルーカス GABRIEL/ガブリエル RAFAEL/ハファエル VITOR/ヴィトル THIAGO/チアゴ'), pairs('ANA/アナ JULIANA/ジュリアナ FERNANDA/フェルナンダ BEATRIZ/ベアトリス LETICIA/レチシア')],
};

const west = {
  family: pairs('SMITH/スミス JOHNSON/ジョンソン BROWN/ブラウン WILLIAMS/ウィリアムズ DAVIS/デイヴィス MILLER/ミラー WILSON/ウィルソン TAYLOR/テイラー IVANOV/イヴァノフ'),
  given: [
    pairs('JOHN/ジョン DAVID/デイヴィッド MICHAEL/マイケル OLIVER/オリヴァー STEVEN/スティーヴン KEVIN/ケヴィン IVAN/イヴァン PETER/ピーター GEORGE/ジョージ'),
    pairs('EMILY/エミリー SARAH/サラ VICTORIA/ヴィクトリア EVA/エヴァ OLIVIA/オリヴィア NATALIA/ナタリア KATHERINE/キャサリン'),
  ],
};

const id = {
  single: pairs('SUPRIYADI/スプリヤディ SUSANTO/スサント WAHYUNI/ワユニ SETIAWAN/セティアワン'),
  family: pairs('SANTOSO/サントソ WIJAYA/ウィジャヤ HIDAYAT/ヒダヤット'),
  given: [pairs('BUDI/ブディ AGUS/アグス RIZKY/リズキー'), pairs('SITI/シティ DEWI/デウィ AYU/アユ')],
};

// Multi-word parts use '_' in the tables; on the card and in katakana they are separate words.
const words = (s: string): string => s.replace(/_/g, ' ');
const kanaWords = (s: string): string => s.replace(/_/g, nameSeparator);

// One half of a name (family or given) in every script the tables hold.
interface Half {
  alphabet: string;
  kana: string;
  kanji?: string;
  /** The native reading when 氏名カナ reads kanji the Japanese way (Chinese names). */
  native?: string;
}

const half = (row: string[]): Half => ({
  alphabet: words(row[0]!),
  kana: kanaWords(row[1]!),
  kanji: row[2],
  native: row[3] ? row[1] : undefined,
});

// For Chinese rows the 4th column is the Japanese reading, which is what 氏名カナ holds.
const chineseHalf = (row: string[]): Half => ({ alphabet: row[0]!, kana: row[3]!, kanji: row[2], native: row[1] });

interface Nationality {
  name: string;
  weight: number;
  /** How often a katakana rendering (AL氏名カナ) is registered beside the name. */
  alKanaChance: number;
  family: (rng: Random) => Half;
  given: (rng: Random, sex: 1 | 2) => Half;
}

function simple(name: string, weight: number, alKanaChance: number, table: { family: string[][]; given: string[][][] }): Nationality {
  return {
    name,
    weight,
    alKanaChance,
    family: (rng) => half(rng.pick(table.family)),
    given: (rng, sex) => half(rng.pick(table.given[sex - 1]!)),
  };
}

const nationalityList: readonly Nationality[] = [
  {
    name: 'ベトナム',
    weight: 30,
    alKanaChance: 0.7,
    family: (rng) => half(rng.pick(vn.family)),
    given: (rng, sex) => {
      const m = rng.pick(vn.middle[sex - 1]!);
      const g = rng.pick(vn.given[sex - 1]!);
      return { alphabet: `${m[0]!} ${g[0]!}`, kana: `${m[1]!}${nameSeparator}${g[1]!}` };
    },
  },
  {
    name: '中国',
    weight: 25,
    alKanaChance: 0.8,
    family: (rng) => chineseHalf(rng.pick(cn.family)),
    given: (rng, sex) => chineseHalf(rng.pick(cn.given[sex - 1]!)),
  },
  { ...simple('韓国', 18, 0, { family: kr.family, given: kr.given }) },
  simple('フィリピン', 8, 0.7, ph),
  simple('ネパール', 5, 0.6, np),
  simple('ブラジル', 4, 0.7, br),
  simple('アメリカ合衆国', 3, 0.6, west),
  {
    ...simple('インドネシア', 4, 0.6, id),
    // Some Indonesians have a single name: the card shows it whole, so the family part is empty.
    family: (rng) => (rng.chance(0.4) ? { alphabet: '', kana: '' } : half(rng.pick(id.family))),
  },
];

const nationalities = new Weighted(nationalityList.map((n) => [n, n.weight] as const));

function findNationality(name: string): Nationality {
  const n = nationalityList.find((candidate) => candidate.name === name);
  if (!n) throw new Error(`unknown nationality ${name}`);
  return n;
}

/** ヴ spelled with バ行, as many registered renderings write it: the variant a loose match must fold. */
export function withoutVu(kana: string): string {
  return kana
    .replace(/ヴァ/g, 'バ')
    .replace(/ヴィ/g, 'ビ')
    .replace(/ヴェ/g, 'ベ')
    .replace(/ヴォ/g, 'ボ')
    .replace(/ヴ/g, 'ブ');
}

const join = (family: string, given: string, space: string): string => (family ? `${family}${space}${given}` : given);

/**
 * A foreign resident's name for a sex. A child passes the parent's name to inherit nationality and family name;
 * a spouse passes the nationality only (wives from these countries mostly keep their own family name).
 */
export function foreignName(rng: Random, sex: 1 | 2, options: { nationality?: string; parent?: ForeignName } = {}): ForeignName {
  const nationalityName = options.parent?.nationality ?? options.nationality;
  const n = nationalityName ? findNationality(nationalityName) : rng.weighted(nationalities);
  const family: Half = options.parent ? options.parent.family : n.family(rng);
  const given = n.given(rng, sex);
  let alKana = '';
  if (rng.chance(n.alKanaChance)) {
    const rendering = join(family.native ?? family.kana, given.native ?? given.kana, nameSeparator);
    alKana = rendering.includes('ヴ') && rng.chance(0.4) ? withoutVu(rendering) : rendering;
  }
  return {
    nationality: n.name,
    alphabet: join(family.alphabet, given.alphabet, ' '),
    kanji: family.kanji && given.kanji ? { family: family.kanji, given: given.kanji } : undefined,
    kana: { family: family.kana, given: given.kana },
    alKana,
    family,
  };
}

/** Japanese-style alias (通称) family names that Korean and Chinese residents often registered. */
export const aliasSurnames: readonly NamePart[] = [
  { written: '金田', kana: 'カネダ' },
  { written: '金本', kana: 'カネモト' },
  { written: '金山', kana: 'カナヤマ' },
  { written: '新井', kana: 'アライ' },
  { written: '岩本', kana: 'イワモト' },
  { written: '高山', kana: 'タカヤマ' },
  { written: '松本', kana: 'マツモト' },
  { written: '林', kana: 'ハヤシ' },
  { written: '大山', kana: 'オオヤマ' },
];
