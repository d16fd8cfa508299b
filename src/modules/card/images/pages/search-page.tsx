// 帳票の検索 (seed ⑫): find a card's filed documents by application ID or document number.
import { t } from '../../../../platform/http/language.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { type PageNotice, Notice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { ImageMeta } from '../store.ts';
import { ImageTable } from './image-parts.tsx';
import { IMAGES_PATH, RETENTION_PATH } from './paths.ts';

export interface ImageSearchPageProps extends PageContext {
  query: { applicant: string; number: string };
  /** undefined before a search. */
  found: readonly ImageMeta[] | undefined;
  notice?: PageNotice | undefined;
  mayManage: boolean;
}

export function ImageSearchPage(p: ImageSearchPageProps) {
  const { lang } = p;
  const title = t(lang, '帳票イメージの検索', 'Find document images');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <form method="get" action={IMAGES_PATH} class="form" role="search">
        <div class="field">
          <label for="image-applicant" safe>{t(lang, '申請書ID', 'Application ID')}</label>
          <input id="image-applicant" name="applicant" inputmode="numeric" autocomplete="off" maxlength="40" value={p.query.applicant} />
        </div>
        <div class="field">
          <label for="image-number" safe>{t(lang, '資料番号', 'Document number')}</label>
          <input id="image-number" name="number" autocomplete="off" maxlength="30" value={p.query.number} />
        </div>
        <button type="submit" class="button" safe>{t(lang, '検索', 'Search')}</button>
      </form>
      {p.found === undefined ? '' : p.found.length === 0
        ? <p id="image-none" safe>{t(lang, '該当する帳票イメージはありません。', 'No document image matches.')}</p>
        : <ImageTable lang={lang} images={p.found} withCard={true} id="image-results" />}
      {p.mayManage ? <p><a href={RETENTION_PATH} safe>{t(lang, '資料区分ごとの保存年限', 'Retention by document category')}</a></p> : ''}
    </ConsoleLayout>
  );
}
