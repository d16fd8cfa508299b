// カード交付管理: the cards filtered by status, storage site, the first digits of 申請書ID, the first letters of 氏名カナ
// and 申請受付日, a page at a time in applicant-ID order (keyset: 次へ carries the last ID shown). Who may act ticks
// cards, or takes the whole filtered list, and chooses a step: the confirmation page (bulk-page.tsx) comes before
// anything changes.
import type { Lang } from '../../../../../platform/errors.ts';
import { t } from '../../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../../platform/ui/notice.tsx';
import type { PageContext } from '../../../../../shell/pages/page-context.ts';
import { cardStatuses, type CardStatus, type CardStep, cardSteps } from '../../../domain/card-status.ts';
import { BULK_PATH, cardPath, CARDS_PATH } from '../paths.ts';
import type { CardFilter, CardRow } from '../store.ts';
import { type SiteName, siteName, StepFields, stepLabel, statusName } from './parts.tsx';

export interface CardListPageProps extends PageContext {
  csrf: string;
  filter: CardFilter;
  rows: readonly CardRow[];
  /** The last ID of this page when there is a next one. */
  nextAfter?: string | undefined;
  /** The sites of the viewer's scope. */
  sites: readonly SiteName[];
  /** Whether the viewer may take steps (card.issuance.manage). */
  mayAct: boolean;
  notice?: PageNotice | undefined;
}

/** The filter as query fields (empty ones left out). */
export function filterQuery(f: CardFilter): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.status) q.status = f.status;
  if (f.site) q.site = f.site;
  if (f.idPrefix) q.id = f.idPrefix;
  if (f.kanaPrefix) q.kana = f.kanaPrefix;
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  return q;
}

function FilterForm({ lang, filter, sites }: { lang: Lang; filter: CardFilter; sites: readonly SiteName[] }) {
  return (
    <form method="get" action={CARDS_PATH} class="form filters">
      <div class="field">
        <label for="f-status" safe>{t(lang, 'カードステータス', 'Status')}</label>
        <select id="f-status" name="status">
          <option value="" safe>{t(lang, 'すべて', 'All')}</option>
          {(Object.keys(cardStatuses) as CardStatus[]).map((s) => <option value={s} selected={filter.status === s} safe>{statusName(lang, s)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="f-site" safe>{t(lang, 'カード保管場所', 'Storage site')}</label>
        <select id="f-site" name="site">
          <option value="" safe>{t(lang, 'すべて', 'All')}</option>
          {sites.map((s) => <option value={s.code} selected={filter.site === s.code} safe>{pick(lang, s)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="f-id" safe>{t(lang, '申請書ID（前方一致）', 'Application ID (starts with)')}</label>
        <input id="f-id" name="id" value={filter.idPrefix ?? ''} inputmode="numeric" autocomplete="off" maxlength="30" />
      </div>
      <div class="field">
        <label for="f-kana" safe>{t(lang, '氏名カナ（前方一致）', 'Name in kana (starts with)')}</label>
        <input id="f-kana" name="kana" value={filter.kanaPrefix ?? ''} autocomplete="off" maxlength="50" />
      </div>
      <div class="field"><label for="f-from" safe>{t(lang, '申請受付日（から）', 'Received from')}</label><input id="f-from" name="from" type="date" value={filter.from ?? ''} /></div>
      <div class="field"><label for="f-to" safe>{t(lang, '申請受付日（まで）', 'Received until')}</label><input id="f-to" name="to" type="date" value={filter.to ?? ''} /></div>
      <button type="submit" class="button" safe>{t(lang, '絞り込み', 'Filter')}</button>
    </form>
  );
}

function CardTable({ lang, rows, sites, mayAct }: Pick<CardListPageProps, 'lang' | 'rows' | 'sites' | 'mayAct'>) {
  return (
    <table class="data-table" id="card-list">
      <thead><tr>
        {mayAct ? <th scope="col" safe>{t(lang, '選択', 'Select')}</th> : ''}
        <th scope="col" safe>{t(lang, '申請書ID', 'Application ID')}</th>
        <th scope="col" safe>{t(lang, '氏名', 'Name')}</th>
        <th scope="col" safe>{t(lang, '氏名カナ', 'Kana')}</th>
        <th scope="col" safe>{t(lang, 'カードステータス', 'Status')}</th>
        <th scope="col" safe>{t(lang, 'ステータス更新日時', 'Status since')}</th>
        <th scope="col" safe>{t(lang, 'カード保管場所', 'Storage site')}</th>
        <th scope="col" safe>{t(lang, '申請受付日', 'Received on')}</th>
      </tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {mayAct ? <td><input type="checkbox" name="id" value={r.applicantId} aria-label={t(lang, `選択 ${r.applicantIdDisplay}`, `Select ${r.applicantIdDisplay}`)} /></td> : ''}
            <td><a href={cardPath(r.applicantId)} safe>{r.applicantIdDisplay}</a></td>
            <td safe>{r.name}</td>
            <td safe>{r.nameKana}</td>
            <td safe>{statusName(lang, r.status)}</td>
            <td safe>{formatInstant(r.statusSince)}</td>
            <td safe>{siteName(lang, sites, r.storageSiteCode)}</td>
            <td safe>{r.receivedOn}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The bulk step's choices below the ticked table: the ticked cards or the whole filtered list, the step, its fields. */
function BulkFields({ lang, filter, sites }: { lang: Lang; filter: CardFilter; sites: readonly SiteName[] }) {
  return (
    <fieldset class="form">
      <legend safe>{t(lang, '一括更新', 'Bulk step')}</legend>
      {Object.entries(filterQuery(filter)).map(([k, v]) => <input type="hidden" name={`filter_${k}`} value={v} />)}
      <div class="field"><fieldset>
        <legend safe>{t(lang, '対象', 'Cards')}</legend>
        <label class="choice"><input type="radio" name="target" value="selected" checked /><span safe>{t(lang, '選択したカード', 'The cards ticked')}</span></label>
        <label class="choice"><input type="radio" name="target" value="filtered" /><span safe>{t(lang, '絞り込んだ一覧のすべて', 'The whole filtered list')}</span></label>
      </fieldset></div>
      <div class="field">
        <label for="b-step" safe>{t(lang, '操作', 'Step')}</label>
        <select id="b-step" name="step">
          {(Object.keys(cardSteps) as CardStep[]).map((s) => <option value={s} safe>{stepLabel(lang, s)}</option>)}
        </select>
      </div>
      <StepFields lang={lang} prefix="b" sites={sites} />
      <button type="submit" class="button" safe>{t(lang, '確認へ', 'Review')}</button>
    </fieldset>
  );
}

export function CardListPage(p: CardListPageProps) {
  const { lang } = p;
  const title = t(lang, 'カード交付管理', 'Card issuance');
  const next = p.nextAfter && `${CARDS_PATH}?${new URLSearchParams({ ...filterQuery(p.filter), after: p.nextAfter }).toString()}`;
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <FilterForm lang={lang} filter={p.filter} sites={p.sites} />
      {p.rows.length === 0 ? <p role="status" safe>{t(lang, '該当するカードはありません。', 'No card matches.')}</p> : p.mayAct ? (
        <form method="post" action={BULK_PATH}>
          <input type="hidden" name="csrf" value={p.csrf} />
          <CardTable {...p} />
          <BulkFields lang={lang} filter={p.filter} sites={p.sites} />
        </form>
      ) : <CardTable {...p} />}
      {next ? <p><a href={next} safe>{t(lang, '次の一覧へ', 'Next page')}</a></p> : ''}
    </ConsoleLayout>
  );
}
