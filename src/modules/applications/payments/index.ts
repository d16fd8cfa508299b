// Payments (決済, seed 003): what the rest of the applications module uses — start a checkout, read an application's
// payments, and install the routes (the portal's with the caller's onCaptured, the console's).
export { type CheckoutStart, startCheckout } from './checkout.ts';
export type { PaymentMethod, PaymentState } from './domain/notification.ts';
export { type PaymentHooks } from './notify.ts';
export { installPaymentsConsole, installPaymentsPortal } from './routes.ts';
export { type PaymentSummary, paymentsOf } from './store.ts';
