// 個人情報ファイル簿: one register of every personal-data file madoguchi holds, built from the declarations each module
// makes (its file objects and their items). A module that adds a file adds it here; the completeness test fails
// while a column commented "personal data" is declared by no file of this list.
import { applicationFile, applicationPersonalData } from '../../applications/index.ts';
import { benefitLedgerFile, benefitPersonalData } from '../../benefits/index.ts';
import { cardIssuanceFile, cardIssuancePersonalData, cardReservationFile, cardReservationPersonalData } from '../../card/index.ts';
import { cardImageFile, cardImagePersonalData } from '../../card/index.ts';
import { certificatePersonalData, certificateTaxFile } from '../../certificates/index.ts';
import { reviewExtractFile, reviewPersonalData } from '../../review/index.ts';
import { mailOutboxFile, mailOutboxPersonalData } from '../../../platform/mail/index.ts';
import type { PersonalDataFile, PersonalDataItem } from '../../../platform/register/personal-data.ts';
import { disclosureRequestFile, disclosureRequestPersonalData, disposalRecordFile, disposalRecordPersonalData } from '../personal-data.ts';

/** The parts of madoguchi that declare files, with the names the register shows. */
export const declaringModules = {
  review: { ja: '審査アシスト', en: 'Review assist' },
  card: { ja: 'マイナンバーカード', en: 'My Number card' },
  benefits: { ja: '給付金', en: 'Benefits' },
  applications: { ja: '電子申請', en: 'Online applications' },
  certificates: { ja: '税証明書', en: 'Tax certificates' },
  platform: { ja: '共通基盤', en: 'Platform' },
  governance: { ja: '個人情報保護', en: 'Privacy governance' },
} as const;

export type DeclaringModule = keyof typeof declaringModules;

/** One file of the register: its module's declaration and items. */
export interface RegisterFile {
  module: DeclaringModule;
  file: PersonalDataFile;
  items: readonly PersonalDataItem[];
}

/** Every declared file, in the order of the seeds (000 review … 004 certificates), then the platform's. */
export const registerFiles: readonly RegisterFile[] = [
  { module: 'review', file: reviewExtractFile, items: reviewPersonalData },
  { module: 'card', file: cardReservationFile, items: cardReservationPersonalData },
  { module: 'card', file: cardIssuanceFile, items: cardIssuancePersonalData },
  { module: 'card', file: cardImageFile, items: cardImagePersonalData },
  { module: 'benefits', file: benefitLedgerFile, items: benefitPersonalData },
  { module: 'applications', file: applicationFile, items: applicationPersonalData },
  { module: 'certificates', file: certificateTaxFile, items: certificatePersonalData },
  { module: 'platform', file: mailOutboxFile, items: mailOutboxPersonalData },
  { module: 'governance', file: disposalRecordFile, items: disposalRecordPersonalData },
  { module: 'governance', file: disclosureRequestFile, items: disclosureRequestPersonalData },
];

/** The tables a file's items are kept in, in the items' order. */
export function fileTables(f: RegisterFile): string[] {
  return [...new Set(f.items.map((i) => i.table))];
}
