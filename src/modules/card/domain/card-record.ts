// マイナンバーカードデータ (seed 001 (2)): what a card record holds, as the use cases and pages see it. The status and
// everything a step records (flags, dates, reasons, sites) change only through the steps of card-status.ts.
import { toCanonicalKatakana } from '../../../platform/text/index.ts';
import type { CardStatus } from './card-status.ts';

/** 氏名カナ as the card records keep and search it: canonical full-width katakana without spaces (ｶﾞ, が → ガ). */
export const kanaKey = (typed: string): string => toCanonicalKatakana(typed).replace(/\s/g, '');

export const receptionMethods = ['counter', 'mail', 'online', 'photo_booth', 'outreach'] as const;
/** 申請受付方式: 窓口, 郵送, オンライン, 証明写真機, 出張申請. */
export type ReceptionMethod = (typeof receptionMethods)[number];

/** 来庁方式: at_pickup 交付時来庁 (a notice is mailed, the resident collects), at_application 申請時来庁 (the card is mailed). */
export type VisitMethod = 'at_pickup' | 'at_application';

/** 交付種別: 新規, 更新, 再交付. */
export type IssueKind = 'new' | 'renewal' | 'reissue';

/** A card application as entered (seed ⑨(イ) カード情報の登録); it starts at 申請受付 at its application site. */
export interface NewCard {
  /** 申請書ID, 23 digits (parseApplicantId). */
  applicantId: string;
  /** personal data: 氏名 */
  name: string;
  /** personal data: 氏名カナ, kept as the search key (canonical katakana, no space); '' when not taken */
  nameKana?: string | undefined;
  /** personal data: 住所 */
  address: string;
  /** personal data: 生年月日 */
  birthDate: string;
  /** personal data: 性別 as on the 住民票 */
  gender: 'female' | 'male';
  receivedOn: string;
  receptionMethod: ReceptionMethod;
  visitMethod: VisitMethod;
  issueKind: IssueKind;
  registrationReason: string;
  proxyIssuance: boolean;
  substituteCharacters: boolean;
  /** personal data (要配慮): the card is to carry braille */
  braille: boolean;
  signatureCertificate: boolean;
  userCertificate: boolean;
  applicationSiteCode: string;
  /** Where the card is to be kept and handed over (issuing site = storage site). */
  storageSiteCode: string;
  feeRequired: boolean;
  feeAmount: number;
  handwrittenChecked: boolean;
  /** personal data: the clerks' free note */
  memo: string;
}

/** A card record as stored: the application and where its card stands. */
export interface CardRecord extends NewCard {
  applicantIdDisplay: string;
  status: CardStatus;
  statusSince: Date;
  issuingSiteCode: string;
  manufacturingNumber: string | null;
  flags: { setupDone: boolean; issueCompleted: boolean; cancelChecked: boolean; reissueRequested: boolean; revocationChecked: boolean; disposalChecked: boolean };
  dates: {
    managementStartedOn: string | null; setupCompletedOn: string | null; noticeSentOn: string | null; issuedOn: string | null;
    recoveredOn: string | null; disposedOn: string | null;
  };
  /** personal data: the reasons recorded by 交付取りやめ, 失効, 回収 and 廃棄 */
  reasons: { cancelReason: string | null; revocationReason: string | null; recoveryReason: string | null; disposalReason: string | null };
  rowVersion: number;
}
