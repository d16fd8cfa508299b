// One filed document (seed ⑫): what is known about it, the image itself turned as stored (drawn in SVG: the policy
// forbids style attributes), or for a PDF or TIFF a download; and for a clerk who may, the buttons that turn it.
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { type PageNotice, Notice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { displayApplicantId } from '../../domain/applicant-id.ts';
import { businessCategories, documentCategories, rotatedView } from '../domain/document.ts';
import { showsInline } from '../domain/media.ts';
import type { ImageMeta } from '../store.ts';
import { FilingFields, filingFormOf, fileSize } from './image-parts.tsx';
import { cardImagesPath, imageContentPath, imagePath } from './paths.ts';

export interface ImagePageProps extends PageContext {
  image: ImageMeta;
  /** The turn buttons, when the member of staff may file. */
  manage?: { csrf: string } | undefined;
  notice?: PageNotice | undefined;
}

function Picture({ lang, image }: { lang: PageContext['lang']; image: ImageMeta }) {
  if (!showsInline(image.mediaType) || !image.width || !image.height) {
    return <p id="image-preview-none" safe>{t(lang, 'このファイルは画面に表示できません。ダウンロードして開いてください。', 'This file cannot be shown here; download it to open it.')}</p>;
  }
  const view = rotatedView(image.width, image.height, image.rotation);
  const label = t(lang, `${image.displayName}の画像`, `Image of ${documentCategories[image.documentCategory].en} p.${image.pageNumber}`);
  return (
    <svg id="image-view" role="img" aria-label={label} viewBox={`0 0 ${view.width} ${view.height}`} width="100%" preserveAspectRatio="xMidYMin meet">
      <g transform={view.transform || undefined}>
        <image href={imageContentPath(image.applicantId, image.imageId)} width={String(image.width)} height={String(image.height)} />
      </g>
    </svg>
  );
}

export function ImagePage(p: ImagePageProps) {
  const { lang, image: i } = p;
  const title = lang === 'ja' ? i.displayName : `${documentCategories[i.documentCategory].en} p.${i.pageNumber}`;
  const facts: Array<[string, string]> = [
    [t(lang, '申請書ID', 'Application ID'), displayApplicantId(i.applicantId)],
    [t(lang, '年度', 'Fiscal year'), String(i.fiscalYear)],
    [t(lang, '業務区分', 'Business'), pick(lang, businessCategories[i.businessCategory])],
    [t(lang, '資料区分', 'Document category'), pick(lang, documentCategories[i.documentCategory])],
    [t(lang, '資料番号', 'Document number'), i.documentNumber],
    [t(lang, '漢字氏名', 'Name on the document'), i.kanjiName],
    [t(lang, 'ページ番号', 'Page'), String(i.pageNumber)],
    [t(lang, 'ファイル名', 'File name'), i.fileName],
    [t(lang, '種類・サイズ', 'Type, size'), `${i.mediaType} ${fileSize(i.byteSize)}`],
    [t(lang, '回転角度', 'Rotation'), `${i.rotation}°`],
    [t(lang, '登録', 'Filed'), `${formatInstant(i.registeredAt)} ${i.registeredByName || i.registeredBy}`],
    [t(lang, '更新', 'Updated'), `${formatInstant(i.updatedAt)} ${i.updatedByName || i.updatedBy}`],
  ];
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <Picture lang={lang} image={i} />
      <p class="actions">
        <a class="button" id="image-download" href={imageContentPath(i.applicantId, i.imageId, true)} download="" safe>{t(lang, 'ダウンロード', 'Download')}</a>
      </p>
      {p.manage && showsInline(i.mediaType) ? (
        <form method="post" action={`${imagePath(i.applicantId, i.imageId)}/rotation`} class="actions" id="image-rotate">
          <input type="hidden" name="csrf" value={p.manage.csrf} />
          <button type="submit" class="button" name="turn" value="left" safe>{t(lang, '左に90度回転', 'Turn 90° left')}</button>
          <button type="submit" class="button" name="turn" value="right" safe>{t(lang, '右に90度回転', 'Turn 90° right')}</button>
        </form>
      ) : ''}
      <dl class="facts">{facts.map(([k, v]) => <><dt safe>{k}</dt><dd safe>{v}</dd></>)}</dl>
      {p.manage ? (
        <form method="post" action={`${imagePath(i.applicantId, i.imageId)}/details`} class="form" id="image-correct">
          <h2 safe>{t(lang, '登録内容の訂正', 'Correct how it is filed')}</h2>
          <input type="hidden" name="csrf" value={p.manage.csrf} />
          <FilingFields lang={lang} form={filingFormOf(i)} />
          <button type="submit" class="button" safe>{t(lang, '訂正', 'Correct')}</button>
        </form>
      ) : ''}
      <p><a href={cardImagesPath(i.applicantId)} safe>{t(lang, 'このカードの帳票イメージ一覧へ', 'All documents of this card')}</a></p>
    </ConsoleLayout>
  );
}
