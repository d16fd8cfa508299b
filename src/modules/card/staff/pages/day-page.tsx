// 予約状況の一覧 (seed ⑦) and 消し込み (⑧): a site's day by start time, with a button to tick each arrival for those who
// may; and the call centre's look-up (④⑤) by number, kana, phone or date. Both show names and phones: audited routes.
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant, pick } from '../../../../platform/ui/format.ts';
import { ConsoleLayout } from '../../../../platform/ui/layout.tsx';
import { Notice, type PageNotice } from '../../../../platform/ui/notice.tsx';
import { cardIssueHref } from '../../pickup/offer.ts';
import type { PageContext } from '../../../../shell/pages/page-context.ts';
import type { Reservation, ReservationStatus } from '../../domain/reservation.ts';

export const DAY_PATH = '/console/card/day';
export const SEARCH_PATH = '/console/card/search';
export const RESERVATIONS_PATH = '/console/card/reservations';
export const reservationPath = (number: string): string => `${RESERVATIONS_PATH}/${encodeURIComponent(number)}`;

const outcomes: Record<string, { kind: PageNotice['kind']; ja: string; en: string }> = {
  checkin: { kind: 'done', ja: '消し込みました。', en: 'Checked in.' },
  cancelled: { kind: 'done', ja: '予約を取り消しました。', en: 'The reservation was cancelled.' },
  not_yet: { kind: 'error', ja: '予約日より前には消し込めません。', en: 'An arrival cannot be ticked before its day.' },
  not_open: { kind: 'error', ja: 'この予約は消し込み・取消ができません（取消済み、または消し込み済み）。', en: 'This reservation is already cancelled or checked in.' },
};

/** The notice for what a form just did (the `done` of the address it came back to). */
export function outcomeNotice(lang: Lang, done: string | undefined): PageNotice | undefined {
  const o = done === undefined ? undefined : outcomes[done];
  return o && { kind: o.kind, text: pick(lang, o) };
}

export interface Named { code: string; ja: string; en: string }

export const statusNames: Record<ReservationStatus, { ja: string; en: string }> = {
  booked: { ja: '予約中', en: 'Booked' },
  arrived: { ja: '来庁済', en: 'Arrived' },
  no_show: { ja: '未来庁', en: 'No-show' },
  cancelled: { ja: '取消', en: 'Cancelled' },
};

const nameOf = (lang: Lang, list: readonly Named[], code: string): string => {
  const found = list.find((n) => n.code === code);
  return found ? pick(lang, found) : code;
};

/** The site chooser of the staff pages: the sites in the viewer's scope. */
export function SiteSelect({ lang, sites, selected, id }: { lang: Lang; sites: readonly Named[]; selected: string; id: string }) {
  return (
    <div class="field">
      <label for={id} safe>{t(lang, '窓口', 'Site')}</label>
      <select id={id} name="site">
        {sites.map((s) => <option value={s.code} selected={s.code === selected} safe>{pick(lang, s)}</option>)}
      </select>
    </div>
  );
}

interface ListProps {
  lang: Lang;
  rows: Reservation[];
  sites: readonly Named[];
  types: readonly Named[];
  csrf: string;
  /** Whether a row's arrival may be ticked (check-in capability on its site) and cancelled (call centre). */
  mayCheckIn: (r: Reservation) => boolean;
  mayCancel: (r: Reservation) => boolean;
  /** Where the check-in and cancel forms come back to. */
  back: string;
  /** 交付時来庁: the card a booking collects, whose page takes the issue step (absent for other bookings). */
  cardOf?: ((r: Reservation) => string | undefined) | undefined;
  showDate: boolean;
}

