// One form field per type, rendered on the server: label with the required mark, help, the error next to the field,
// and the value kept as typed. Works without JavaScript: the address search and file removal are submit buttons.
import type { Children } from '@kitajs/html';
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import type { AttachmentMeta } from '../attachments/index.ts';
import type { FieldDefinition, FieldType } from '../domain/procedure.ts';
import { type Message, type RawForm, WAREKI_ERAS, warekiPart } from '../domain/validate.ts';
import { inputId, pick } from './portal-common.tsx';

export interface FieldProps {
  lang: Lang;
  field: FieldDefinition;
  raw: RawForm;
  error: Message | undefined;
  files: AttachmentMeta[];
}

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The input an error summary link should move focus to, for the field's type. */
export function errorTarget(field: FieldDefinition): string {
  if (field.type === 'wareki_date') return inputId(field.id, 'era');
  if (field.type === 'choice' && (field.multiple || (field.options?.length ?? 0) <= 5)) return inputId(field.id, '0');
  return inputId(field.id);
}

function RequiredMark({ lang, required }: { lang: Lang; required: boolean }) {
  return required ? <span class="required" safe>{t(lang, '（必須）', ' (required)')}</span> : <span class="optional" safe>{t(lang, '（任意）', ' (optional)')}</span>;
}

function Help({ lang, field }: { lang: Lang; field: FieldDefinition }) {
  const extra = field.type === 'kana' ? t(lang, 'カタカナで入力してください（ひらがなも可）。', 'In katakana (hiragana is converted).')
    : field.type === 'date' ? t(lang, '例: 1980-04-01 または 1980/4/1', 'For example 1980-04-01 or 1980/4/1')
      : field.type === 'phone' ? t(lang, '例: 06-6123-4567', 'For example 06-6123-4567')
        : field.type === 'postal_code' ? t(lang, '7桁（例: 599-9901）', '7 digits (for example 599-9901)') : '';
  const text = [field.help ? pick(lang, field.help) : '', extra].filter(Boolean).join(' ');
  return text ? <p id={`${inputId(field.id)}-hint`} class="hint" safe>{text}</p> : '';
}

function ErrorMessage({ lang, field, error }: { lang: Lang; field: FieldDefinition; error: Message | undefined }) {
  if (!error) return '';
  return (
    <p id={`${inputId(field.id)}-error`} class="error-message">
      <span class="visually-hidden" safe>{t(lang, 'エラー: ', 'Error: ')}</span><span safe>{pick(lang, error)}</span>
    </p>
  );
}

