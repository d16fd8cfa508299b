// Pieces the image pages share: the table of images and the words for categories and sizes.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../platform/ui/format.ts';
import { displayApplicantId } from '../../domain/applicant-id.ts';
import { type BusinessCategory, businessCategories, type DocumentCategory, documentCategories } from '../domain/document.ts';
import type { ImageMeta } from '../store.ts';
import { imagePath } from './paths.ts';

/** 1.2 MB, 340 KB. */
export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The images as a table, each display name linking to its page; the card's column when several cards are listed. */
export function ImageTable({ lang, images, withCard, id }: { lang: Lang; images: readonly ImageMeta[]; withCard: boolean; id: string }) {
  return (
    <table class="data-table" id={id}>
      <thead>
        <tr>
          {withCard ? <th scope="col" safe>{t(lang, '申請書ID', 'Application ID')}</th> : ''}
          <th scope="col" safe>{t(lang, '表示名', 'Name')}</th>
          <th scope="col" safe>{t(lang, '年度', 'Fiscal year')}</th>
          <th scope="col" safe>{t(lang, '業務区分', 'Business')}</th>
          <th scope="col" safe>{t(lang, '資料番号', 'Document no.')}</th>
          <th scope="col" safe>{t(lang, '漢字氏名', 'Name on the document')}</th>
          <th scope="col" safe>{t(lang, '種類・サイズ', 'Type, size')}</th>
          <th scope="col" safe>{t(lang, '登録', 'Filed')}</th>
        </tr>
      </thead>
      <tbody>
        {images.map((i) => (
          <tr>
            {withCard ? <td safe>{displayApplicantId(i.applicantId)}</td> : ''}
            <td><a href={imagePath(i.applicantId, i.imageId)} safe>{lang === 'ja' ? i.displayName : `${documentCategories[i.documentCategory].en} p.${i.pageNumber}`}</a></td>
            <td safe>{String(i.fiscalYear)}</td>
            <td safe>{pick(lang, businessCategories[i.businessCategory])}</td>
            <td safe>{i.documentNumber}</td>
            <td safe>{i.kanjiName}</td>
            <td safe>{`${i.mediaType} ${fileSize(i.byteSize)}`}</td>
            <td safe>{`${formatInstant(i.registeredAt)} ${i.registeredByName || i.registeredBy}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The fields a filed document is described by, as its upload and correction forms post them. */
export interface FilingForm {
  fiscalYear: string;
  business: BusinessCategory;
  category: DocumentCategory;
  number: string;
  kanjiName: string;
  page: string;
}

function Select<K extends string>({ id, name, label, options, selected, lang }: {
  id: string; name: string; label: string; options: Record<K, { ja: string; en: string }>; selected: K; lang: Lang;
}) {
  return (
    <div class="field">
      <label for={id} safe>{label}</label>
      <select id={id} name={name}>
        {(Object.keys(options) as K[]).map((k) => <option value={k} selected={k === selected} safe>{pick(lang, options[k])}</option>)}
      </select>
    </div>
  );
}

/** 年度, 業務区分, 資料区分, 資料番号, 漢字氏名 and ページ番号, filled with the form's values. */
export function FilingFields({ lang, form }: { lang: Lang; form: FilingForm }) {
  return (
    <>
      <div class="field">
        <label for="image-year" safe>{t(lang, '年度', 'Fiscal year')}</label>
        <input id="image-year" name="fiscalYear" inputmode="numeric" required pattern="[0-9]{4}" maxlength="4" value={form.fiscalYear} />
      </div>
      <Select id="image-business" name="business" label={t(lang, '業務区分', 'Business')} options={businessCategories} selected={form.business} lang={lang} />
      <Select id="image-category" name="category" label={t(lang, '資料区分', 'Document category')} options={documentCategories} selected={form.category} lang={lang} />
      <div class="field">
        <label for="image-number" safe>{t(lang, '資料番号', 'Document number')}</label>
        <input id="image-number" name="number" required maxlength="30" pattern="[0-9A-Za-z\-]{1,30}" autocomplete="off" value={form.number} />
      </div>
      <div class="field">
        <label for="image-name" safe>{t(lang, '漢字氏名', 'Name on the document')}</label>
        <input id="image-name" name="kanjiName" required maxlength="100" autocomplete="off" value={form.kanjiName} />
      </div>
      <div class="field">
        <label for="image-page" safe>{t(lang, 'ページ番号', 'Page number')}</label>
        <input id="image-page" name="page" inputmode="numeric" required pattern="[0-9]{1,3}" maxlength="3" value={form.page} />
      </div>
    </>
  );
}

/** The correction form's values: what the image is filed as now. */
export const filingFormOf = (i: ImageMeta): FilingForm => ({
  fiscalYear: String(i.fiscalYear), business: i.businessCategory, category: i.documentCategory, number: i.documentNumber, kanjiName: i.kanjiName,
  page: String(i.pageNumber),
});
