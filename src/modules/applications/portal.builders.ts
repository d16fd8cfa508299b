// Test builders for the portal: a small procedure with one field of every type, overridable per test.
import { type FieldDefinition, parseProcedure, type ProcedureDefinition } from './domain/procedure.ts';

const bi = (ja: string, en: string) => ({ ja, en });

/** One field of every type (plus a 個人番号 and a 要配慮 one), in the order a form shows them. */
export const everyTypeFields: FieldDefinition[] = [
  { id: 'name', type: 'text', label: bi('氏名', 'Full name'), required: true, category: 'basic4', maxLength: 20 },
  { id: 'name_kana', type: 'kana', label: bi('氏名（カナ）', 'Name in katakana'), required: true, category: 'basic4', maxLength: 20 },
  { id: 'birth_date', type: 'date', label: bi('生年月日', 'Date of birth'), required: true, category: 'basic4', minDaysFromToday: -43830, maxDaysFromToday: 0 },
  { id: 'moved_in', type: 'wareki_date', label: bi('転入日', 'Date moved in'), required: false, category: 'other' },
  { id: 'postal_code', type: 'postal_code', label: bi('郵便番号', 'Postal code'), required: true, category: 'basic4', addressField: 'address' },
  { id: 'address', type: 'text', label: bi('住所', 'Address'), required: true, category: 'basic4', maxLength: 100 },
  { id: 'phone', type: 'phone', label: bi('電話番号', 'Phone number'), required: false, category: 'contact' },
  { id: 'email', type: 'email', label: bi('メールアドレス', 'Email address'), required: true, category: 'contact' },
  { id: 'copies', type: 'number', label: bi('通数', 'Number of copies'), required: true, category: 'other', min: 1, max: 10 },
  { id: 'purpose', type: 'choice', label: bi('使用目的', 'Purpose'), required: true, category: 'other', options: [{ value: 'loan', label: bi('ローン', 'Loan') }, { value: 'school', label: bi('就学', 'School') }] },
  { id: 'days', type: 'choice', multiple: true, label: bi('希望曜日', 'Preferred days'), required: false, category: 'other', options: [{ value: 'mon', label: bi('月曜', 'Monday') }, { value: 'tue', label: bi('火曜', 'Tuesday') }] },
  { id: 'note', type: 'textarea', label: bi('備考', 'Notes'), required: false, category: 'other', maxLength: 50 },
  { id: 'my_number', type: 'text', label: bi('個人番号', 'Individual number'), required: false, category: 'individual_number' },
  { id: 'health', type: 'textarea', label: bi('健康状態', 'Health condition'), required: false, category: 'sensitive' },
  { id: 'identity_document', type: 'file', label: bi('本人確認書類', 'Identity document'), required: true, category: 'basic4' },
  { id: 'consent', type: 'checkbox', label: bi('同意する', 'I agree'), required: true, category: 'other' },
];

/** A valid procedure definition; fields and anything else can be overridden. */
export function buildProcedure(overrides: Partial<ProcedureDefinition> = {}): ProcedureDefinition {
  return parseProcedure({
    id: 'test-procedure',
    title: bi('テスト手続', 'Test procedure'),
    description: bi('テスト用の手続です。', 'A procedure for tests.'),
    eligibility: bi('市内在住の方', 'Residents of the city'),
    department: { code: 'citizens', ja: '市民課', en: 'Citizens Division' },
    purpose: bi('申請の審査のため', 'To review the application'),
    legalBasis: bi('見本市事務処理規則', 'Mihon City administrative rules'),
    retention: { years: 5, note: bi('完了後5年で消去', 'Erased 5 years after completion') },
    recipients: bi('なし', 'None'),
    identityDocumentsRequired: true,
    fee: null,
    reviewAssist: null,
    handOver: 'core',
    fields: everyTypeFields,
    ...overrides,
  });
}

/** A typed form that passes every field of everyTypeFields (files given as attachment ids). */
export function validRaw(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: '見本 太郎', name_kana: 'みほん たろう', birth_date: '1980/4/1', postal_code: '599-9901', address: '大阪府見本市本町一丁目2番3号',
    email: 'taro@example.jp', copies: '1', purpose: 'loan', consent: 'yes', identity_document: ['a1'],
    ...overrides,
  };
}
