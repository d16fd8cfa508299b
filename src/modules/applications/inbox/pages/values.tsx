// An application's values as the clerk reads them, labelled by the procedure version it was made under. Every value is
// shown exactly as stored (escaped); 個人番号 and 要配慮 values stay masked until revealed through allowSensitiveView.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { dataCategories, type FieldDefinition, type ProcedureDefinition, protectedCategories } from '../../domain/procedure.ts';
import { applicationHref } from './common.tsx';

/** Which masked kinds this page shows in clear. */
export type Revealed = ReadonlySet<'individual_number' | 'sensitive'>;

const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? '');

/** One value in words: choices by their label (the stored code beside an unknown one), checkboxes as yes/no, the rest as stored. */
export function valueText(lang: Lang, field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.type === 'checkbox') return value === true ? t(lang, 'はい', 'Yes') : value === false ? t(lang, 'いいえ', 'No') : asText(value);
  if (field.type === 'choice') {
    const label = (v: unknown) => {
      const option = field.options?.find((o) => o.value === v);
      return option ? t(lang, option.label.ja, option.label.en) : asText(v);
    };
    return Array.isArray(value) ? value.map(label).join('、') : label(value);
  }
  if (field.type === 'file') return t(lang, '（添付書類の一覧を参照）', '(see the attachments)');
  return Array.isArray(value) ? value.map(asText).join('、') : asText(value);
}

function MaskedValue({ lang, applicationId, kind }: { lang: Lang; applicationId: string; kind: 'individual_number' | 'sensitive' }) {
  return (
    <>
      <span safe>{t(lang, '＊＊＊＊（非表示）', '**** (hidden)')}</span>{' '}
      <form method="get" action={`${applicationHref(applicationId)}/show/${kind}`}>
        <button type="submit" class="button button-small button-secondary" safe>{t(lang, '表示', 'Show')}</button>
      </form>
    </>
  );
}

/** The values, one row per field of the definition; `values` holds the sensitive ones only when revealed. */
export function ValuesTable({ lang, applicationId, definition, values, revealed }: { lang: Lang; applicationId: string; definition: ProcedureDefinition; values: Record<string, unknown>; revealed: Revealed }) {
  return (
    <table class="data-table">
      <caption class="visually-hidden" safe>{t(lang, '申請内容', 'Values')}</caption>
      <thead><tr>
        <th scope="col" safe>{t(lang, '項目', 'Field')}</th>
        <th scope="col" safe>{t(lang, '内容', 'Value')}</th>
        <th scope="col" safe>{t(lang, '区分', 'Category')}</th>
      </tr></thead>
      <tbody>
        {definition.fields.map((f) => {
          const category = dataCategories[f.category];
          const kind = protectedCategories.includes(f.category) ? (f.category as 'individual_number' | 'sensitive') : undefined;
          return (
            <tr>
              <th scope="row" safe>{t(lang, f.label.ja, f.label.en)}</th>
              <td class="value">{kind && !revealed.has(kind)
                ? <MaskedValue lang={lang} applicationId={applicationId} kind={kind} />
                : <span safe>{valueText(lang, f, values[f.id])}</span>}</td>
              <td safe>{t(lang, category.ja, category.en)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
