// 役割 (roles) as data: the capabilities each grants and whether it demands a second factor.
import type { Capability } from './capabilities.ts';

export interface RoleDefinition {
  ja: string;
  en: string;
  capabilities: readonly Capability[];
  /** Multi-factor authentication is mandatory for this role (the seeds require it for administrators and operators). */
  mfaRequired: boolean;
}

/** Every role; a module that adds capabilities adds them to the roles that need them. */
export const roles = {
  administrator: {
    ja: 'システム管理者',
    en: 'Administrator',
    capabilities: [
      'console.use', 'staff.account.read', 'staff.account.manage', 'audit.search', 'audit.export', 'review.extract.import',
      'applications.procedure.manage', 'applications.register.read', 'applications.pittari.import', 'applications.payment.reconcile',
      'certificates.tax.import', 'certificates.settings.manage', 'certificates.report.read',
      'card.masters.manage', 'card.reservations.read', 'card.reports.read', 'card.issuance.read', 'mail.outbox.read',
      'governance.register.read', 'governance.assessment.draft', 'governance.breach.investigate', 'governance.retention.read',
      'governance.retention.approve', 'governance.disclosure.manage', 'governance.contractors.read', 'governance.contractors.manage',
    ],
    mfaRequired: true,
  },
  operator: {
    ja: 'コールセンター・運用オペレーター',
    en: 'Operator',
    // The call centre (seed 001 ③④⑤): books for callers, finds and cancels bookings at every site, but never ticks arrivals.
    capabilities: ['console.use', 'card.reservations.read', 'card.reservations.proxy'],
    mfaRequired: true,
  },
  // 事務取扱担当者 of the My Number law: the staff designated to handle individual numbers and sensitive data.
  number_handler: {
    ja: '個人番号事務取扱担当者',
    en: 'Individual-number handler',
    capabilities: ['console.use', 'personal.individual_number.read', 'personal.sensitive.read', 'applications.inbox.read'],
    mfaRequired: true,
  },
  clerk: {
    ja: '窓口職員',
    en: 'Counter clerk',
    capabilities: [
      'console.use', 'review.batch.run', 'applications.inbox.read', 'applications.inbox.decide', 'applications.handover.export',
      'applications.pittari.import', 'applications.register.read', 'certificates.counter.issue', 'certificates.revoke',
      'certificates.report.read', 'card.reservations.read', 'card.reservations.checkin', 'card.reports.read', 'card.issuance.manage',
      'card.issuance.read', 'card.shipping.manage', 'card.images.read', 'card.images.manage',
    ],
    mfaRequired: false,
  },
  // 給付担当: the benefits team (seed 002's 台帳管理): letters, replies, decisions, accounts, batches and reclaims.
  benefits_clerk: {
    ja: '給付担当',
    en: 'Benefits clerk',
    capabilities: [
      'console.use', 'benefits.ledger.read', 'benefits.ledger.manage', 'benefits.accounts.manage', 'benefits.payments.prepare',
      'benefits.receivables.manage', 'benefits.reports.read',
    ],
    mfaRequired: true,
  },
  // 会計担当: the clerks authorised to look at the money and give it back (seed 003's e-payment).
  payment_officer: {
    ja: '会計担当',
    en: 'Payment officer',
    capabilities: [
      'console.use', 'applications.payment.reconcile', 'applications.payment.refund',
      'benefits.ledger.read', 'benefits.accounts.reveal', 'benefits.payments.approve', 'benefits.reports.read',
    ],
    mfaRequired: true,
  },
  auditor: {
    ja: '監査担当',
    en: 'Auditor',
    capabilities: [
      'console.use', 'staff.account.read', 'audit.search', 'audit.export', 'applications.register.read', 'certificates.report.read', 'card.reports.read',
      'benefits.reports.read', 'card.issuance.read', 'governance.register.read', 'governance.breach.investigate', 'governance.retention.read',
      'governance.contractors.read',
    ],
    mfaRequired: false,
  },
} as const satisfies Record<string, RoleDefinition>;

export type RoleName = keyof typeof roles;

/** True for a role name that exists. */
export function isRoleName(name: string): name is RoleName {
  return Object.hasOwn(roles, name);
}
