// The 公金受取口座 files of seed 002 (別添1): the query this system writes (② 情報照会内容ファイル) and the result the
// 中間サーバー gives back (③ 情報照会内容登録結果ファイル), column for column as the seed lists them. Pure: the columns,
// how a result line is read, and how the lines of one answer make an account (or none).
//
// How an account arrives in ③: the 中間サーバー writes one line per 特定個人情報の項目 of an answer. The lines of one
// answer share 団体内統合宛名番号 and 処理通番 (処理通番の枝番 numbers them); each names its item in 特定個人情報の項目名称
// and carries the item's value in 情報提供内容:
//   金融機関コード (4 digits) · 店番 (支店コード, 3 digits) · 預貯金種目 (普通/当座/貯蓄 or 1/2/4) · 口座番号 · 口座名義人(カナ)
// (店番 may be named 支店コード, 預貯金種目 預金種目, 口座名義人(カナ) 口座名義人 or 口座名義人カナ; full-width parentheses
// are read as ASCII). An answer is an account when every line of it has 照会ステータス(特定個人情報名単位)名称 提供済 and no
// 未設定事由; then each of the five items must be there once and make an account checkAccount takes, or the line is an
// error. Any other answer (not yet provided, 不開示, 取りやめ, or a 未設定事由 such as the person registered no account)
// is "no account": counted and reported by its status and reason, not an error.
//
// The seed lists 照会処理結果メッセージ twice (once for the 明細, once for the 特定個人情報名); CSV columns are read by
// name, so the second is renamed 照会処理結果メッセージ(特定個人情報名単位) as the file is read (renameSecondMessage).
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { Cells, cellMessages, type CsvRecord, type RowIssue, type RowMessage } from '../../../platform/csv/index.ts';
import { type Account, type AccountInput, accountMessages, type AccountProblem, checkAccount } from './domain/account.ts';

/** ② 情報照会内容ファイル, seed 002's columns in order. */
export const QUERY_COLUMNS = [
  'レコード識別番号', '情報照会者機関コード', '団体内統合宛名番号', '照会側不開示コード', '事務コード', '事務手続コード',
  '照会委任元機関コード', '提供委任元機関コード', '情報提供者機関コード', '特定個人情報名コード', '情報照会条件', '特定個人情報の項目コード',
] as const;

/** The name the seed gives twice in ③. */
export const RESULT_MESSAGE = '照会処理結果メッセージ';
/** What the second of them is read as. */
export const RESULT_ITEM_MESSAGE = '照会処理結果メッセージ(特定個人情報名単位)';

/** ③ 情報照会内容登録結果ファイル, seed 002's columns in order (the second 照会処理結果メッセージ as the reader names it). */
export const RESULT_COLUMNS = [
  '団体内統合宛名番号', '処理通番', '中間サーバー受付番号', '中間サーバー受付明細番号', '情報照会者機関コード', '情報照会者機関名称',
  '照会委任元機関コード', '照会委任元機関名称', '部署コード', '部署名称', '事務コード', '事務名称', '事務手続コード', '事務手続名称',
  '情報提供者機関コード', '情報提供者機関名称', '提供委任元機関コード', '提供委任元機関名称', '受付日時', '提供の求めの日時',
  '有効期間終了日', '照会ステータス(明細単位)', '照会ステータス(明細単位)名称', '照会側不開示コード', '照会側不開示コード名称',
  '取りやめ日時', '取りやめ事由コード', '取りやめ事由', RESULT_MESSAGE, '処理通番の枝番', '特定個人情報名コード', '特定個人情報名',
  '特定個人情報の版番号', '情報照会条件', '照会ステータス(特定個人情報名単位)', '照会ステータス(特定個人情報名単位)名称', '提供の日時',
  '中間サーバー登録日時', '不開示コード', '不開示コード名称', RESULT_ITEM_MESSAGE, '特定個人情報の項目コード', '特定個人情報の項目名称',
  '特定個人情報の項目の版番号', '特定個人情報の項目の確定時点', '特定個人情報の項目の修正日時', '情報提供内容', '情報提供内容名称', '未設定事由',
] as const;

