// Idempotency keys for requests that must take effect once: payments, kiosk issuance, bookings.
export { keyLifetimeMs, requestHash, runIdempotent, type IdempotentAnswer } from './idempotent.ts';
export { purgeExpiredKeys, type KeyRef } from './store.ts';
