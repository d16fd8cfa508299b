// 保存年限: how long each category of filed document is kept after the end of its fiscal year, and for a member of
// staff who may change it, a form per category.
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { type DocumentCategory, documentCategories } from '../domain/document.ts';
import { IMAGES_PATH, RETENTION_PATH } from './paths.ts';

export interface RetentionPageProps extends PageContext {
  years: Record<DocumentCategory, number>;
  /** The categories whose years the municipality set (the others are the defaults). */
  overridden: ReadonlySet<DocumentCategory>;
  manage?: { csrf: string } | undefined;
  saved: boolean;
}

export function RetentionPage(p: RetentionPageProps) {
  const { lang } = p;
  const title = t(lang, '帳票イメージの保存年限', 'Retention of document images');
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.saved ? { kind: 'done', text: t(lang, '保存年限を変更しました。', 'The retention was changed.') } : undefined} />
      <p safe>{t(lang,
        '保存年限は資料の年度の末日（3月31日）の翌日から数えます。期限を過ぎた帳票は個人情報の保存期間管理で承認された後に、ファイルとその暗号鍵を消去します。',
        'Retention counts from the day after the end (31 March) of the document\'s fiscal year. Once past, a document is erased with its key after the retention batch is approved.')}</p>
      <table class="data-table" id="image-retention">
        <thead>
          <tr>
            <th scope="col" safe>{t(lang, '資料区分', 'Document category')}</th>
            <th scope="col" safe>{t(lang, '保存年限', 'Years kept')}</th>
            <th scope="col" safe>{t(lang, '既定値', 'Default')}</th>
            {p.manage ? <th scope="col" safe>{t(lang, '変更', 'Change')}</th> : ''}
          </tr>
        </thead>
        <tbody>
          {(Object.keys(documentCategories) as DocumentCategory[]).map((c) => (
            <tr>
              <th scope="row" safe>{pick(lang, documentCategories[c])}</th>
              <td safe>{t(lang, `${p.years[c]}年`, `${p.years[c]} years`) + (p.overridden.has(c) ? t(lang, '（変更済み）', ' (changed)') : '')}</td>
              <td safe>{t(lang, `${documentCategories[c].defaultYears}年`, `${documentCategories[c].defaultYears} years`)}</td>
              {p.manage ? (
                <td>
                  <form method="post" action={RETENTION_PATH} class="inline-form">
                    <input type="hidden" name="csrf" value={p.manage.csrf} />
                    <input type="hidden" name="category" value={c} />
                    <label for={`years-${c}`} class="visually-hidden" safe>{t(lang, `${documentCategories[c].ja}の保存年限（年）`, `Years to keep: ${documentCategories[c].en}`)}</label>
                    <input id={`years-${c}`} name="years" inputmode="numeric" required pattern="[1-9][0-9]?" maxlength="2" size="3" value={String(p.years[c])} />
                    <button type="submit" class="button" safe>{t(lang, '変更', 'Change')}</button>
                  </form>
                </td>
              ) : ''}
            </tr>
          ))}
        </tbody>
      </table>
      <p><a href={IMAGES_PATH} safe>{t(lang, '帳票イメージの検索へ', 'Find document images')}</a></p>
    </ConsoleLayout>
  );
}
