// 利用目的の明示: what a procedure collects, why, on what basis, for how long and for whom, shown to the resident on the
// procedure's page BEFORE the form, in words taken from the definition itself (the same as the staff's register).
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import { type DataCategory, dataCategories, type ProcedureDefinition, protectedCategories } from '../domain/procedure.ts';

/** The definition's fields grouped by data category, in the categories' order; empty categories are left out. */
export function fieldsByCategory(definition: ProcedureDefinition): Array<{ category: DataCategory; labels: Array<{ ja: string; en: string }> }> {
  return (Object.keys(dataCategories) as DataCategory[])
    .map((category) => ({ category, labels: definition.fields.filter((f) => f.category === category).map((f) => f.label) }))
    .filter((g) => g.labels.length > 0);
}

/** The notice: the items by category, purpose (with the items that have their own), legal basis, retention, recipients. */
export function PurposeNotice({ lang, definition }: { lang: Lang; definition: ProcedureDefinition }) {
  const d = definition;
  const l = (b: { ja: string; en: string }) => b[lang];
  const ownPurposes = d.fields.filter((f) => f.purpose);
  const groups = fieldsByCategory(d);
  const protectedHeld = groups.some((g) => protectedCategories.includes(g.category));
  const headingId = `purpose-notice-${d.id}`;
  return (
    <section class="purpose-notice" aria-labelledby={headingId}>
      <h2 id={headingId} safe>{t(lang, '個人情報の取扱いについて（利用目的の明示）', 'How your personal data is handled')}</h2>
      <p safe>{t(lang,
        `この手続きでは、次の個人情報をお預かりします。お預かりした情報は、下記の目的以外には利用しません。担当：${d.department.ja}`,
        `This procedure collects the personal data below, used for the stated purposes only. Handled by: ${d.department.en}`)}</p>
      <table class="data-table">
        <caption safe>{t(lang, 'お預かりする情報', 'What we collect')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>{t(lang, '区分', 'Category')}</th>
            <th scope="col" safe>{t(lang, '項目', 'Items')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr data-category={g.category}>
              <th scope="row" safe>{l(dataCategories[g.category])}</th>
              <td safe>{g.labels.map(l).join(t(lang, '、', ', '))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {protectedHeld ? (
        <p safe>{t(lang,
          '個人番号・要配慮個人情報は項目ごとに暗号化して保存し、閲覧できる職員を限定し、閲覧はすべて記録します。',
          'Individual numbers and sensitive data are encrypted item by item; only designated staff may view them, and every view is logged.')}</p>
      ) : ''}
      <dl class="facts">
        <dt safe>{t(lang, '利用目的', 'Purpose')}</dt>
        <dd>
          <p safe>{l(d.purpose)}</p>
          {ownPurposes.length ? (
            <ul>{ownPurposes.map((f) => <li safe>{`${l(f.label)}${t(lang, '：', ': ')}${l(f.purpose!)}`}</li>)}</ul>
          ) : ''}
        </dd>
        <dt safe>{t(lang, '根拠となる法令等', 'Legal basis')}</dt>
        <dd safe>{l(d.legalBasis)}</dd>
        <dt safe>{t(lang, '保存期間', 'How long it is kept')}</dt>
        <dd safe>{`${t(lang, `${d.retention.years}年`, `${d.retention.years} year${d.retention.years === 1 ? '' : 's'}`)}${t(lang, '。', '. ')}${l(d.retention.note)}`}</dd>
        <dt safe>{t(lang, '提供先', 'Who receives it')}</dt>
        <dd safe>{l(d.recipients)}</dd>
        <dt safe>{t(lang, '本人確認書類', 'Identity documents')}</dt>
        <dd safe>{d.identityDocumentsRequired
          ? t(lang, '必要です（画像を添付していただきます。暗号化して保存します）。', 'Required (you attach an image; it is stored encrypted).')
          : t(lang, '不要です。', 'Not required.')}</dd>
        {d.fee ? (
          <>
            <dt safe>{t(lang, 'お支払い', 'Payment')}</dt>
            <dd safe>{t(lang,
              `手数料 ${d.fee.yen.toLocaleString('ja')}円${d.fee.copiesField ? '（1単位あたり）' : ''}。決済代行事業者には金額と受付番号のみを渡し、カード番号等は本市のシステムを通りません。`,
              `Fee: ${d.fee.yen.toLocaleString('en')} yen${d.fee.copiesField ? ' each' : ''}. The payment agent receives only the amount and the receipt number; card details never pass through the city's system.`)}</dd>
          </>
        ) : ''}
      </dl>
    </section>
  );
}
