// The file half of the arrivals page: J-LIS's delivery list uploaded as CSV, and its answer line by line (✓ or ✗ with
// why, as each scan is answered) under a count of what arrived and what was refused.
import type { Lang } from '../../../../../platform/errors.ts';
import { t } from '../../../../../platform/http/language.ts';
import type { ArrivalResult } from '../../arrival.ts';
import { ARRIVAL_LIST_PATH } from '../paths.ts';

/** The answer to an uploaded list: each entry's line and result, or why the file was not read. */
export type DeliveryListAnswer =
  | { kind: 'read'; lines: readonly number[]; results: readonly ArrivalResult[] }
  | { kind: 'refused'; ja: string; en: string };

export function DeliveryListSection(p: { lang: Lang; csrf: string; answer?: DeliveryListAnswer | undefined; message: (r: ArrivalResult) => string }) {
  const { lang, answer } = p;
  const arrived = answer?.kind === 'read' ? answer.results.filter((r) => r.result === 'arrived').length : 0;
  return (
    <section aria-labelledby="list-h">
      <h2 id="list-h" safe>{t(lang, '交付一覧ファイルの読込', 'Upload the delivery list')}</h2>
      {answer?.kind === 'refused' ? <p class="notice notice-error" role="alert" id="list-result" safe>{t(lang, answer.ja, answer.en)}</p> : ''}
      {answer?.kind === 'read' ? (
        <>
          <p class={arrived === answer.results.length ? 'notice' : 'notice notice-error'} role="status" id="list-result" safe>
            {t(lang, `${answer.results.length}件を読み込みました: 到着 ${arrived}件 ／ エラー ${answer.results.length - arrived}件`, `${answer.results.length} read: ${arrived} arrived, ${answer.results.length - arrived} refused`)}
          </p>
          <table class="data-table" id="list-answers">
            <thead><tr><th scope="col" safe>{t(lang, '行', 'Line')}</th><th scope="col" safe>{t(lang, '結果', 'Result')}</th></tr></thead>
            <tbody>{answer.results.map((r, i) => <tr><td safe>{String(answer.lines[i] ?? '')}</td><td safe>{p.message(r)}</td></tr>)}</tbody>
          </table>
        </>
      ) : ''}
      <form method="post" action={ARRIVAL_LIST_PATH} enctype="multipart/form-data" class="form">
        <input type="hidden" name="csrf" value={p.csrf} />
        <div class="field">
          <label for="list-file" safe>{t(lang, '交付一覧（CSV、UTF-8またはShift_JIS）', 'Delivery list (CSV, UTF-8 or Shift_JIS)')}</label>
          <input id="list-file" name="file" type="file" accept=".csv,.txt,text/csv" required />
        </div>
        <button type="submit" class="button button-secondary" safe>{t(lang, '読み込む', 'Upload')}</button>
      </form>
    </section>
  );
}
