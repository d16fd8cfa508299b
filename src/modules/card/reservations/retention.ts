// 保存期間: a counter reservation is kept one year after the day of the visit (cardReservationFile's retention), then
// governance's retention scheduler proposes it for disposal and, once a person approved the batch, deletes the row.
// The waitlist's entries belong to the same file under the same rule, counted from the day they waited for; they are
// a source of their own because they are records of another kind (no reservation number, no kana).
// The SQL is here rather than in store.ts because it is the whole of these sources and nothing else reads it.
import { sql } from 'kysely';
import { type RetentionSource, uuidKeys } from '../../../platform/register/retention.ts';
import { cardReservationFile } from '../domain/personal-data.ts';

const years = cardReservationFile.retentionYears;
/** Reservations whose day of visit is more than the file's retention years ago. */
export const cardReservationRetention: RetentionSource = {
  id: 'card.reservations',
  fileId: cardReservationFile.fileId,
  title: { ja: 'マイナンバーカード来庁予約', en: 'My Number card counter reservations' },
  rule: { ja: `来庁予定日から${years}年`, en: `${years} year(s) after the day of the visit` },
  method: { ja: '予約の行を削除', en: 'the reservation row deleted' },
  tables: ['card_reservation'],
  async findDue(tx, municipalityCode, asOf, limit) {
    const { rows } = await sql<{ reservation_number: string; kana: string; phone: string; slot_date: string; due_on: string }>`
      select reservation_number, kana, phone, slot_date::text as slot_date, (slot_date + make_interval(years => ${years}))::date::text as due_on
      from card_reservation
      where municipality_code = ${municipalityCode} and slot_date + make_interval(years => ${years}) <= ${asOf}::date
      order by slot_date, reservation_number limit ${limit}`.execute(tx);
    return rows.map((r) => ({ key: r.reservation_number, personKey: `${r.kana}|${r.phone}`, description: `来庁予約 ${r.reservation_number}（来庁予定日 ${r.slot_date}）`, dueOn: r.due_on }));
  },
  async dispose(tx, municipalityCode, keys) {
    if (keys.length === 0) return [];
    const rows = await tx.deleteFrom('card_reservation').where('municipality_code', '=', municipalityCode).where('reservation_number', 'in', keys)
      .returning('reservation_number').execute();
    return rows.map((r) => r.reservation_number);
  },
};

/** Waitlist entries (キャンセル待ち) whose day waited for is more than the file's retention years ago, in any status. */
export const cardWaitlistRetention: RetentionSource = {
  id: 'card.waitlist',
  fileId: cardReservationFile.fileId,
  title: { ja: 'マイナンバーカード来庁予約のキャンセル待ち', en: 'My Number card counter waitlist' },
  rule: { ja: `希望日から${years}年`, en: `${years} year(s) after the day waited for` },
  method: { ja: 'キャンセル待ちの行を削除', en: 'the waitlist row deleted' },
  tables: ['card_waitlist'],
  async findDue(tx, municipalityCode, asOf, limit) {
    // The entry holds a name as typed, not in kana: its person key is the name and the phone number.
    const { rows } = await sql<{ waitlist_id: string; name: string; phone: string; slot_date: string; due_on: string }>`
      select waitlist_id, name, phone, slot_date::text as slot_date, (slot_date + make_interval(years => ${years}))::date::text as due_on
      from card_waitlist
      where municipality_code = ${municipalityCode} and slot_date + make_interval(years => ${years}) <= ${asOf}::date
      order by slot_date, waitlist_id limit ${limit}`.execute(tx);
    return rows.map((r) => ({ key: r.waitlist_id, personKey: `${r.name}|${r.phone}`, description: `キャンセル待ち（希望日 ${r.slot_date}）`, dueOn: r.due_on }));
  },
  async dispose(tx, municipalityCode, keys) {
    const ids = uuidKeys(keys);
    if (ids.length === 0) return [];
    const rows = await tx.deleteFrom('card_waitlist').where('municipality_code', '=', municipalityCode).where('waitlist_id', 'in', ids).returning('waitlist_id').execute();
    return rows.map((r) => r.waitlist_id);
  },
};
