// 保存期間: a counter reservation is kept one year after the day of the visit (cardReservationFile's retention), then
// governance's retention scheduler proposes it for disposal and, once a person approved the batch, deletes the row.
// The SQL is here rather than in store.ts because it is the whole of this source and nothing else reads it.
import { sql } from 'kysely';
import type { RetentionSource } from '../../../platform/register/retention.ts';
import { cardReservationFile } from '../domain/personal-data.ts';

const years = cardReservationFile.retentionYears;

/** Reservations whose day of visit is more than the file's retention years ago. */
export const cardReservationRetention: RetentionSource = {
  id: 'card.reservations',
  fileId: cardReservationFile.fileId,
  title: { ja: 'マイナンバーカード来庁予約', en: 'My Number card counter reservations' },
  rule: { ja: `来庁予定日から${years}年`, en: `${years} year(s) after the day of the visit` },
  method: { ja: '予約の行を削除', en: 'the reservation row deleted' },
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
