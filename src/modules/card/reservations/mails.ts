// The mails of a booking, in the resident's language: confirmation (with the view/cancel link), change, cancellation,
// the day-before reminder and the waitlist offer. Subjects name a reservation number at most, never a person.
import type { Lang } from '../../../platform/errors.ts';
import { formatReservationNumber } from '../domain/reservation-number.ts';
import type { ReservationType, Site } from '../domain/masters.ts';
import type { SlotKey } from '../domain/reservation.ts';

/** The portal's addresses the mails link to (the portal's own routes answer them). */
export const cardLinks = {
  /** The booking's own page: view, cancel, change. */
  manage: (number: string, token: string) => `/card/r/${number}/${token}`,
  /** A waitlist offer: accept it by filling in the details. */
  offer: (token: string) => `/card/w/${token}`,
};

/** What every mail of a booking says about it. */
export interface MailFacts extends SlotKey {
  number: string;
  endTime: string;
  people: number;
  site: Pick<Site, 'nameJa' | 'nameEn' | 'address'>;
  type: Pick<ReservationType, 'nameJa' | 'nameEn' | 'documentsJa' | 'documentsEn'>;
}

type Mail = { subject: string; text: string };
export type BookingMailKind = 'confirmed' | 'changed' | 'cancelled' | 'reminder';

const weekdayJa = ['日', '月', '火', '水', '木', '金', '土'];
const when = (lang: Lang, f: SlotKey & { endTime: string }) => {
  const d = new Date(`${f.date}T00:00:00Z`);
  return lang === 'en'
    ? `${d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}, ${f.startTime}–${f.endTime}`
    : `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${weekdayJa[d.getUTCDay()]}）${f.startTime}〜${f.endTime}`;
};

function details(lang: Lang, f: MailFacts): string[] {
  if (lang === 'en') {
    return [`Booking number: ${formatReservationNumber(f.number)}`, `Type: ${f.type.nameEn}`, `Date and time: ${when(lang, f)}`,
      `Place: ${f.site.nameEn} (${f.site.address})`, `People: ${f.people}`, ...(f.type.documentsEn ? ['', `Please bring: ${f.type.documentsEn}`] : [])];
  }
  return [`予約番号: ${formatReservationNumber(f.number)}`, `手続き: ${f.type.nameJa}`, `日時: ${when(lang, f)}`, `場所: ${f.site.nameJa}（${f.site.address}）`,
    `人数: ${f.people}名`, ...(f.type.documentsJa ? ['', `お持ちいただくもの: ${f.type.documentsJa}`] : [])];
}

const openings: Record<BookingMailKind, { ja: [string, string]; en: [string, string] }> = {
  confirmed: { ja: ['来庁予約を受け付けました', 'マイナンバーカードの来庁予約を受け付けました。'], en: ['Your booking is confirmed', 'Your My Number card counter booking is confirmed.'] },
  changed: { ja: ['来庁予約を変更しました', '来庁予約を変更しました。変更前の予約は取り消しました。'], en: ['Your booking has been changed', 'Your booking has been changed; the previous one is cancelled.'] },
  cancelled: { ja: ['来庁予約を取り消しました', '次の来庁予約を取り消しました。'], en: ['Your booking has been cancelled', 'The following booking has been cancelled.'] },
  reminder: { ja: ['明日は来庁予約の日です', '明日、次のとおり来庁のご予約をいただいています。'], en: ['Your booking is tomorrow', 'This is a reminder of your booking tomorrow.'] },
};

/** A booking's mail; `link` (the manage page, absolute) is given for every kind but cancelled. */
export function bookingMail(kind: BookingMailKind, lang: Lang, f: MailFacts, link?: string): Mail {
  const [subject, opening] = openings[kind][lang];
  const linkLines = link
    ? lang === 'en'
      ? ['', 'To view, change or cancel the booking:', link, 'Anyone with this link can see and cancel the booking: do not forward this mail.']
      : ['', '予約の確認・変更・取消は次のリンクから行えます。', link, 'リンクを知っている人は予約の確認・取消ができるため、このメールを転送しないでください。']
    : [];
  return { subject: `${subject} (${formatReservationNumber(f.number)})`, text: [opening, '', ...details(lang, f), ...linkLines].join('\n') };
}

/** The waitlist offer: a place is held until `holdUntil` for whoever follows the link first and books it. */
export function offerMail(lang: Lang, f: Omit<MailFacts, 'number' | 'people'> & { people: number; holdUntil: Date }, link: string): Mail {
  const until = f.holdUntil.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' });
  if (lang === 'en') {
    return {
      subject: 'A place has become free (waitlist)',
      text: [`A place you were waiting for has become free: ${f.type.nameEn}, ${when(lang, f)}, ${f.site.nameEn}.`, '',
        `It is held for you until ${until} (Japan time). To book it, follow this link and enter your details:`, link, '',
        'If you do not book it by then, it is offered to the next person waiting.'].join('\n'),
    };
  }
  return {
    subject: 'キャンセル待ちの空きが出ました',
    text: [`キャンセル待ちをされていた枠に空きが出ました: ${f.type.nameJa} ${when(lang, f)} ${f.site.nameJa}`, '',
      `${until}まで、あなたのために確保しています。次のリンクから申込者情報を入力して予約してください。`, link, '',
      '期限までに予約されない場合は、次の方にご案内します。'].join('\n'),
  };
}
