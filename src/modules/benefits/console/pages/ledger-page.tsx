// 給付台帳: a programme's targets counted by state (chart and table), and the list cut by state, by eligible or
// excluded, or by a search (住記個人番号 or 宛名番号 exactly, 氏名カナ by prefix), fifty at a time by 住記個人番号.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import { exclusionMessages } from '../../domain/exclusion.ts';
import { type LedgerState, ledgerStates } from '../../domain/ledger-state.ts';
import { yenEn, yenJa } from '../../domain/yen.ts';
import type { LedgerRow, StateCount } from '../../ledger/store.ts';
import { StateChart } from './state-chart.tsx';

export const LEDGER_PATH = '/console/benefits';

/** The address of a person's case in a programme. */
export const casePath = (residentNumber: string, programmeId: string): string =>
  `${LEDGER_PATH}/cases/${encodeURIComponent(residentNumber)}?programme=${encodeURIComponent(programmeId)}`;

export const yenIn = (lang: Lang, n: number): string => (lang === 'en' ? yenEn(n) : yenJa(n));

/** The list's form as typed (kept as it was, to be shown again). */
export interface LedgerForm {
  programme: string;
  state: '' | LedgerState;
  outcome: '' | 'eligible' | 'excluded';
  q: string;
}

/** A programme to choose. */
export interface ProgrammeChoice { id: string; ja: string; en: string }

export interface LedgerPageProps extends PageContext {
  programmes: ProgrammeChoice[];
  form: LedgerForm;
  counts: StateCount[];
  rows: LedgerRow[];
  /** The address of the next page, when there is one. */
  next: string | undefined;
  /** Whether this page starts after another (a link back to the first). */
  paged: boolean;
  notice?: PageNotice | undefined;
  /** The search field's error, shown next to it. */
  qError?: string | undefined;
}

/** Why a target is paid nothing, in words (the code when the table has no words for it). */
export function exclusionText(lang: Lang, code: string | null, incomeCap?: number): string {
  if (code === null) return '';
  const words = (exclusionMessages as Record<string, { ja: (f: { incomeCap?: number }) => string; en: (f: { incomeCap?: number }) => string }>)[code];
  if (!words) return code;
  const f = incomeCap === undefined ? {} : { incomeCap };
  return lang === 'en' ? words.en(f) : words.ja(f);
}

const shortExclusion: Record<string, { ja: string; en: string }> = {
  income_over_cap: { ja: '所得制限超', en: 'Over the income cap' },
  no_shortfall: { ja: '控除不足なし', en: 'No shortfall' },
};

const states = Object.keys(ledgerStates) as LedgerState[];

