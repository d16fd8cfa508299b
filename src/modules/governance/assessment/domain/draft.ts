// 特定個人情報保護評価書（重点項目評価書）の案: the structure of seed 002 — I 基本情報, II 特定個人情報ファイルの概要,
// 別添1 記録項目, III リスク対策, IV 開示請求、問合せ, V 評価実施手続 — filled from the register's declaration of one
// file, its live counts, and the controls the running system actually has. What only a person can say is marked 要記入
// for that person to finish.
import type { Lang } from '../../../../platform/errors.ts';
import type { DataCategory } from '../../../../platform/register/personal-data.ts';
import { itemBucket, personBucket, userBucket } from './buckets.ts';

type Bilingual = { ja: string; en: string };

/** One role that works with the file, and how it is protected. */
export interface RoleUse {
  label: Bilingual;
  mfaRequired: boolean;
  /** Active staff accounts holding the role, and how many of them have a second factor enrolled. */
  staff: number;
  enrolled: number;
}

/** A contractor handling the file, as the contractors' register stands today. */
export interface ContractorUse {
  name: string;
  certifications: string;
  lastInspectedOn: string | undefined;
  inspectionDueOn: string;
  /** The flags in the language of the draft; empty when in order. */
  flags: string;
}

/** Everything the draft is filled from. */
export interface AssessmentInput {
  municipalityName: string;
  asOf: string;
  module: Bilingual;
  file: {
    fileId: string; title: Bilingual; department: Bilingual; purpose: Bilingual; legalBasis: Bilingual; source: Bilingual; users: Bilingual;
    recipients: Bilingual; encrypted: boolean; retention: Bilingual; personsNote: Bilingual;
  };
  items: ReadonlyArray<{ label: Bilingual; category: DataCategory }>;
  persons: number;
  roles: readonly RoleUse[];
  mfaRequiredForAll: boolean;
  idleTimeoutMinutes: number;
  lockoutThreshold: number;
  /** When the audit chain was last verified and signed (ISO instant), if ever. */
  chainVerifiedAt: string | undefined;
  contractors: readonly ContractorUse[];
}

/** A row of the form: its label and what is filled in. */
export interface DraftRow {
  label: string;
  value: string;
}

export interface DraftSection {
  id: string;
  heading: string;
  rows: DraftRow[];
}

/** What a person must still write. */
export const TO_FILL: Bilingual = { ja: '（要記入）', en: '(to be completed)' };

const mark = (on: boolean) => (on ? '[○]' : '[ ]');

/** 主な記録項目 as the form's check boxes, ticked by the categories the file's items fall in. */
function mainItems(categories: ReadonlySet<DataCategory>, lang: Lang): string {
  const s = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  return [
    `${s('識別情報', 'Identifiers')}: ${mark(categories.has('individual_number'))} ${s('個人番号', 'Individual number')} ${mark(true)} ${s('その他識別情報（内部番号）', 'Other identifiers (internal numbers)')}`,
    `${s('連絡先等情報', 'Contact information')}: ${mark(categories.has('basic4'))} ${s('4情報（氏名、性別、生年月日、住所）', 'Basic four (name, gender, birth date, address)')} ${mark(categories.has('contact'))} ${s('連絡先（電話番号等）', 'Contact (telephone etc.)')}`,
    `${s('業務関係情報', 'Business information')}: ${mark(categories.has('tax'))} ${s('地方税関係情報', 'Local tax')} ${mark(categories.has('account'))} ${s('口座情報', 'Bank account')} ${mark(categories.has('sensitive'))} ${s('要配慮個人情報', 'Sensitive personal data')} ${mark(categories.has('other'))} ${s('その他', 'Other')}`,
  ].join('\n');
}

const formatChoice = (c: { index: number; label: Bilingual }, lang: Lang) => (lang === 'ja' ? `[${c.label.ja}]（選択肢 ${c.index}）` : `[${c.label.en}] (choice ${c.index})`);

function roleLines(input: AssessmentInput, lang: Lang): string {
  if (input.roles.length === 0) return lang === 'ja' ? 'このファイルを扱う役割はありません。' : 'No role works with this file.';
  return input.roles.map((r) => {
    const mfa = r.mfaRequired || input.mfaRequiredForAll;
    return lang === 'ja'
      ? `・${r.label.ja}: 多要素認証 ${mfa ? '必須' : '任意'}、職員 ${r.staff}人（うち多要素認証登録済み ${r.enrolled}人）`
      : `- ${r.label.en}: second factor ${mfa ? 'required' : 'optional'}, ${r.staff} staff (${r.enrolled} with a second factor enrolled)`;
  }).join('\n');
}

