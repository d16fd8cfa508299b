// 一時保存のお知らせ: the link to come back to a draft, mailed when the resident has already typed a valid e-mail.
import type { Lang } from '../../platform/errors.ts';
import type { ProcedureDefinition } from './domain/procedure.ts';
import { type RawForm, validateForm } from './domain/validate.ts';
import { emailFieldOf } from './receipt-mail.ts';

/** The draft's e-mail address when what was typed into the procedure's email field is one, else undefined. */
export function emailIfValid(definition: ProcedureDefinition, raw: RawForm): string | undefined {
  const id = emailFieldOf(definition);
  const only = { ...definition, fields: definition.fields.filter((f) => f.id === id) };
  const { values } = validateForm(only, raw, '2000-01-01');
  const email = values[id];
  return typeof email === 'string' ? email : undefined;
}

/** The mail with the link; its subject names no value. */
export function draftLinkMail(lang: Lang, definition: ProcedureDefinition, link: string, lifetimeDays: number): { subject: string; text: string } {
  if (lang === 'en') {
    return {
      subject: 'Your saved application',
      text: [`You saved an application for "${definition.title.en}".`, '', 'Continue from this link:', link, '',
        `The link works for ${lifetimeDays} days from the last save. Anyone with the link can see your answers: do not forward this mail.`].join('\n'),
    };
  }
  return {
    subject: '申請の入力内容を一時保存しました',
    text: [`「${definition.title.ja}」の入力内容を一時保存しました。`, '', '次のリンクから続きを入力できます。', link, '',
      `リンクは最後に保存した日から${lifetimeDays}日間有効です。リンクを知っている人は入力内容を見られるため、このメールを転送しないでください。`].join('\n'),
  };
}
