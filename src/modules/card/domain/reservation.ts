// 来庁予約 (seed 001 (1) 来庁予約データ): a booking of one slot and its life — booked, then arrived (消し込み), cancelled
// or marked as a no-show at day end. Which moves are allowed is a table, shared with the staff pages.
import type { Applicant } from './applicant.ts';

export const reservationStatuses = ['booked', 'cancelled', 'arrived', 'no_show'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** What each status may become, and by which action. */
export const statusMoves = {
  booked: { cancel: 'cancelled', checkIn: 'arrived', markNoShow: 'no_show' },
  arrived: {},
  cancelled: {},
  no_show: { checkIn: 'arrived' },
} as const satisfies Record<ReservationStatus, Partial<Record<'cancel' | 'checkIn' | 'markNoShow', ReservationStatus>>>;

export type ReservationAction = 'cancel' | 'checkIn' | 'markNoShow';

/** The status after the action, or undefined when the action is not allowed from the status. */
export function nextStatus(status: ReservationStatus, action: ReservationAction): ReservationStatus | undefined {
  return (statusMoves[status] as Partial<Record<ReservationAction, ReservationStatus>>)[action];
}

/** One slot of one day: its place in the calendar. Times 'HH:MM'. */
export interface SlotKey {
  siteCode: string;
  typeCode: string;
  date: string;
  startTime: string;
}

/** A stored reservation (personal data: the applicant's details). */
export interface Reservation extends SlotKey, Applicant {
  reservationNumber: string;
  /** グループID */
  groupId: string;
  endTime: string;
  people: number;
  lang: 'ja' | 'en';
  status: ReservationStatus;
  /** メッセージ from staff */
  message: string;
  bookedAt: Date;
  /** 代行: the operator's login id */
  proxyOperator: string | null;
  replacesNumber: string | null;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  arrivedAt: Date | null;
  arrivedBy: string | null;
  noShowAt: Date | null;
  remindedAt: Date | null;
}
