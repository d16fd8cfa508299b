// マイナンバーカード (issue 7; seed 001): what the shell and other modules use of the card module — counter
// reservations for now (the card lifecycle is a later issue).
//   domain/        pure rules: slots from templates, availability marks, the booking window, reservation numbers,
//                  the waitlist, the applicant's details, the personal-data items
//   reservations/  the SQL (store.ts) and the use cases: book, cancel, change, waitlist (book.ts)
//   api.ts         /api/v1/card/… for integrators
export type { Applicant, ApplicantInput, Gender } from './domain/applicant.ts';
export type { BookingSettings, ReservationType, Schedule, Site, SlotException, SlotTemplate } from './domain/masters.ts';
export type { Reservation, ReservationStatus, SlotKey } from './domain/reservation.ts';
export { cardIssuanceFile, cardIssuancePersonalData, cardPersonalData, cardReservationFile, cardReservationPersonalData } from './domain/personal-data.ts';
export { type CardMasters, saveMasters as saveCardMasters } from './reservations/store.ts';
export { type CardStaffDeps, installCardStaffConsole, noShowJob } from './staff/index.ts';
export { installCardProgressConsole } from './progress/index.ts';
export { type CardPortalDeps, cardOfferExpiryJob, cardReminderJob, installCardPortal } from './portal/index.ts';
export { type DayMark, dayMarks } from './domain/availability.ts';
export { checkApplicant } from './domain/applicant.ts';
export { type DayAvailability, dayAvailability, monthAvailability, type OpenSlot } from './reservations/availability.ts';
export {
  acceptOffer, book, type Booked, type BookingContext, type BookingRequest, cancelReservation, type CancelBy, type CardActor, changeReservation,
  commitAcceptOffer, commitBooking, commitChange, expireOffers, joinWaitlist, prepareBooking, type WaitlistRequest,
} from './reservations/book.ts';
export { installCardApi } from './api.ts';
export { cardImageDeps, cardImageFile, cardImagePersonalData, cardImageRetention, cardImageSweepJob, installCardImageConsole } from './images/index.ts';
export { cardReservationRetention, cardWaitlistRetention } from './reservations/retention.ts';
export { cardRecordRetention } from './issuance/retention.ts';
export type { CardApiDeps } from './deps.ts';
