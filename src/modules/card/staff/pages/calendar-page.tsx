// 予約状況のカレンダー (seed ⑦): a site's week by start time, or its month by day, with places taken of places there
// are and the waitlist's length; each day links to its list. Counts only: no person is shown.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { addDays, dayOfWeek } from '../../../../platform/text/index.ts';
import { pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { CalendarView, CellCount } from '../calendar-counts.ts';
import { DAY_PATH, type Named, SiteSelect } from './day-page.tsx';

export const CALENDAR_PATH = '/console/card/calendar';

const weekdays = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

function Cell({ lang, c }: { lang: Lang; c: CellCount | undefined }) {
  if (!c) return <span class="muted">–</span>;
  const places = c.capacity > 0 ? `${c.booked}/${c.capacity}` : '';
  const wait = c.waiting > 0 ? t(lang, `待${c.waiting}`, `wait ${c.waiting}`) : '';
  return <span safe>{[places, wait].filter(Boolean).join(' ')}</span>;
}

export interface CalendarPageProps extends PageContext {
  view: CalendarView;
  date: string;
  from: string;
  to: string;
  site: string;
  type: string;
  sites: Named[];
  types: Named[];
  days: Map<string, CellCount>;
  times: string[];
  slots: Map<string, CellCount>;
}

export function CalendarPage(p: CalendarPageProps) {
  const { lang } = p;
  const title = t(lang, '来庁予約カレンダー', 'Card reservation calendar');
  const link = (date: string, view: CalendarView) => `${CALENDAR_PATH}?site=${encodeURIComponent(p.site)}&type=${encodeURIComponent(p.type)}&view=${view}&date=${date}`;
  const dayLink = (date: string) => `${DAY_PATH}?site=${encodeURIComponent(p.site)}&date=${date}`;
  const dates: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) dates.push(d);
  const previous = p.view === 'week' ? addDays(p.from, -7) : addDays(p.from, -1);
  const next = addDays(p.to, 1);
  const weeks: (string | undefined)[][] = [];
  if (p.view === 'month') {
    let week: (string | undefined)[] = Array.from({ length: dayOfWeek(p.from) }, () => undefined);
    for (const d of dates) {
      week.push(d);
      if (week.length === 7) { weeks.push(week); week = []; }
    }
    if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => undefined)]);
  }
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <form method="get" action={CALENDAR_PATH} class="form filters">
        <SiteSelect lang={lang} sites={p.sites} selected={p.site} id="c-site" />
        <div class="field">
          <label for="c-type" safe>{t(lang, '予約区分', 'Type')}</label>
          <select id="c-type" name="type">
            <option value="" selected={p.type === ''} safe>{t(lang, 'すべて', 'All')}</option>
            {p.types.map((x) => <option value={x.code} selected={x.code === p.type} safe>{pick(lang, x)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="c-view" safe>{t(lang, '表示', 'View')}</label>
          <select id="c-view" name="view">
            <option value="week" selected={p.view === 'week'} safe>{t(lang, '週', 'Week')}</option>
            <option value="month" selected={p.view === 'month'} safe>{t(lang, '月', 'Month')}</option>
          </select>
        </div>
        <div class="field"><label for="c-date" safe>{t(lang, '日付', 'Date')}</label><input id="c-date" name="date" type="date" value={p.date} /></div>
        <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>
      </form>
      <p>
        <a href={link(previous, p.view)} safe>{t(lang, '← 前へ', '← Previous')}</a>{' '}
        <a href={link(next, p.view)} safe>{t(lang, '次へ →', 'Next →')}</a>
      </p>
      <p safe>{t(lang, '各欄は「予約済の枠/定員」と、キャンセル待ちの人数（待）です。', 'Each cell is places taken/places, and the waitlist (wait).')}</p>
      {p.view === 'week' ? (
        <table class="table calendar">
          <caption safe>{`${p.from} – ${p.to}`}</caption>
          <thead><tr>
            <th scope="col" safe>{t(lang, '時間', 'Time')}</th>
            {dates.map((d) => <th scope="col"><a href={dayLink(d)} safe>{`${d.slice(5)} (${weekdays[lang][dayOfWeek(d)]})`}</a></th>)}
          </tr></thead>
          <tbody>
            {p.times.map((time) => (
              <tr><th scope="row" safe>{time}</th>{dates.map((d) => <td class="number"><Cell lang={lang} c={p.slots.get(`${d} ${time}`)} /></td>)}</tr>
            ))}
            <tr><th scope="row" safe>{t(lang, '日計', 'Day')}</th>{dates.map((d) => <td class="number"><Cell lang={lang} c={p.days.get(d)} /></td>)}</tr>
          </tbody>
        </table>
      ) : (
        <table class="table calendar">
          <caption safe>{p.from.slice(0, 7)}</caption>
          <thead><tr>{weekdays[lang].map((w) => <th scope="col" safe>{w}</th>)}</tr></thead>
          <tbody>
            {weeks.map((week) => (
              <tr>{week.map((d) => (d ? <td><a href={dayLink(d)} safe>{String(Number(d.slice(8)))}</a><br /><Cell lang={lang} c={p.days.get(d)} /></td> : <td></td>))}</tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
