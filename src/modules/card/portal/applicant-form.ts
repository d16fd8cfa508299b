// The details form's answers → the applicant and the group's size, or a message per wrong field in both languages.
// The rules are H1's checkApplicant; the portal adds what a resident booking online must give: an email address
// (the confirmation and its link go there) and a group size the type allows.
import { type Applicant, type ApplicantField as CheckedField, checkApplicant, type FieldProblem } from '../domain/applicant.ts';
import { type ApplicantField, type ApplicantForm, applicantFields, emptyApplicant, fieldLabels } from './pages/details.tsx';
import type { Bilingual } from './pages/common.tsx';

// How the English messages name each field in a sentence (the Japanese ones use the form's label).
const enNames: Record<ApplicantField, string> = {
  name: 'your name', kana: 'your name in katakana', gender: 'gender', birthDate: 'your date of birth', address: 'your address',
  buildingRoom: 'the building and room', phone: 'a phone number', email: 'an email address', people: 'the number of people',
  requestNote: 'what you are applying for',
};

const invalid: Partial<Record<ApplicantField, Bilingual>> = {
  kana: { ja: '氏名（カナ）はカタカナで入力してください。', en: 'Enter your name in katakana.' },
  birthDate: { ja: '生年月日を 1980-04-01 の形で、正しい日付で入力してください。', en: 'Enter a real date of birth like 1980-04-01.' },
  phone: { ja: '電話番号は 0 から始まる10桁または11桁で入力してください。', en: 'Enter a phone number of 10 or 11 digits starting with 0.' },
  email: { ja: 'メールアドレスの形式が正しくありません（例: hanako@example.jp）。', en: 'Enter an email address like hanako@example.jp.' },
};

/** The message for one field's problem. */
export function problemMessage(field: ApplicantField, problem: FieldProblem): Bilingual {
  const n = { ja: fieldLabels[field].ja, en: enNames[field] };
  if (problem === 'required') return { ja: `${n.ja}を入力してください。`, en: `Enter ${n.en}.` };
  if (problem === 'too_long') return { ja: `${n.ja}が長すぎます。`, en: `${n.en[0]!.toUpperCase()}${n.en.slice(1)} is too long.` };
  return invalid[field] ?? { ja: `${n.ja}に使えない文字が含まれています。`, en: `${n.en[0]!.toUpperCase()}${n.en.slice(1)} contains characters that cannot be used.` };
}

/** The answers of a posted body, every field a string (absent → ''). */
export function applicantFormOf(body: Record<string, unknown>): ApplicantForm {
  const form = emptyApplicant();
  for (const id of applicantFields) {
    const v = body[id];
    if (typeof v === 'string') form[id] = v.slice(0, 1000);
  }
  return form;
}

export type ApplicantFormCheck = { ok: true; applicant: Applicant; people: number } | { ok: false; errors: Partial<Record<ApplicantField, Bilingual>> };

/** Checks the answers; `maxPeople` is the type's largest group. */
export function checkApplicantForm(form: ApplicantForm, today: string, maxPeople: number): ApplicantFormCheck {
  const errors: Partial<Record<ApplicantField, Bilingual>> = {};
  const checked = checkApplicant({ ...form }, today);
  if (!checked.ok) {
    for (const [field, problem] of Object.entries(checked.problems) as Array<[CheckedField, FieldProblem]>) {
      if ((applicantFields as readonly string[]).includes(field)) errors[field as ApplicantField] = problemMessage(field as ApplicantField, problem);
    }
  }
  if (!form.email.trim()) errors.email = problemMessage('email', 'required');
  const people = Number(form.people.normalize('NFKC').trim());
  if (!Number.isInteger(people) || people < 1 || people > maxPeople) {
    errors.people = { ja: `人数は 1 から ${maxPeople} までの数字で入力してください。`, en: `Enter a number of people from 1 to ${maxPeople}.` };
  }
  if (Object.keys(errors).length > 0 || !checked.ok) return { ok: false, errors };
  return { ok: true, applicant: checked.applicant, people };
}
