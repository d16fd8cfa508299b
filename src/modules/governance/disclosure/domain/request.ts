// 開示等の請求 as data: the kinds of request (個人情報保護法 第76条 開示, 第90条 訂正, 第98条 利用停止), their
// outcomes, and how a clerk's form becomes a request — looked for by a file's person key, or by kana and birth date.
type Bilingual = { ja: string; en: string };

export const requestKinds = {
  disclosure: { ja: '開示請求', en: 'Disclosure' },
  correction: { ja: '訂正請求', en: 'Correction' },
  suspension: { ja: '利用停止請求', en: 'Suspension of use' },
} as const satisfies Record<string, Bilingual>;

export const requestOutcomes = {
  pending: { ja: '未決定', en: 'Pending' },
  granted: { ja: '全部開示・訂正・停止', en: 'Granted' },
  partially_granted: { ja: '一部', en: 'Partly granted' },
  refused: { ja: '不開示・不訂正・不停止', en: 'Refused' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
} as const satisfies Record<string, Bilingual>;

export type RequestKind = keyof typeof requestKinds;
export type RequestOutcome = keyof typeof requestOutcomes;

/** The new-request form as posted. */
export interface RequestForm {
  kind?: string;
  receivedOn?: string;
  fileId?: string;
  key?: string;
  kana?: string;
  birthDate?: string;
  note?: string;
}

export type RequestSearch = { fileId: string; key: string } | { kana: string; birthDate: string };

/** A request the form makes, or why it makes none. */
export type ParsedRequest =
  | { ok: true; kind: RequestKind; receivedOn: string; search: RequestSearch; note: string }
  | { ok: false; reason: 'kind' | 'received_on' | 'search' | 'file' };

const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** Kana as the files store it: NFKC (half-width to full-width katakana, ideographic space to a space), spaces single, trimmed. */
export const normaliseKana = (s: string): string => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Reads the form: a kind, a received date, and either a file with its person key or kana with a birth date. */
export function parseRequestForm(form: RequestForm, fileIds: readonly string[]): ParsedRequest {
  if (!form.kind || !(form.kind in requestKinds)) return { ok: false, reason: 'kind' };
  if (!isDate(form.receivedOn)) return { ok: false, reason: 'received_on' };
  const key = form.key?.trim();
  const kana = form.kana ? normaliseKana(form.kana) : '';
  const note = form.note?.trim() ?? '';
  const base = { ok: true as const, kind: form.kind as RequestKind, receivedOn: form.receivedOn, note };
  if (key) return form.fileId && fileIds.includes(form.fileId) ? { ...base, search: { fileId: form.fileId, key } } : { ok: false, reason: 'file' };
  if (kana && isDate(form.birthDate)) return { ...base, search: { kana, birthDate: form.birthDate } };
  return { ok: false, reason: 'search' };
}

/** Why a form was refused, in both languages. */
export const formRefusals: Record<Extract<ParsedRequest, { ok: false }>['reason'], Bilingual> = {
  kind: { ja: '請求の種類を選んでください。', en: 'Choose the kind of request.' },
  received_on: { ja: '受付日を正しく入力してください。', en: 'Enter the day the request was received.' },
  search: { ja: '本人のキー（ファイルと値）か、氏名カナと生年月日を入力してください。', en: 'Enter a person key (a file and its value), or the name in kana with the date of birth.' },
  file: { ja: '本人のキーで探すファイルを選んでください。', en: 'Choose the file whose person key you entered.' },
};