export function LedgerPage(p: LedgerPageProps) {
  const { lang, form } = p;
  const programme = p.programmes.find((x) => x.id === form.programme);
  const title = t(lang, `給付台帳（${programme?.ja ?? form.programme}）`, `Benefits ledger (${programme?.en ?? form.programme})`);
  const byState = states.map((state) => {
    const of = (eligible: boolean) => p.counts.find((c) => c.state === state && c.eligible === eligible);
    return { state, eligible: of(true)?.targets ?? 0, excluded: of(false)?.targets ?? 0, amount: of(true)?.amount ?? 0 };
  });
  const total = byState.reduce((a, b) => ({ eligible: a.eligible + b.eligible, excluded: a.excluded + b.excluded, amount: a.amount + b.amount }), { eligible: 0, excluded: 0, amount: 0 });
  const query = (extra: Record<string, string>) => `${LEDGER_PATH}?${new URLSearchParams({ ...form, ...extra }).toString()}`;
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <section aria-labelledby="by-state">
        <h2 id="by-state" safe>{t(lang, '状態別の件数', 'Targets by state')}</h2>
        <StateChart lang={lang} id="ledger-chart" bars={byState} />
        <table class="data-table">
          <caption safe>{t(lang, '状態別（グラフの数値）', 'By state (the chart’s numbers)')}</caption>
          <thead><tr>
            <th scope="col" safe>{t(lang, '状態', 'State')}</th>
            <th scope="col" safe>{t(lang, '支給対象', 'Eligible')}</th>
            <th scope="col" safe>{t(lang, '対象外', 'Excluded')}</th>
            <th scope="col" safe>{t(lang, '支給額合計', 'Amount')}</th>
          </tr></thead>
          <tbody>
            {byState.map((b) => (
              <tr>
                <th scope="row"><a href={query({ state: b.state, outcome: '', q: '' })} safe>{pick(lang, ledgerStates[b.state])}</a></th>
                <td class="number" safe>{String(b.eligible)}</td>
                <td class="number" safe>{String(b.excluded)}</td>
                <td class="number" safe>{yenIn(lang, b.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr>
            <th scope="row" safe>{t(lang, '合計', 'Total')}</th>
            <td class="number" safe>{String(total.eligible)}</td>
            <td class="number" safe>{String(total.excluded)}</td>
            <td class="number" safe>{yenIn(lang, total.amount)}</td>
          </tr></tfoot>
        </table>
      </section>
      <section aria-labelledby="targets">
        <h2 id="targets" safe>{t(lang, '対象者の一覧・検索', 'Find targets')}</h2>
        <form method="get" action={LEDGER_PATH} class="form" novalidate>
          {p.programmes.length > 1 ? (
            <div class="field">
              <label for="l-programme" safe>{t(lang, '給付事業', 'Programme')}</label>
              <select id="l-programme" name="programme">
                {p.programmes.map((x) => <option value={x.id} selected={x.id === form.programme} safe>{pick(lang, x)}</option>)}
              </select>
            </div>
          ) : <input type="hidden" name="programme" value={form.programme} />}
          <div class="field">
            <label for="l-state" safe>{t(lang, '状態', 'State')}</label>
            <select id="l-state" name="state">
              <option value="" selected={form.state === ''} safe>{t(lang, 'すべて', 'All')}</option>
              {states.map((s) => <option value={s} selected={s === form.state} safe>{pick(lang, ledgerStates[s])}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="l-outcome" safe>{t(lang, '支給対象・対象外', 'Eligible or excluded')}</label>
            <select id="l-outcome" name="outcome">
              <option value="" selected={form.outcome === ''} safe>{t(lang, 'すべて', 'All')}</option>
              <option value="eligible" selected={form.outcome === 'eligible'} safe>{t(lang, '支給対象', 'Eligible')}</option>
              <option value="excluded" selected={form.outcome === 'excluded'} safe>{t(lang, '対象外', 'Excluded')}</option>
            </select>
          </div>
          <div class={p.qError ? 'field field-error' : 'field'}>
            <label for="l-q" safe>{t(lang, '住記個人番号・宛名番号・氏名カナ（前方一致）', 'Registry number, addressee number or name in kana (starts with)')}</label>
            {p.qError ? <p id="l-q-error" class="error-message" safe>{p.qError}</p> : ''}
            <input id="l-q" name="q" value={form.q} autocomplete="off" aria-describedby={p.qError ? 'l-q-error' : undefined} aria-invalid={p.qError ? 'true' : undefined} />
          </div>
          <button type="submit" class="button" safe>{t(lang, '検索', 'Search')}</button>
        </form>
        {p.rows.length === 0 ? <p role="status" safe>{t(lang, '該当する対象者はいません。', 'No target matches.')}</p> : (
          <table class="data-table">
            <caption safe>{t(lang, `対象者（住記個人番号順、${p.rows.length}件）`, `Targets (by registry number, ${p.rows.length} shown)`)}</caption>
            <thead><tr>
              <th scope="col" safe>{t(lang, '住記個人番号', 'Registry number')}</th>
              <th scope="col" safe>{t(lang, '宛名番号', 'Addressee number')}</th>
              <th scope="col" safe>{t(lang, '氏名', 'Name')}</th>
              <th scope="col" safe>{t(lang, '氏名カナ', 'Kana')}</th>
              <th scope="col" safe>{t(lang, '住民状態', 'Residence')}</th>
              <th scope="col" safe>{t(lang, '状態', 'State')}</th>
              <th scope="col" safe>{t(lang, '支給額・対象外の理由', 'Amount or why excluded')}</th>
            </tr></thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td><a href={casePath(r.residentNumber, form.programme)} safe>{r.residentNumber}</a></td>
                  <td safe>{r.addresseeNumber}</td>
                  <td safe>{r.name}</td>
                  <td safe>{r.nameKana}</td>
                  <td safe>{r.status}</td>
                  <td safe>{pick(lang, ledgerStates[r.state])}</td>
                  <td safe>{r.eligible ? yenIn(lang, r.amount) : pick(lang, shortExclusion[r.exclusionCode ?? ''] ?? { ja: r.exclusionCode ?? '', en: r.exclusionCode ?? '' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="actions">
          {p.paged ? <a href={query({})} safe>{t(lang, '最初のページへ', 'First page')}</a> : ''}
          {p.next ? <a href={p.next} rel="next" safe>{t(lang, '次の50件', 'Next 50')}</a> : ''}
        </p>
      </section>
    </ConsoleLayout>
  );
}
