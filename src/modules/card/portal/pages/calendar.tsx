// The month calendar: a table a screen reader can walk (caption, weekday headers), each day with its symbol and the
// symbol's words (never colour alone), a legend, and links to the neighbouring months within the booking window.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { type CalendarCell, type DayMark, type MonthGrid, markLabels } from '../calendar-view.ts';

const weekdays = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
const weekdayNames = { ja: ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'], en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] };
const monthNamesEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2027年3月 / March 2027. */
export function monthTitle(lang: Lang, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return lang === 'en' ? `${monthNamesEn[m - 1]} ${y}` : `${y}年${m}月`;
}

/** 3月2日（火） / Tuesday 2 March 2027. */
export function dayTitle(lang: Lang, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return lang === 'en' ? `${weekdayNames.en[dow]} ${d} ${monthNamesEn[m - 1]} ${y}` : `${y}年${m}月${d}日（${weekdays.ja[dow]}）`;
}

function Mark({ lang, mark }: { lang: Lang; mark: DayMark }) {
  const label = markLabels[mark];
  return (
    <>
      <span class="cal-mark" aria-hidden="true" safe>{label.symbol}</span>
      <span class="visually-hidden" safe>{lang === 'en' ? label.en : label.ja}</span>
    </>
  );
}

function Day({ lang, cell, hrefOf }: { lang: Lang; cell: CalendarCell; hrefOf: (cell: CalendarCell) => string | undefined }) {
  const href = hrefOf(cell);
  const inner = <><span class="cal-day" safe>{String(cell.day)}</span><Mark lang={lang} mark={cell.mark} /></>;
  return <td class={`cal-${cell.mark}`}>{href ? <a href={href}>{inner}</a> : <span class="cal-static">{inner}</span>}</td>;
}

export interface MonthCalendarProps {
  lang: Lang;
  grid: MonthGrid;
  /** Where a day leads (its slots, its waitlist), or undefined for a day that cannot be chosen. */
  hrefOf: (cell: CalendarCell) => string | undefined;
  prevHref?: string | undefined;
  nextHref?: string | undefined;
}

/** The calendar of one month with its legend and month navigation. */
export function MonthCalendar({ lang, grid, hrefOf, prevHref, nextHref }: MonthCalendarProps) {
  const names = lang === 'en' ? weekdays.en : weekdays.ja;
  const full = lang === 'en' ? weekdayNames.en : weekdayNames.ja;
  return (
    <section class="month-calendar" aria-labelledby="calendar-title">
      <h2 id="calendar-title" safe>{monthTitle(lang, grid.month)}</h2>
      <nav class="cal-nav" aria-label={t(lang, '表示する月', 'Month shown')}>
        {prevHref ? <a href={prevHref} safe>{t(lang, '← 前の月', '← Previous month')}</a> : <span></span>}
        {nextHref ? <a href={nextHref} safe>{t(lang, '次の月 →', 'Next month →')}</a> : <span></span>}
      </nav>
      <table class="cal-table">
        <caption class="visually-hidden" safe>{t(lang, `${monthTitle(lang, grid.month)}の空き状況`, `Availability in ${monthTitle(lang, grid.month)}`)}</caption>
        <thead>
          <tr>{names.map((n, i) => <th scope="col"><abbr title={full[i]} safe>{n}</abbr></th>)}</tr>
        </thead>
        <tbody>
          {grid.weeks.map((week) => (
            <tr>{week.map((cell) => (cell ? <Day lang={lang} cell={cell} hrefOf={hrefOf} /> : <td class="cal-blank"></td>))}</tr>
          ))}
        </tbody>
      </table>
      <h3 class="visually-hidden" safe>{t(lang, '記号の意味', 'What the symbols mean')}</h3>
      <ul class="cal-legend" aria-label={t(lang, '記号の意味', 'What the symbols mean')}>
        {(Object.keys(markLabels) as DayMark[]).map((m) => (
          <li class={`cal-${m}`}><span class="cal-mark" aria-hidden="true" safe>{markLabels[m].symbol}</span> <span safe>{lang === 'en' ? markLabels[m].en : markLabels[m].ja}</span></li>
        ))}
      </ul>
      <p class="hint" safe>{t(lang, '○・△の日を選ぶと時間帯を選べます。×の日はキャンセル待ちに登録できます。', 'Choose a day marked ○ or △ to see its times. On a day marked × you can join the waiting list.')}</p>
    </section>
  );
}