export type ResultColumn = (typeof RESULT_COLUMNS)[number];

/** The header as the 中間サーバー writes it: seed 002's names, 照会処理結果メッセージ twice. */
export const resultFileHeader = (column: ResultColumn): string => (column === RESULT_ITEM_MESSAGE ? RESULT_MESSAGE : column);

/** The status name of a provided answer. */
export const PROVIDED = '提供済';

/** The items of an answer, by 特定個人情報の項目名称, and the field of the account each fills. */
const itemNames: Readonly<Record<string, keyof AccountInput>> = {
  金融機関コード: 'bankCode',
  店番: 'branchCode',
  支店コード: 'branchCode',
  預貯金種目: 'accountType',
  預金種目: 'accountType',
  口座番号: 'accountNumber',
  '口座名義人(カナ)': 'holderName',
  口座名義人カナ: 'holderName',
  口座名義人: 'holderName',
};

/** The item names as a message lists them. */
export const itemLabels: Readonly<Record<keyof AccountInput, string>> = {
  bankCode: '金融機関コード', branchCode: '店番', accountType: '預貯金種目', accountNumber: '口座番号', holderName: '口座名義人(カナ)',
};

/** One line of ③ as staged: the answer it belongs to, the item and value, and whether the answer was provided. */
export interface StagedResult {
  integratedNumber: string;
  serial: string;
  /** The account field the line's item fills; '' on a line of an answer with no account. */
  field: string;
  value: string;
  provided: boolean;
  statusName: string;
  unsetReason: string;
}

/** Messages for this file's codes; none names a value. */
export const resultRowMessages = {
  ...cellMessages,
  item_unknown: {
    ja: () => `特定個人情報の項目名称が口座の項目（${Object.values(itemLabels).join('・')}）ではありません。`,
    en: () => `The item is not one of an account's (${Object.values(itemLabels).join(', ')}).`,
  },
  item_twice: { ja: (p) => `この回答の「${p.item}」は${p.firstLine}行目にもあります。`, en: (p) => `The answer gives "${p.item}" on line ${p.firstLine} too.` },
  item_missing: { ja: (p) => `この回答（団体内統合宛名番号・処理通番）に「${p.item}」の行がありません。`, en: (p) => `The answer (integrated number and serial) has no line for "${p.item}".` },
  answer_mixed: { ja: () => 'この回答の中に提供済の行とそうでない行が混ざっています。', en: () => 'The answer mixes provided lines with lines not provided.' },
  person_twice: { ja: (p) => `この団体内統合宛名番号には${p.firstLine}行目からの回答もあります（処理通番が異なる）。`, en: (p) => `This integrated number is answered from line ${p.firstLine} too (another serial).` },
  person_unknown: { ja: () => 'この団体内統合宛名番号は統合宛名番号データにも給付対象者にもありません。', en: () => 'No linkage row or taxpayer has this integrated number.' },
  person_ambiguous: { ja: () => 'この団体内統合宛名番号を持つ住民が複数います。', en: () => 'More than one resident has this integrated number.' },
  ...Object.fromEntries(
    (Object.keys(accountMessages) as AccountProblem[]).map((code) => [`account_${code}`, { ja: () => accountMessages[code].ja, en: () => accountMessages[code].en }]),
  ),
} satisfies Record<string, RowMessage>;

const fold = (s: string) => s.trim().replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');

/** One line of ③ to its staged row, or what is wrong with it. */
export function parseResultRow(record: CsvRecord<ResultColumn>): StagedResult | RowIssue[] {
  const c = new Cells(record);
  const integratedNumber = c.digits('団体内統合宛名番号');
  const serial = c.text('処理通番', 40);
  const statusName = c.text('照会ステータス(特定個人情報名単位)名称', 100, false);
  const unsetReason = c.text('未設定事由', 200, false);
  const provided = statusName === PROVIDED && unsetReason === '';
  const itemName = fold(c.raw('特定個人情報の項目名称'));
  const field = provided ? itemNames[itemName] ?? '' : '';
  if (provided && field === '') c.issue('特定個人情報の項目名称', itemName === '' ? 'value_required' : 'item_unknown');
  const value = provided ? c.text('情報提供内容', 200) : '';
  return c.issues.length > 0 ? c.issues : { integratedNumber, serial, field, value, provided, statusName, unsetReason };
}

