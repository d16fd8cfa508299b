// 窓口・予約区分・予約枠の型 (masters): what the administrator sets up and the booking rules read. Plain data.
import type { DayOfWeek } from '../../../platform/text/date.ts';

/** 窓口: a ward office or satellite. Times are 'HH:MM' (Japan time). */
export interface Site {
  siteCode: string;
  nameJa: string;
  nameEn: string;
  address: string;
  mapNoteJa: string;
  mapNoteEn: string;
  /** 開庁曜日 (0 = Sunday); holidays and 年末年始 are closed unless a day is opened by an override. */
  openWeekdays: DayOfWeek[];
  opensAt: string;
  closesAt: string;
  isSatellite: boolean;
  sortOrder: number;
  active: boolean;
}

/** 予約区分: 申請時来庁 (apply), 交付時来庁 (pickup), 再発行 (reissue), 電子証明書更新 (cert_renewal) … */
export interface ReservationType {
  typeCode: string;
  nameJa: string;
  nameEn: string;
  durationMinutes: number;
  documentsJa: string;
  documentsEn: string;
  /** How many people one booking may bring (a family); each takes a place. */
  maxPeople: number;
  sortOrder: number;
  active: boolean;
  /** 取扱窓口: the sites offering the type. */
  siteCodes: string[];
  /** 交付時来庁: booked with the 交付通知書番号 and the birth date, only at the site keeping that card (false when absent). */
  cardNoticeRequired?: boolean | undefined;
}

/** 予約枠の型: on `weekday`, a slot every `intervalMinutes` from `startTime` while it starts before `endTime`. */
export interface SlotTemplate {
  templateId: string;
  siteCode: string;
  typeCode: string;
  weekday: DayOfWeek;
  startTime: string;
  endTime: string;
  intervalMinutes: number;
  capacity: number;
  validFrom: string;
  validTo: string | null;
}

/** 予約枠の例外: an extra slot, or a closed slot (startTime) or day (startTime null). */
export interface SlotException {
  exceptionId: string;
  siteCode: string;
  typeCode: string;
  date: string;
  kind: 'extra' | 'closed';
  startTime: string | null;
  endTime: string | null;
  capacity: number | null;
  note: string;
}

/** 予約受付期間の設定. */
export interface BookingSettings {
  opensDaysAhead: number;
  closesDaysBefore: number;
  /** 'HH:MM', Japan time. */
  closesAtTime: string;
  offerHoldHours: number;
  /** A day with at most this many places left shows △. */
  fewThreshold: number;
}

export const defaultBookingSettings: BookingSettings = { opensDaysAhead: 60, closesDaysBefore: 1, closesAtTime: '17:00', offerHoldHours: 24, fewThreshold: 2 };

/** A site's days off and days opened beyond its week (臨時休業日 / 臨時開庁日). */
export interface SiteDays {
  closures: ReadonlyMap<string, string>;
  openOverrides: ReadonlySet<string>;
}

/** Everything slot generation needs for one site and type over a range of days. */
export interface Schedule {
  site: Site;
  templates: SlotTemplate[];
  exceptions: SlotException[];
  days: SiteDays;
}
