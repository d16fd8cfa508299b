// The words of 委託先管理 as data, in Japanese and English: kinds of certification, the duties of a contractor's people,
// ways of inspecting, and the flags the list raises.
import type { ContractorFlag, InspectionStanding } from './standing.ts';

type Bilingual = { ja: string; en: string };

export const certificationKinds = {
  isms: { ja: 'ISMS（ISO/IEC 27001）', en: 'ISMS (ISO/IEC 27001)' },
  pmark: { ja: 'プライバシーマーク', en: 'PrivacyMark' },
} as const satisfies Record<string, Bilingual>;
export type CertificationKind = keyof typeof certificationKinds;

export const contractorDuties = {
  responsible: { ja: '個人情報取扱責任者', en: 'Person responsible for personal data' },
  handler: { ja: '取扱者', en: 'Handler' },
} as const satisfies Record<string, Bilingual>;
export type ContractorDuty = keyof typeof contractorDuties;

export const inspectionMethods = {
  on_site: { ja: '立入調査', en: 'On-site inspection' },
  report: { ja: '報告の徴収', en: 'Report from the contractor' },
  documents: { ja: '書面確認', en: 'Review of documents' },
} as const satisfies Record<string, Bilingual>;
export type InspectionMethod = keyof typeof inspectionMethods;

export const contractorFlagNames = {
  inspection_overdue: { ja: '確認期限切れ', en: 'Inspection overdue' },
  certification_expired: { ja: '認証期限切れ', en: 'Certification expired' },
  inspection_due_soon: { ja: '確認期限間近', en: 'Inspection due soon' },
  certification_expiring: { ja: '認証更新間近', en: 'Certification expiring' },
} as const satisfies Record<ContractorFlag, Bilingual>;

export const inspectionStandingNames = {
  in_order: { ja: '実施済み', en: 'In order' },
  due_soon: { ja: '期限間近', en: 'Due soon' },
  overdue: { ja: '期限切れ', en: 'Overdue' },
  ended: { ja: '契約終了', en: 'Contract ended' },
} as const satisfies Record<InspectionStanding, Bilingual>;

/** True for a key of one of the tables above. */
export const isKeyOf = <T extends object>(table: T, v: string | undefined): v is Extract<keyof T, string> => v !== undefined && Object.hasOwn(table, v);
