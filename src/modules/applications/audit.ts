// The portal's audit operations (処理コード): what a resident (no login: actor "resident") or the payment confirmation
// does to an application. Subjects are internal ids (application:<uuid>); never a value of the form.
import { type AuditActor, defineAuditOperations } from '../../platform/audit/index.ts';

export const portalOperations = defineAuditOperations({
  /** 電子申請の受付: a resident submitted an application without a fee (a receipt number was given). */
  'applications.portal.submit': { nameJa: '電子申請の受付', category: 'change' },
  /** 決済へ進む: a resident's application with a fee went to the payment gateway. */
  'applications.portal.checkout': { nameJa: '電子申請の決済開始', category: 'change' },
  /** 決済確認による受付: the gateway confirmed the payment and the application was received. */
  'applications.portal.paid': { nameJa: '決済確認による電子申請の受付', category: 'change' },
  /** 再提出: a resident corrected a returned application and sent it again. */
  'applications.portal.resubmit': { nameJa: '電子申請の再提出', category: 'change' },
  /** 申請状況の照会: a lookup by receipt number and email (denied when they did not match). */
  'applications.portal.status': { nameJa: '電子申請の状況照会', category: 'read' },
});

/** The actor of what a resident does on the portal: nobody is logged in, so no name. */
export const residentActor: AuditActor = { userId: 'resident' };