function contractorLines(input: AssessmentInput, lang: Lang): string {
  return input.contractors.map((c) => lang === 'ja'
    ? `・${c.name}: 認証 ${c.certifications}、最終確認 ${c.lastInspectedOn ?? '未実施'}、次回確認期限 ${c.inspectionDueOn}${c.flags ? `【${c.flags}】` : ''}`
    : `- ${c.name}: certifications ${c.certifications}; last inspected ${c.lastInspectedOn ?? 'never'}; next inspection due ${c.inspectionDueOn}${c.flags ? ` [${c.flags}]` : ''}`).join('\n');
}

/** The draft's sections in a language. */
export function buildDraft(input: AssessmentInput, lang: Lang): DraftSection[] {
  const s = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const { file } = input;
  const users = input.roles.reduce((n, r) => n + r.staff, 0);
  const categories = new Set(input.items.map((i) => i.category));
  const encrypted = input.items.filter((i) => i.category === 'individual_number' || i.category === 'sensitive').map((i) => i.label[lang]);
  const entrusted = input.contractors.length > 0;
  const row = (label: string, value: string): DraftRow => ({ label, value });
  return [
    { id: 'I', heading: s('I 基本情報', 'I Basic information'), rows: [
      row(s('1. ①事務の名称', '1. (1) Name of the business'), s(`${input.module.ja}に関する事務（${file.title.ja}）`, `Business of ${input.module.en} (${file.title.en})`)),
      row(s('1. ②事務の内容', '1. (2) What the business does'), file.purpose[lang]),
      row(s('1. ③対象人数', '1. (3) Persons concerned'), formatChoice(personBucket(input.persons), lang)),
      row(s('2. ①システムの名称', '2. (1) System'), s(`madoguchi（${input.module.ja}）`, `madoguchi (${input.module.en})`)),
      row(s('2. ②システムの機能', '2. (2) Functions'), s(
        '記録項目の登録・管理、職員の役割と権限による利用制限、全ての閲覧・変更・出力の操作ログ記録、保存期間経過後の承認による消去',
        'Recording and managing the items, use limited by staff roles and capabilities, every read, change and export logged, disposal on approval after retention')),
      row(s('3. 特定個人情報ファイル名', '3. File'), file.title[lang]),
      row(s('4. 個人番号の利用 法令上の根拠', '4. Legal basis for using individual numbers'), file.legalBasis[lang]),
      row(s('6. ①部署', '6. (1) Department'), file.department[lang]),
      row(s('6. ②所属長の役職名', '6. (2) Head of department'), TO_FILL[lang]),
    ] },
    { id: 'II', heading: s('II 特定個人情報ファイルの概要', 'II Outline of the file'), rows: [
      row(s('1. 特定個人情報ファイル名', '1. File'), file.title[lang]),
      row(s('2. ①ファイルの種類', '2. (1) Kind of file'), s('[システム用ファイル]', '[System file]')),
      row(s('2. ②対象となる本人の数', '2. (2) Number of persons'),
        `${formatChoice(personBucket(input.persons), lang)}${s(`\u3000${input.asOf} 現在 ${input.persons.toLocaleString('ja-JP')}人`, ` — ${input.persons.toLocaleString('en-US')} on ${input.asOf}`)}`),
      row(s('2. ③対象となる本人の範囲', '2. (3) Who the persons are'), s(`${file.personsNote.ja}で数える本人`, `Persons counted by ${file.personsNote.en}`)),
      row(s('2. ④記録される項目', '2. (4) Items recorded'), `${formatChoice(itemBucket(input.items.length), lang)}${s(`\u3000${input.items.length}項目`, ` — ${input.items.length} items`)}`),
      row(s('2. ④主な記録項目', '2. (4) Main items'), mainItems(categories, lang)),
      row(s('2. ⑤保有開始日', '2. (5) Held since'), TO_FILL[lang]),
      row(s('2. ⑥事務担当部署', '2. (6) Department'), file.department[lang]),
      row(s('3. ①入手元', '3. (1) Source'), file.source[lang]),
      row(s('3. ③使用目的', '3. (3) Purpose of use'), file.purpose[lang]),
      row(s('3. ④使用部署', '3. (4) Users'), file.users[lang]),
      row(s('3. ④使用者数', '3. (4) Number of users'), `${formatChoice(userBucket(users), lang)}${s(`\u3000職員アカウント ${users}人`, ` — ${users} staff accounts`)}`),
      row(s('4. 特定個人情報ファイルの取扱いの委託', '4. Entrusting the file'), entrusted ? s(`[委託する]（${input.contractors.length}件）`, `[Entrusted] (${input.contractors.length})`) : s('[委託しない]', '[Not entrusted]')),
      row(s('5. 提供・移転', '5. Provision and transfer'), file.recipients[lang]),
      row(s('7. 保管・消去', '7. Keeping and disposal'), file.retention[lang]),
    ] },
    { id: 'annex1', heading: s('（別添1）特定個人情報ファイル記録項目', '(Annex 1) Items of the file'), rows: [
      row(file.title[lang], input.items.map((i) => i.label[lang]).join(s('・', ', '))),
    ] },
    { id: 'III', heading: s('III リスク対策', 'III Risk controls'), rows: [
      row(s('権限管理（役割ごとの多要素認証）', 'Access (second factor by role)'), `${roleLines(input, lang)}${input.mfaRequiredForAll ? s('\n全職員に多要素認証を義務付けています。', '\nA second factor is required of all staff.') : ''}`),
      row(s('認証・セッション', 'Login and sessions'), s(
        `操作のない状態が${input.idleTimeoutMinutes}分続くと自動的にログアウトします。パスワード等を${input.lockoutThreshold}回続けて誤るとアカウントをロックします。`,
        `A session unused for ${input.idleTimeoutMinutes} minutes ends by itself; ${input.lockoutThreshold} wrong entries in a row lock the account.`)),
      row(s('暗号化', 'Encryption'), encrypted.length > 0 && file.encrypted
        ? s(`${encrypted.join('・')}は項目ごとに AES-256-GCM で暗号化し、検索には HMAC によるブラインドインデックスを用いています。`,
          `${encrypted.join(', ')} are encrypted per field with AES-256-GCM; lookups use HMAC blind indexes.`)
        : file.encrypted ? s('記録は暗号化して保存しています。', 'The records are stored encrypted.') : s('項目単位の暗号化はありません（データベースの保護によります）。', 'No per-field encryption (the database\'s protection applies).')),
      row(s('操作ログ', 'Audit log'), s(
        `閲覧・変更・出力・ログインを操作ログ（ハッシュチェーン）に記録しています。最終検証・署名: ${input.chainVerifiedAt ?? '記録なし'}`,
        `Every read, change, export and login is written to the hash-chained audit log. Last verified and signed: ${input.chainVerifiedAt ?? 'never'}`)),
      row(s('4. 委託先における不正な使用等のリスク', '4. Misuse by contractors'), entrusted
        ? `${contractorLines(input, lang)}\n${s('委託先の確認は年度当たり1回以上行います。', 'Each contractor is inspected at least once a fiscal year.')}`
        : s('委託していません。', 'The file is not entrusted to any contractor.')),
      row(s('7. 特定個人情報の保管・消去', '7. Keeping and disposal'), s(
        `${file.retention.ja.replace(/。$/, '')}。保存期間を経過した記録は、権限のある職員の承認を経て消去し、消去記録と消去証明書を作成します。`,
        `${file.retention.en.replace(/\.$/, '')}. Records past their retention are disposed of on the approval of an authorised member of staff, with disposal records and a certificate.`)),
      row(s('8. 監査', '8. Audits'), TO_FILL[lang]),
      row(s('9. 従業者に対する教育・啓発', '9. Staff training'), TO_FILL[lang]),
    ] },
    { id: 'IV', heading: s('IV 開示請求、問合せ', 'IV Disclosure requests and enquiries'), rows: [
      row(s('1. 特定個人情報の開示・訂正・利用停止請求', '1. Disclosure, correction and suspension requests'), s(
        `${TO_FILL.ja}\u3000請求の受付と結果は「開示等の請求」画面で記録し、本人について保有する記録とその閲覧履歴を出力できます。`,
        `${TO_FILL.en} Requests and their outcomes are recorded on the disclosure requests page, which prints what is held about the person and who accessed it.`)),
      row(s('2. 特定個人情報ファイルの取扱いに関する問合せ', '2. Enquiries about the file'), `${file.department[lang]} ${TO_FILL[lang]}`),
    ] },
    { id: 'V', heading: s('V 評価実施手続', 'V Assessment procedure'), rows: [
      row(s('1. 基礎項目評価 ①実施日', '1. Threshold assessment: date'), TO_FILL[lang]),
      row(s('3. 第三者点検', '3. Third-party review'), TO_FILL[lang]),
    ] },
  ];
}