/** The lines of one answer (same 団体内統合宛名番号 and 処理通番), in line order. */
export interface ResultGroup {
  integratedNumber: string;
  serial: string;
  lines: { line: number; row: StagedResult }[];
}

/** What one answer says: an account, no account (with its status and reason), or what is wrong, by line. */
export type Answer =
  | { kind: 'account'; account: Account }
  | { kind: 'none'; statusName: string; unsetReason: string }
  | { kind: 'invalid'; errors: { line: number; column: ResultColumn; code: string; params?: Record<string, string | number> }[] };

/** Reads one answer. */
export function answerOf(group: ResultGroup): Answer {
  const first = group.lines[0]!;
  const provided = group.lines.filter((l) => l.row.provided);
  if (provided.length === 0) return { kind: 'none', statusName: first.row.statusName, unsetReason: group.lines.find((l) => l.row.unsetReason)?.row.unsetReason ?? '' };
  if (provided.length < group.lines.length) {
    const odd = group.lines.find((l) => !l.row.provided)!;
    return { kind: 'invalid', errors: [{ line: odd.line, column: '照会ステータス(特定個人情報名単位)名称', code: 'answer_mixed' }] };
  }
  const errors: Extract<Answer, { kind: 'invalid' }>['errors'] = [];
  const byField = new Map<keyof AccountInput, { line: number; value: string }>();
  for (const { line, row } of group.lines) {
    const field = row.field as keyof AccountInput;
    const seen = byField.get(field);
    if (seen) errors.push({ line, column: '特定個人情報の項目名称', code: 'item_twice', params: { item: itemLabels[field], firstLine: seen.line } });
    else byField.set(field, { line, value: row.value });
  }
  for (const field of Object.keys(itemLabels) as (keyof AccountInput)[]) {
    if (!byField.has(field)) errors.push({ line: first.line, column: '特定個人情報の項目名称', code: 'item_missing', params: { item: itemLabels[field] } });
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  const input = Object.fromEntries([...byField].map(([k, v]) => [k, v.value])) as unknown as AccountInput;
  const checked = checkAccount(input);
  if (checked.ok) return { kind: 'account', account: checked.account };
  return {
    kind: 'invalid',
    errors: Object.entries(checked.errors).map(([field, e]) => ({ line: byField.get(field as keyof AccountInput)!.line, column: '情報提供内容', code: `account_${e.code}` })),
  };
}

/**
 * Renames the second 照会処理結果メッセージ of the header line (UTF-8 or CP932 bytes alike) so that every column has its
 * own name; the rest of the file passes through untouched. A header without the second one is left as it is (and
 * refused by the header check for the missing column).
 */
export function renameSecondMessage(): Transform {
  const encodings = ['utf8', 'cp932'] as const;
  const from = encodings.map((e) => iconv.encode(RESULT_MESSAGE, e));
  const to = encodings.map((e) => iconv.encode(RESULT_ITEM_MESSAGE, e));
  let head: Buffer | null = Buffer.alloc(0);
  const rewrite = (line: Buffer): Buffer => {
    for (let i = 0; i < encodings.length; i++) {
      const first = line.indexOf(from[i]!);
      const second = first < 0 ? -1 : line.indexOf(from[i]!, first + from[i]!.length);
      if (second >= 0) return Buffer.concat([line.subarray(0, second), to[i]!, line.subarray(second + from[i]!.length)]);
    }
    return line;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(0x0a);
      // A header is a few hundred bytes; past 64 KiB there is none to fix, and the reader says what is wrong.
      if (end < 0 && head.length < 64 * 1024) return done();
      const out = end < 0 ? head : Buffer.concat([rewrite(head.subarray(0, end)), head.subarray(end)]);
      head = null;
      done(null, out);
    },
    flush(done: TransformCallback) {
      done(null, head && head.length > 0 ? rewrite(head) : undefined);
    },
  });
}