/** aria-describedby for the field's inputs: its help and its error. */
function describedBy(field: FieldDefinition, error: Message | undefined): string | undefined {
  const ids = [field.help || ['kana', 'date', 'phone', 'postal_code'].includes(field.type) ? `${inputId(field.id)}-hint` : '', error ? `${inputId(field.id)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function inputType(field: FieldDefinition, value: string): string {
  if (field.type === 'email') return 'email';
  if (field.type === 'phone') return 'tel';
  // A date picker only shows ISO values: keep what was typed otherwise (1980/4/1) in a text box.
  if (field.type === 'date') return value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'text';
  return 'text';
}

const autocompleteOf: Partial<Record<FieldType, string>> = { email: 'email', phone: 'tel', postal_code: 'postal-code' };

/** A field inside a fieldset (choices, 和暦, consent): the legend carries the label. */
function Group({ lang, field, error, children }: { lang: Lang; field: FieldDefinition; error: Message | undefined; children: Children }) {
  return (
    <div class={error ? 'field field-error' : 'field'} id={`field-${field.id}`}>
      <fieldset aria-describedby={describedBy(field, error)}>
        <legend><span safe>{pick(lang, field.label)}</span><RequiredMark lang={lang} required={field.required} /></legend>
        <Help lang={lang} field={field} />
        <ErrorMessage lang={lang} field={field} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

/** One field of the form. */
export function FormField({ lang, field, raw, error, files }: FieldProps) {
  const id = inputId(field.id);
  const invalid = error ? 'true' : undefined;
  const value = one(raw[field.id]);
  switch (field.type) {
    case 'choice': {
      const chosen = new Set(many(raw[field.id]));
      const options = field.options ?? [];
      if (!field.multiple && options.length > 5) {
        return (
          <div class={error ? 'field field-error' : 'field'} id={`field-${field.id}`}>
            <label for={id}><span safe>{pick(lang, field.label)}</span><RequiredMark lang={lang} required={field.required} /></label>
            <Help lang={lang} field={field} />
            <ErrorMessage lang={lang} field={field} error={error} />
            <select id={id} name={field.id} aria-describedby={describedBy(field, error)} aria-invalid={invalid}>
              <option value="" safe>{t(lang, '選択してください', 'Choose')}</option>
              {options.map((o) => <option value={o.value} selected={chosen.has(o.value)} safe>{pick(lang, o.label)}</option>)}
            </select>
          </div>
        );
      }
      return (
        <Group lang={lang} field={field} error={error}>
          {options.map((o, i) => (
            <div class="choice">
              <input type={field.multiple ? 'checkbox' : 'radio'} id={inputId(field.id, String(i))} name={field.id} value={o.value} checked={chosen.has(o.value)} />
              <label for={inputId(field.id, String(i))} safe>{pick(lang, o.label)}</label>
            </div>
          ))}
        </Group>
      );
    }
    case 'wareki_date': {
      const part = (p: 'era' | 'year' | 'month' | 'day') => one(raw[warekiPart(field.id, p)]);
      const era = part('era') || '令和';
      return (
        <Group lang={lang} field={field} error={error}>
          <div class="date-parts">
            <span class="date-part">
              <label for={inputId(field.id, 'era')} safe>{t(lang, '元号', 'Era')}</label>
              <select id={inputId(field.id, 'era')} name={warekiPart(field.id, 'era')} aria-invalid={invalid}>
                {WAREKI_ERAS.map((e) => <option value={e} selected={e === era}>{e}</option>)}
              </select>
            </span>
            {(['year', 'month', 'day'] as const).map((p) => (
              <span class="date-part">
                <label for={inputId(field.id, p)} safe>{t(lang, { year: '年', month: '月', day: '日' }[p], { year: 'Year', month: 'Month', day: 'Day' }[p])}</label>
                <input id={inputId(field.id, p)} name={warekiPart(field.id, p)} value={part(p)} inputmode="numeric" size="3" maxlength="3" aria-invalid={invalid} />
              </span>
            ))}
          </div>
        </Group>
      );
    }
    case 'checkbox':
      return (
        <Group lang={lang} field={field} error={error}>
          <div class="choice">
            <input type="checkbox" id={id} name={field.id} value="yes" checked={value !== ''} aria-invalid={invalid} />
            <label for={id} safe>{pick(lang, field.label)}</label>
          </div>
        </Group>
      );
    case 'file': {
      const mine = files.filter((f) => f.fieldId === field.id);
      return (
        <div class={error ? 'field field-error' : 'field'} id={`field-${field.id}`}>
          <label for={id}><span safe>{pick(lang, field.label)}</span><RequiredMark lang={lang} required={field.required} /></label>
          <Help lang={lang} field={field} />
          <ErrorMessage lang={lang} field={field} error={error} />
          {mine.length > 0 ? (
            <ul class="attached-files" aria-label={t(lang, '添付済みのファイル', 'Files attached')}>
              {mine.map((f) => (
                <li>
                  <span safe>{f.fileName}</span>{' '}
                  <span safe>{`(${Math.max(1, Math.round(f.byteSize / 1024)).toLocaleString(lang)} KB)`}</span>{' '}
                  <button type="submit" name="action" value={`remove:${f.attachmentId}`} class="button button-secondary button-small"
                    aria-label={t(lang, `${f.fileName} を削除`, `Remove ${f.fileName}`)} safe>{t(lang, '削除', 'Remove')}</button>
                </li>
              ))}
            </ul>
          ) : ''}
          <input type="file" id={id} name={field.id} accept="image/jpeg,image/png,image/heic,application/pdf,.jpg,.jpeg,.png,.heic,.pdf"
            aria-describedby={describedBy(field, error)} aria-invalid={invalid} />
          <button type="submit" name="action" value="upload" class="button button-secondary button-small" safe>{t(lang, 'ファイルを添付', 'Attach the file')}</button>
        </div>
      );
    }
    default: {
      const common = { id, name: field.id, 'aria-describedby': describedBy(field, error), 'aria-invalid': invalid };
      return (
        <div class={error ? 'field field-error' : 'field'} id={`field-${field.id}`}>
          <label for={id}><span safe>{pick(lang, field.label)}</span><RequiredMark lang={lang} required={field.required} /></label>
          <Help lang={lang} field={field} />
          <ErrorMessage lang={lang} field={field} error={error} />
          {field.type === 'textarea'
            ? <textarea {...common} rows="5" safe>{value}</textarea>
            : <input {...common} type={inputType(field, value)} value={value} autocomplete={autocompleteOf[field.type]}
              inputmode={field.type === 'number' || field.type === 'postal_code' ? 'numeric' : undefined} />}
          {field.type === 'postal_code' && field.addressField ? (
            <button type="submit" name="action" value={`lookup:${field.id}`} class="button button-secondary button-small" safe>{t(lang, '住所を検索', 'Find address')}</button>
          ) : ''}
        </div>
      );
    }
  }
}
