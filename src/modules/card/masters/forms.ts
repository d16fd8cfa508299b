// マスタ管理's forms as data: what the administrator typed (every field a string, checkboxes as arrays) → a site,
// a type, a slot template or exception, or the booking window — or the fields that are wrong. Pure; the database's
// checks stay the last word.
import type { DayOfWeek } from '../../../platform/text/date.ts';
import { isPlainDate } from '../../../platform/text/index.ts';
import type { BookingSettings, ReservationType, Site, SlotException, SlotTemplate } from '../domain/masters.ts';

/** A form as the body parser gives it. */
export type FormBody = Readonly<Record<string, string | readonly string[] | undefined>>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; fields: string[] };

const text = (b: FormBody, k: string): string => {
  const v = b[k];
  return (typeof v === 'string' ? v : (v?.[0] ?? '')).trim();
};
const list = (b: FormBody, k: string): string[] => {
  const v = b[k];
  return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
};
const isTime = (s: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
const isCode = (s: string, pattern: RegExp): boolean => pattern.test(s);
const int = (s: string, min: number, max: number): number | undefined => (/^\d{1,6}$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : undefined);
// Line breaks are allowed (directions, documents to bring); other control characters are not.
const noControl = (s: string, max: number): boolean => s.length <= max && !/[^\P{Cc}\n\r\t]/u.test(s);

class Problems {
  readonly fields: string[] = [];
  need(ok: boolean, field: string): void {
    if (!ok && !this.fields.includes(field)) this.fields.push(field);
  }
  result<T>(value: () => T): Parsed<T> {
    return this.fields.length > 0 ? { ok: false, fields: this.fields } : { ok: true, value: value() };
  }
}

const siteCodePattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const typeCodePattern = /^[a-z][a-z0-9_]{0,39}$/;

/** 窓口: code, names, address, directions, opening days and hours, satellite, active, order. */
export function parseSite(b: FormBody): Parsed<Site> {
  const p = new Problems();
  const siteCode = text(b, 'siteCode');
  const weekdays = list(b, 'openWeekdays');
  const opensAt = text(b, 'opensAt');
  const closesAt = text(b, 'closesAt');
  const sortOrder = int(text(b, 'sortOrder') || '0', 0, 9999);
  p.need(isCode(siteCode, siteCodePattern), 'siteCode');
  p.need(text(b, 'nameJa').length >= 1 && noControl(text(b, 'nameJa'), 100), 'nameJa');
  p.need(text(b, 'nameEn').length >= 1 && noControl(text(b, 'nameEn'), 100), 'nameEn');
  p.need(noControl(text(b, 'address'), 200), 'address');
  p.need(noControl(text(b, 'mapNoteJa'), 1000), 'mapNoteJa');
  p.need(noControl(text(b, 'mapNoteEn'), 1000), 'mapNoteEn');
  p.need(weekdays.every((d) => /^[0-6]$/.test(d)), 'openWeekdays');
  p.need(isTime(opensAt), 'opensAt');
  p.need(isTime(closesAt) && (!isTime(opensAt) || opensAt < closesAt), 'closesAt');
  p.need(sortOrder !== undefined, 'sortOrder');
  return p.result(() => ({
    siteCode, nameJa: text(b, 'nameJa'), nameEn: text(b, 'nameEn'), address: text(b, 'address'), mapNoteJa: text(b, 'mapNoteJa'), mapNoteEn: text(b, 'mapNoteEn'),
    openWeekdays: [...new Set(weekdays.map((d) => Number(d) as DayOfWeek))].sort(), opensAt, closesAt,
    isSatellite: text(b, 'isSatellite') === '1', sortOrder: sortOrder!, active: text(b, 'active') === '1',
  }));
}

/** 予約区分: code, names, duration, documents to bring (ja/en), people per booking, the sites offering it. */
export function parseType(b: FormBody, knownSites: readonly string[]): Parsed<ReservationType> {
  const p = new Problems();
  const typeCode = text(b, 'typeCode');
  const duration = int(text(b, 'durationMinutes'), 5, 240);
  const maxPeople = int(text(b, 'maxPeople') || '1', 1, 10);
  const sortOrder = int(text(b, 'sortOrder') || '0', 0, 9999);
  const siteCodes = [...new Set(list(b, 'siteCodes'))];
  p.need(isCode(typeCode, typeCodePattern), 'typeCode');
  p.need(text(b, 'nameJa').length >= 1 && noControl(text(b, 'nameJa'), 100), 'nameJa');
  p.need(text(b, 'nameEn').length >= 1 && noControl(text(b, 'nameEn'), 100), 'nameEn');
  p.need(duration !== undefined, 'durationMinutes');
  p.need(text(b, 'documentsJa').length <= 2000, 'documentsJa');
  p.need(text(b, 'documentsEn').length <= 2000, 'documentsEn');
  p.need(maxPeople !== undefined, 'maxPeople');
  p.need(sortOrder !== undefined, 'sortOrder');
  p.need(siteCodes.every((s) => knownSites.includes(s)), 'siteCodes');
  return p.result(() => ({
    typeCode, nameJa: text(b, 'nameJa'), nameEn: text(b, 'nameEn'), durationMinutes: duration!, documentsJa: text(b, 'documentsJa'),
    documentsEn: text(b, 'documentsEn'), maxPeople: maxPeople!, sortOrder: sortOrder!, active: text(b, 'active') === '1', siteCodes,
    cardNoticeRequired: text(b, 'cardNoticeRequired') === '1',
  }));
}

/** 予約枠の型: type, weekday, start and end, interval, capacity, validity. */
export function parseTemplate(b: FormBody, siteCode: string, types: readonly string[]): Parsed<Omit<SlotTemplate, 'templateId'>> {
  const p = new Problems();
  const typeCode = text(b, 'typeCode');
  const weekday = text(b, 'weekday');
  const startTime = text(b, 'startTime');
  const endTime = text(b, 'endTime');
  const interval = int(text(b, 'intervalMinutes'), 5, 240);
  const capacity = int(text(b, 'capacity'), 1, 1000);
  const validFrom = text(b, 'validFrom');
  const validTo = text(b, 'validTo');
  p.need(types.includes(typeCode), 'typeCode');
  p.need(/^[0-6]$/.test(weekday), 'weekday');
  p.need(isTime(startTime), 'startTime');
  p.need(isTime(endTime) && (!isTime(startTime) || startTime < endTime), 'endTime');
  p.need(interval !== undefined, 'intervalMinutes');
  p.need(capacity !== undefined, 'capacity');
  p.need(isPlainDate(validFrom), 'validFrom');
  p.need(validTo === '' || (isPlainDate(validTo) && (!isPlainDate(validFrom) || validFrom <= validTo)), 'validTo');
  return p.result(() => ({
    siteCode, typeCode, weekday: Number(weekday) as DayOfWeek, startTime, endTime, intervalMinutes: interval!, capacity: capacity!, validFrom, validTo: validTo || null,
  }));
}

/** 予約枠の例外: an extra slot (start, end, capacity) or a closed slot (start) or day (no start). */
export function parseException(b: FormBody, siteCode: string, types: readonly string[]): Parsed<Omit<SlotException, 'exceptionId'>> {
  const p = new Problems();
  const typeCode = text(b, 'typeCode');
  const date = text(b, 'date');
  const kind = text(b, 'kind');
  const startTime = text(b, 'startTime');
  const endTime = text(b, 'endTime');
  const extra = kind === 'extra';
  const capacity = extra ? int(text(b, 'capacity'), 1, 1000) : null;
  p.need(types.includes(typeCode), 'typeCode');
  p.need(isPlainDate(date), 'date');
  p.need(kind === 'extra' || kind === 'closed', 'kind');
  p.need(extra ? isTime(startTime) : startTime === '' || isTime(startTime), 'startTime');
  p.need(extra ? isTime(endTime) && (!isTime(startTime) || startTime < endTime) : true, 'endTime');
  p.need(capacity !== undefined, 'capacity');
  p.need(noControl(text(b, 'note'), 200), 'note');
  return p.result(() => ({
    siteCode, typeCode, date, kind: kind as 'extra' | 'closed', startTime: startTime || null, endTime: extra ? endTime : null, capacity: capacity ?? null, note: text(b, 'note'),
  }));
}

/** 臨時休業日 / 臨時開庁日: a date and a reason or note. */
export function parseSiteDay(b: FormBody): Parsed<{ date: string; reason: string }> {
  const p = new Problems();
  p.need(isPlainDate(text(b, 'date')), 'date');
  p.need(noControl(text(b, 'reason'), 200), 'reason');
  return p.result(() => ({ date: text(b, 'date'), reason: text(b, 'reason') }));
}

/** 予約受付期間: opens N days ahead, closes M days before at a time; offer hold hours; △ threshold. */
export function parseSettings(b: FormBody): Parsed<BookingSettings> {
  const p = new Problems();
  const opensDaysAhead = int(text(b, 'opensDaysAhead'), 1, 366);
  const closesDaysBefore = int(text(b, 'closesDaysBefore'), 0, 30);
  const closesAtTime = text(b, 'closesAtTime');
  const offerHoldHours = int(text(b, 'offerHoldHours'), 1, 168);
  const fewThreshold = int(text(b, 'fewThreshold'), 0, 100);
  p.need(opensDaysAhead !== undefined, 'opensDaysAhead');
  p.need(closesDaysBefore !== undefined && (opensDaysAhead === undefined || closesDaysBefore < opensDaysAhead), 'closesDaysBefore');
  p.need(isTime(closesAtTime), 'closesAtTime');
  p.need(offerHoldHours !== undefined, 'offerHoldHours');
  p.need(fewThreshold !== undefined, 'fewThreshold');
  return p.result(() => ({ opensDaysAhead: opensDaysAhead!, closesDaysBefore: closesDaysBefore!, closesAtTime, offerHoldHours: offerHoldHours!, fewThreshold: fewThreshold! }));
}
