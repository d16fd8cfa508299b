// After booking: the reservation number, and the page the mail's link opens (view, cancel, change).
import type { Lang } from '../../../../platform/errors.ts';
import { t } from '../../../../platform/http/language.ts';
import { formatInstant } from '../../../../platform/ui/format.ts';
import { PortalLayout } from '../../../../platform/ui/layout.tsx';
import { dayTitle } from './calendar.tsx';
import type { SiteChoice, TypeChoice } from './choose.tsx';
import { type Bilingual, type CardPageContext, Csrf, pick, Problem } from './common.tsx';

export type ReservationStatus = 'booked' | 'cancelled' | 'arrived' | 'no_show';

const statusLabels: Record<ReservationStatus, Bilingual> = {
  booked: { ja: '予約済み', en: 'Booked' },
  cancelled: { ja: 'キャンセル済み', en: 'Cancelled' },
  arrived: { ja: '来庁済み', en: 'Visited' },
  no_show: { ja: '来庁なし', en: 'Not attended' },
};

/** A booking as its holder sees it. */
export interface ReservationView {
  number: string;
  status: ReservationStatus;
  type: TypeChoice;
  site: SiteChoice;
  date: string;
  start: string;
  end: string;
  people: number;
  cancelledAt: Date | null;
}

function Facts({ lang, r }: { lang: Lang; r: ReservationView }) {
  return (
    <dl class="facts">
      <dt safe>{t(lang, '予約番号', 'Booking number')}</dt><dd safe>{r.number}</dd>
      <dt safe>{t(lang, '状態', 'Status')}</dt><dd><strong safe>{pick(lang, statusLabels[r.status])}</strong></dd>
      <dt safe>{t(lang, '予約区分', 'Purpose')}</dt><dd safe>{pick(lang, r.type.name)}</dd>
      <dt safe>{t(lang, '窓口', 'Office')}</dt><dd><span safe>{pick(lang, r.site.name)}</span><br /><span safe>{r.site.address}</span>{r.site.mapNote ? <><br /><span class="hint" safe>{r.site.mapNote}</span></> : ''}</dd>
      <dt safe>{t(lang, '日時', 'Day and time')}</dt><dd safe>{`${dayTitle(lang, r.date)} ${r.start}–${r.end}`}</dd>
      <dt safe>{t(lang, '人数', 'People')}</dt><dd safe>{t(lang, `${r.people}人`, String(r.people))}</dd>
      {r.cancelledAt ? <><dt safe>{t(lang, 'キャンセル日時', 'Cancelled at')}</dt><dd safe>{formatInstant(r.cancelledAt)}</dd></> : ''}
    </dl>
  );
}

/** 予約が完了しました: the number, what to bring, the mail sent. */
export function BookedPage(p: CardPageContext & { r: ReservationView; manageHref: string; changed: boolean }) {
  const { lang, r } = p;
  const title = p.changed ? t(lang, '予約を変更しました', 'Your booking was changed') : t(lang, '予約が完了しました', 'Your visit is booked');
  return (
    <PortalLayout {...p} title={title}>
      <div class="notice receipt" role="status">
        <h1 safe>{title}</h1>
        <p><span safe>{t(lang, '予約番号', 'Booking number')}</span><br /><strong class="receipt-number" safe>{r.number}</strong></p>
      </div>
      <Facts lang={lang} r={r} />
      <h2 safe>{t(lang, 'お持ちいただくもの', 'What to bring')}</h2>
      <p class="documents" safe>{pick(lang, r.type.documents)}</p>
      <p safe>{t(lang, '予約番号と、予約の確認・キャンセル・変更用のリンクをメールでお送りしました。前日にもお知らせのメールをお送りします。', 'We have emailed you the booking number and a link to check, cancel or change the booking. We will remind you the day before.')}</p>
      <p><a href={p.manageHref} safe>{t(lang, '予約の確認・キャンセル・変更', 'Check, cancel or change this booking')}</a></p>
    </PortalLayout>
  );
}

/** The page of the mail's link: the booking, and cancel / change while it is still booked and not past. */
export function ReservationPage(p: CardPageContext & { r: ReservationView; changeHref?: string | undefined; cancelHref?: string | undefined; notice?: Bilingual | undefined; problem?: Bilingual | undefined }) {
  const { lang, r } = p;
  const title = t(lang, 'ご予約の内容', 'Your booking');
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      {p.notice ? <p class="notice" role="status" safe>{pick(lang, p.notice)}</p> : ''}
      <Problem lang={lang} problem={p.problem} />
      <Facts lang={lang} r={r} />
      {r.status === 'booked' ? <><h2 safe>{t(lang, 'お持ちいただくもの', 'What to bring')}</h2><p class="documents" safe>{pick(lang, r.type.documents)}</p></> : ''}
      {p.changeHref || p.cancelHref ? (
        <ul class="card-actions">
          {p.changeHref ? <li><a class="button button-secondary" href={p.changeHref} safe>{t(lang, '日時・窓口を変更する', 'Change the day, time or office')}</a></li> : ''}
          {p.cancelHref ? <li><a class="button button-secondary" href={p.cancelHref} safe>{t(lang, '予約をキャンセルする', 'Cancel this booking')}</a></li> : ''}
        </ul>
      ) : ''}
    </PortalLayout>
  );
}

/** キャンセルの確認: one more press, so a stray tap cancels nothing. */
export function CancelPage(p: CardPageContext & { r: ReservationView; action: string; csrfToken: string; backHref: string }) {
  const { lang, r } = p;
  const title = t(lang, '予約をキャンセルしますか', 'Cancel this booking?');
  return (
    <PortalLayout {...p} title={title}>
      <h1 safe>{title}</h1>
      <Facts lang={lang} r={r} />
      <p safe>{t(lang, 'キャンセルすると、この時間の枠はほかの方に案内されます。', 'Once cancelled, the place is offered to someone else.')}</p>
      <form method="post" action={p.action} class="card-actions">
        <Csrf token={p.csrfToken} />
        <button type="submit" class="button" safe>{t(lang, 'キャンセルする', 'Cancel the booking')}</button>
        <a href={p.backHref} safe>{t(lang, 'キャンセルしないで戻る', 'Keep the booking')}</a>
      </form>
    </PortalLayout>
  );
}
