// Pieces the image pages share: the table of images and the words for categories and sizes.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../platform/ui/format.ts';
import { displayApplicantId } from '../../domain/applicant-id.ts';
import { businessCategories, documentCategories } from '../domain/document.ts';
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
