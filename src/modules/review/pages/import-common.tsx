// What the import's two pages share: the address, the title, and the current extract's status — counts only; no page
// ever shows a row of the extract.
import type { Lang } from '../../../platform/errors.ts';
import { t } from '../../../platform/http/language.ts';
import type { ExtractSummary } from '../store.ts';

/** The import's address; the progress pages are below it. */
export const IMPORT_PATH = '/console/review/import';

/** The page's title, in its language. */
export const importTitle = (lang: Lang): string => t(lang, '審査用データ取込', 'Import the review extract');

// Made once: 'YYYY-MM-DD HH:mm:ss' in Japan, whatever the server's time zone.
const japanTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** An instant as the municipality reads it: Japan time, labelled. */
export const inJapan = (lang: Lang, at: Date): string => `${japanTime.format(at)} ${t(lang, '（日本時間）', 'JST')}`;

/** The current extract: its generation, when it became current, and how much it holds; or that there is none. */
export function CurrentExtract({ lang, extract, headingId }: { lang: Lang; extract: ExtractSummary | undefined; headingId: string }) {
  const n = (v: number) => v.toLocaleString(lang);
  const facts: Array<[string, string]> = extract
    ? [
      [t(lang, '世代', 'Generation'), String(extract.generation)],
      [t(lang, '取込日時', 'Imported at'), inJapan(lang, extract.swappedAt)],
      [t(lang, '住民', 'Residents'), n(extract.residents)],
      [t(lang, '氏名（索引）', 'Name readings (indexed)'), n(extract.readings)],
      [t(lang, '課税年度', 'Tax years'), n(extract.taxYears)],
    ]
    : [];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} safe>{t(lang, '現在使われている審査用データ', 'The extract in use')}</h2>
      {extract ? (
        <dl class="facts" data-extract-generation={String(extract.generation)}>
          {facts.map(([k, v]) => <><dt safe>{k}</dt><dd safe>{v}</dd></>)}
        </dl>
      ) : (
        <p safe>{t(lang, 'まだ取り込まれていません。取り込むまで、照合（API・一括照合）はできません。', 'None has been imported yet. Until one is, nothing can be matched (API and batch).')}</p>
      )}
    </section>
  );
}
