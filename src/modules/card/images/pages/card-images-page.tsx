// A card's filed documents (seed ⑪⑫): the list, and for a clerk who may file, the upload form for a scanned file.
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { type PageNotice, Notice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { displayApplicantId } from '../../domain/applicant-id.ts';
import { maxImageBytes } from '../domain/media.ts';
import type { ImageMeta } from '../store.ts';
import { type FilingForm, FilingFields, ImageTable } from './image-parts.tsx';
import { cardImagesPath, cardPath, IMAGES_PATH } from './paths.ts';

export interface CardImagesPageProps extends PageContext {
  applicantId: string;
  images: readonly ImageMeta[];
  /** The upload form (its values kept when a file is refused), when the member of staff may file; with the csrf token. */
  upload?: { csrf: string; form: FilingForm } | undefined;
  notice?: PageNotice | undefined;
}

function UploadForm({ lang, applicantId, csrf, form }: { lang: PageContext['lang']; applicantId: string; csrf: string; form: FilingForm }) {
  const mb = maxImageBytes / (1024 * 1024);
  return (
    <form method="post" action={cardImagesPath(applicantId)} enctype="multipart/form-data" class="form" id="image-upload">
      <h2 safe>{t(lang, 'イメージ登録', 'File a scanned document')}</h2>
      <input type="hidden" name="csrf" value={csrf} />
      <div class="field">
        <label for="image-file" safe>{t(lang, 'ファイル', 'File')}</label>
        <input id="image-file" type="file" name="file" required accept="application/pdf,image/jpeg,image/png,image/tiff" aria-describedby="image-file-hint" />
        <p class="hint" id="image-file-hint" safe>{t(lang, `PDF・JPEG・PNG・TIFF、${mb} MB まで`, `PDF, JPEG, PNG or TIFF, at most ${mb} MB`)}</p>
      </div>
      <FilingFields lang={lang} form={form} />
      <button type="submit" class="button" safe>{t(lang, '登録', 'File')}</button>
    </form>
  );
}

export function CardImagesPage(p: CardImagesPageProps) {
  const { lang } = p;
  const title = t(lang, '帳票イメージ', 'Document images');
  return (
    <ConsoleLayout {...p} title={`${title} ${displayApplicantId(p.applicantId)}`}>
      <h1 safe>{title}</h1>
      <p>
        <span safe>{t(lang, '申請書ID: ', 'Application ID: ')}</span>
        <a href={cardPath(p.applicantId)} id="image-card" safe>{displayApplicantId(p.applicantId)}</a>
      </p>
      <Notice notice={p.notice} />
      {p.images.length === 0
        ? <p id="image-none" safe>{t(lang, 'このカードの帳票イメージはまだありません。', 'No document of this card has been filed yet.')}</p>
        : <ImageTable lang={lang} images={p.images} withCard={false} id="image-list" />}
      {p.upload ? <UploadForm lang={lang} applicantId={p.applicantId} csrf={p.upload.csrf} form={p.upload.form} /> : ''}
      <p><a href={IMAGES_PATH} safe>{t(lang, '帳票イメージの検索へ', 'Find document images')}</a></p>
    </ConsoleLayout>
  );
}
