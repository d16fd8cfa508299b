// The demo city's card reservation masters: the city hall, a ward office and two satellites (one open on Saturdays),
// the four reservation types and their weekly slots, so that the resident site has days to book from the start.
import type { Db } from '../platform/db/index.ts';
import type { DayOfWeek } from '../platform/text/date.ts';
import { type ReservationType, saveCardMasters, type Site } from '../modules/card/index.ts';

const site = (s: Partial<Site> & Pick<Site, 'siteCode' | 'nameJa' | 'nameEn' | 'address'>): Site => ({
  mapNoteJa: '', mapNoteEn: '', openWeekdays: [1, 2, 3, 4, 5], opensAt: '08:45', closesAt: '17:30', isSatellite: false, sortOrder: 0, active: true, ...s,
});

export const demoCardSites: readonly Site[] = [
  site({ siteCode: 'honcho', nameJa: '見本市役所 本庁舎 市民課', nameEn: 'Mihon City Hall, Citizens Division', address: '大阪府見本市本町1-1-1',
    mapNoteJa: '本庁舎1階 3番窓口（正面玄関から右手）', mapNoteEn: 'Ground floor, counter 3 (right of the main entrance)', sortOrder: 10 }),
  site({ siteCode: 'kita', nameJa: '見本市 北区役所', nameEn: 'Mihon City Kita Ward Office', address: '大阪府見本市北町2-3-4',
    mapNoteJa: '2階 市民係', mapNoteEn: 'First floor, citizens section', sortOrder: 20 }),
  site({ siteCode: 'ekimae', nameJa: 'マイナンバーカード 駅前サテライト', nameEn: 'My Number Card Ekimae Satellite', address: '大阪府見本市駅前3-5-1 見本駅ビル4階',
    mapNoteJa: '見本駅 北口から徒歩2分、駅ビル4階', mapNoteEn: '2 minutes from Mihon Station north exit, station building 4th floor',
    openWeekdays: [1, 2, 3, 4, 5, 6], opensAt: '10:00', closesAt: '19:00', isSatellite: true, sortOrder: 30 }),
  site({ siteCode: 'minami', nameJa: 'マイナンバーカード 南サテライト', nameEn: 'My Number Card Minami Satellite', address: '大阪府見本市南町5-8 南ショッピングセンター2階',
    mapNoteJa: 'ショッピングセンター2階 東側', mapNoteEn: 'Shopping centre, first floor, east side', opensAt: '10:00', closesAt: '18:00', isSatellite: true, sortOrder: 40 }),
];

const all = demoCardSites.map((s) => s.siteCode);

export const demoCardTypes: readonly ReservationType[] = [
  { typeCode: 'apply', nameJa: '申請時来庁', nameEn: 'Applying for a card', durationMinutes: 20, maxPeople: 4, sortOrder: 10, active: true, siteCodes: all,
    documentsJa: '本人確認書類（運転免許証など）、通知カードまたは個人番号通知書（お持ちの方）、住民基本台帳カード（お持ちの方）',
    documentsEn: 'Proof of identity (e.g. driving licence), the notification card or letter (if you have one), the Basic Resident Register card (if you have one)' },
  { typeCode: 'pickup', nameJa: '交付時来庁', nameEn: 'Collecting your card', durationMinutes: 15, maxPeople: 4, sortOrder: 20, active: true, siteCodes: all,
    documentsJa: '交付通知書（はがき）、本人確認書類、通知カード（お持ちの方）',
    documentsEn: 'The collection notice (postcard), proof of identity, the notification card (if you have one)' },
  { typeCode: 'reissue', nameJa: '再発行', nameEn: 'Reissuing a lost card', durationMinutes: 30, maxPeople: 1, sortOrder: 30, active: true, siteCodes: ['honcho', 'kita'],
    documentsJa: '本人確認書類、警察署の遺失届受理番号、再発行手数料 1,000円',
    documentsEn: 'Proof of identity, the police lost-property report number, the reissue fee of 1,000 yen' },
  { typeCode: 'cert_renewal', nameJa: '電子証明書更新', nameEn: 'Renewing the electronic certificates', durationMinutes: 15, maxPeople: 2, sortOrder: 40, active: true,
    siteCodes: ['honcho', 'ekimae'], documentsJa: 'マイナンバーカード、有効期限通知書（お持ちの方）', documentsEn: 'Your My Number card, the expiry notice (if you have one)' },
];

type TemplateRow = [site: string, type: string, weekdays: DayOfWeek[], start: string, end: string, interval: number, capacity: number];
const weekdays: DayOfWeek[] = [1, 2, 3, 4, 5];

/** Weekly slots: 30-minute slots at the offices, 20-minute ones at the satellites, fewer places for reissues. */
export const demoCardTemplates: readonly TemplateRow[] = [
  ['honcho', 'apply', weekdays, '09:00', '16:30', 30, 4],
  ['honcho', 'pickup', weekdays, '09:00', '16:30', 30, 3],
  ['honcho', 'reissue', weekdays, '10:00', '16:00', 60, 1],
  ['honcho', 'cert_renewal', weekdays, '09:00', '16:30', 30, 2],
  ['kita', 'apply', weekdays, '09:00', '16:00', 30, 2],
  ['kita', 'pickup', weekdays, '09:00', '16:00', 30, 2],
  ['kita', 'reissue', [2, 4], '10:00', '15:00', 60, 1],
  ['ekimae', 'apply', [1, 2, 3, 4, 5, 6], '10:00', '18:40', 20, 3],
  ['ekimae', 'pickup', [1, 2, 3, 4, 5, 6], '10:00', '18:40', 20, 3],
  ['ekimae', 'cert_renewal', [6], '10:00', '16:00', 30, 2],
  ['minami', 'apply', weekdays, '10:00', '17:20', 20, 2],
  ['minami', 'pickup', weekdays, '10:00', '17:20', 20, 2],
];

/** Loads the masters unless the city already has sites (an administrator's changes are never overwritten). */
export async function loadDemoCardMasters(db: Db, municipalityCode: string): Promise<boolean> {
  return saveCardMasters(db, municipalityCode, {
    sites: demoCardSites,
    types: demoCardTypes,
    templates: demoCardTemplates.flatMap(([siteCode, typeCode, days, startTime, endTime, intervalMinutes, capacity]) =>
      days.map((weekday) => ({ siteCode, typeCode, weekday, startTime, endTime, intervalMinutes, capacity, validFrom: '2026-01-01', validTo: null }))),
  }, { onlyIfEmpty: true });
}