function ReservationTable(p: ListProps) {
  const { lang } = p;
  return (
    <table class="table">
      <thead><tr>
        {p.showDate ? <th scope="col" safe>{t(lang, '予約日', 'Date')}</th> : ''}
        <th scope="col" safe>{t(lang, '時間', 'Time')}</th>
        <th scope="col" safe>{t(lang, '予約番号', 'Number')}</th>
        {p.showDate ? <th scope="col" safe>{t(lang, '窓口', 'Site')}</th> : ''}
        <th scope="col" safe>{t(lang, '手続き', 'Type')}</th>
        <th scope="col" safe>{t(lang, '氏名', 'Name')}</th>
        <th scope="col" safe>{t(lang, 'カナ', 'Kana')}</th>
        <th scope="col" safe>{t(lang, '人数', 'People')}</th>
        <th scope="col" safe>{t(lang, '電話番号', 'Phone')}</th>
        <th scope="col" safe>{t(lang, '状態', 'State')}</th>
        <th scope="col" safe>{t(lang, '代行', 'Proxy')}</th>
        <th scope="col" safe>{t(lang, '操作', 'Action')}</th>
      </tr></thead>
      <tbody>
        {p.rows.map((r) => (
          <tr>
            {p.showDate ? <td safe>{r.date}</td> : ''}
            <td safe>{`${r.startTime}–${r.endTime}`}</td>
            <td safe>{r.reservationNumber}</td>
            {p.showDate ? <td safe>{nameOf(lang, p.sites, r.siteCode)}</td> : ''}
            <td safe>{nameOf(lang, p.types, r.typeCode)}</td>
            <td safe>{r.name}</td>
            <td safe>{r.kana}</td>
            <td class="number" safe>{String(r.people)}</td>
            <td safe>{r.phone}</td>
            <td safe>{pick(lang, statusNames[r.status]) + (r.arrivedAt ? ` ${formatInstant(r.arrivedAt).slice(11)}` : '')}</td>
            <td safe>{r.proxyOperator ?? ''}</td>
            <td>
              {p.mayCheckIn(r) && (r.status === 'booked' || r.status === 'no_show') ? (
                <form method="post" action={`${reservationPath(r.reservationNumber)}/checkin`}>
                  <input type="hidden" name="csrf" value={p.csrf} />
                  <input type="hidden" name="back" value={p.back} />
                  <button type="submit" class="button" safe>{t(lang, `消し込み（${r.reservationNumber}）`, `Check in (${r.reservationNumber})`)}</button>
                </form>
              ) : ''}
              {p.cardOf?.(r) ? (
                <a href={cardIssueHref(p.cardOf(r)!)} class="button button-secondary" safe>{t(lang, `カードの交付へ（${r.reservationNumber}）`, `Issue the card (${r.reservationNumber})`)}</a>
              ) : ''}
              {p.mayCancel(r) && r.status === 'booked' ? (
                <form method="post" action={`${reservationPath(r.reservationNumber)}/cancel`}>
                  <input type="hidden" name="csrf" value={p.csrf} />
                  <input type="hidden" name="back" value={p.back} />
                  <button type="submit" class="button button-secondary" safe>{t(lang, `取消（${r.reservationNumber}）`, `Cancel (${r.reservationNumber})`)}</button>
                </form>
              ) : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface DayPageProps extends PageContext, Omit<ListProps, 'showDate' | 'back'> {
  site: string;
  date: string;
  notice?: PageNotice | undefined;
}

export function DayPage(p: DayPageProps) {
  const { lang } = p;
  const title = t(lang, '来庁予約 本日の一覧', 'Reservations of the day');
  const active = p.rows.filter((r) => r.status !== 'cancelled');
  const people = active.reduce((n, r) => n + r.people, 0);
  const arrived = active.filter((r) => r.status === 'arrived').reduce((n, r) => n + r.people, 0);
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <form method="get" action={DAY_PATH} class="form filters">
        <SiteSelect lang={lang} sites={p.sites} selected={p.site} id="d-site" />
        <div class="field"><label for="d-date" safe>{t(lang, '日付', 'Date')}</label><input id="d-date" name="date" type="date" value={p.date} /></div>
        <button type="submit" class="button" safe>{t(lang, '表示', 'Show')}</button>
      </form>
      <p safe>{t(lang, `${p.date} ${nameOf(lang, p.sites, p.site)}: 予約${active.length}件（${people}人）、来庁${arrived}人`, `${p.date} ${nameOf(lang, p.sites, p.site)}: ${active.length} bookings (${people} people), ${arrived} arrived`)}</p>
      {p.rows.length === 0 ? <p role="status" safe>{t(lang, '予約はありません。', 'No reservations.')}</p> : (
        <ReservationTable {...p} showDate={false} back={`${DAY_PATH}?site=${encodeURIComponent(p.site)}&date=${p.date}`} />
      )}
    </ConsoleLayout>
  );
}

export interface SearchForm { number: string; kana: string; phone: string; date: string }

export interface SearchPageProps extends PageContext, Omit<ListProps, 'showDate' | 'back' | 'rows'> {
  form: SearchForm;
  rows: Reservation[] | undefined;
  notice?: PageNotice | undefined;
  /** The call centre may book for a caller from here. */
  mayBook: boolean;
}

export function SearchPage(p: SearchPageProps) {
  const { lang, form } = p;
  const title = t(lang, '来庁予約の検索', 'Find a reservation');
  const query = new URLSearchParams(form as unknown as Record<string, string>).toString();
  return (
    <ConsoleLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      {p.mayBook ? <p><a href="/console/card/proxy" safe>{t(lang, '代行予約（電話で受けた予約の入力）', 'Book for a caller')}</a></p> : ''}
      <form method="get" action={SEARCH_PATH} class="form filters">
        <div class="field"><label for="s-number" safe>{t(lang, '予約番号', 'Reservation number')}</label><input id="s-number" name="number" value={form.number} inputmode="numeric" autocomplete="off" /></div>
        <div class="field"><label for="s-kana" safe>{t(lang, '氏名カナ（前方一致）', 'Name in kana (starts with)')}</label><input id="s-kana" name="kana" value={form.kana} autocomplete="off" /></div>
        <div class="field"><label for="s-phone" safe>{t(lang, '電話番号', 'Phone')}</label><input id="s-phone" name="phone" type="tel" value={form.phone} autocomplete="off" /></div>
        <div class="field"><label for="s-date" safe>{t(lang, '予約日', 'Date')}</label><input id="s-date" name="date" type="date" value={form.date} /></div>
        <button type="submit" class="button" safe>{t(lang, '検索', 'Search')}</button>
      </form>
      {p.rows === undefined ? '' : p.rows.length === 0 ? <p role="status" safe>{t(lang, '該当する予約はありません。', 'No reservation matches.')}</p> : (
        <ReservationTable {...p} rows={p.rows} showDate={true} back={`${SEARCH_PATH}?${query}`} />
      )}
    </ConsoleLayout>
  );
}
