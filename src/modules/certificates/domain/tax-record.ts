// What a 所得・課税証明書 is made from: one person's tax record for one fiscal year (年度), as tax-records.csv carries
// it (src/demo/file-tax.ts lists the columns), and the resident facts that decide whether one may be issued at all.
// Amounts are integer yen.

/** 課税証明書 (income, deductions and tax), 非課税証明書 (no 所得割 and no 均等割), 所得証明書 (income only). */
export type CertificateType = 'taxation' | 'non_taxation' | 'income';

export const certificateTypes: Record<CertificateType, { ja: string; en: string }> = {
  taxation: { ja: '課税証明書', en: 'Tax certificate' },
  non_taxation: { ja: '非課税証明書', en: 'Certificate of non-taxation' },
  income: { ja: '所得証明書', en: 'Income certificate' },
};

/** 申告区分: how the figures reached the city; 被扶養者 has no figures of its own ('*' on paper), 未申告 none at all. */
export type Filing = '確定申告' | '住民税申告' | '給与支払報告' | '年金支払報告' | '被扶養者' | '未申告';
export const filings: readonly Filing[] = ['確定申告', '住民税申告', '給与支払報告', '年金支払報告', '被扶養者', '未申告'];

/** 課税区分. */
export type TaxStatus = '課税' | '均等割のみ' | '非課税';
export const taxStatuses: readonly TaxStatus[] = ['課税', '均等割のみ', '非課税'];

/** Income by kind (収入 and 所得), the totals, 所得控除 and the people deducted for: empty for 被扶養者 and 未申告. */
export interface TaxFigures {
  salaryRevenue: number; // 給与収入
  salaryIncome: number; // 給与所得 (after 所得金額調整控除)
  incomeAdjustment: number; // 所得金額調整控除額
  pensionRevenue: number; // 公的年金等収入
  pensionIncome: number; // 公的年金等所得 (雑所得)
  businessRevenue: number; // 営業等収入
  businessIncome: number; // 営業等所得
  realEstateIncome: number; // 不動産所得
  dividendIncome: number; // 配当所得
  totalIncome: number; // 総所得金額
  aggregateIncome: number; // 合計所得金額
  deductions: {
    socialInsurance: number; // 社会保険料控除
    smallBusinessMutual: number; // 小規模企業共済等掛金控除
    lifeInsurance: number; // 生命保険料控除
    earthquakeInsurance: number; // 地震保険料控除
    medical: number; // 医療費控除
    spouse: number; // 配偶者控除
    spouseSpecial: number; // 配偶者特別控除
    dependants: number; // 扶養控除
    disability: number; // 障害者控除
    widow: number; // 寡婦控除
    singleParent: number; // ひとり親控除
    workingStudent: number; // 勤労学生控除
    basic: number; // 基礎控除
    total: number; // 所得控除合計
  };
  spouseKind: '' | '一般' | '老人'; // 控除対象配偶者
  dependantCounts: { general: number; specified: number; elderly: number; elderlyParent: number; minor: number };
  disabilityCounts: { ordinary: number; special: number; specialCohabiting: number };
  ownDisability: '' | '障害者' | '特別障害者'; // 本人障害者区分
  widow: boolean;
  singleParent: boolean;
}

/** The tax: 0 throughout for 被扶養者 and 未申告. */
export interface TaxAmounts {
  taxableBase: number; // 課税標準額
  cityAdjustment: number; // 市町村民税調整控除額
  prefectureAdjustment: number; // 道府県民税調整控除額
  cityIncomeLevy: number; // 市町村民税所得割額
  prefectureIncomeLevy: number; // 道府県民税所得割額
  flatReduction: number; // 定額減税額 (令和6年度 only)
  cityPerCapita: number; // 市町村民税均等割額
  prefecturePerCapita: number; // 道府県民税均等割額
  forestTax: number; // 森林環境税額
  annualTotal: number; // 年税額
}

/** One row of tax-records.csv, parsed. Dates are ISO `YYYY-MM-DD`. */
export interface TaxRecord {
  fiscalYear: number; // 課税年度, e.g. 2026 = 令和8年度 (income of 2025)
  addresseeNumber: string; // 宛名番号
  residentNumber: string; // 住記個人番号
  name: string;
  nameKana: string;
  birthDate: string;
  sex: '男' | '女';
  postalCode: string;
  address: string;
  building: string;
  jan1Address: string; // 1月1日住所
  jan1Building: string;
  filing: Filing;
  taxStatus: TaxStatus | null; // null for 未申告
  figures: TaxFigures | null; // null for 被扶養者 and 未申告
  amounts: TaxAmounts;
}

/** 住民状態. */
export type ResidentStatus = '住民' | '転出' | '死亡';

/** What issuance refusals rest on, per person (the last columns of tax-records.csv). */
export interface ResidentFacts {
  status: ResidentStatus;
  statusDate: string | null; // 異動日: the day of moving out or death
  residentSince: string; // 住民となった日
  supportMeasure: boolean; // 支援措置 (DV / stalking support measures)
  gaiji: boolean; // 外字: a character the certificate cannot print
}

/** Why a certificate is not issued: the reason codes the kiosk API answers with, and the counter shows. */
export type RefusalReason =
  | 'moved_out' // 転出
  | 'deceased' // 死亡
  | 'support_measure' // 支援措置
  | 'unprintable' // 外字 or text too long for the form
  | 'moved_in_today' // 住民となった日 is today
  | 'no_record' // no tax record for that person and year
  | 'not_filed' // 未申告: nothing to certify
  | 'not_applicable' // e.g. 非課税証明書 asked for a person who is taxed
  | 'unknown_person' // the kiosk's serial number maps to nobody
  | 'year_not_offered'; // kiosks offer the current fiscal year only

export const refusalMessages: Record<RefusalReason, { ja: string; en: string }> = {
  moved_out: { ja: '転出済みのため交付できません', en: 'The person has moved out' },
  deceased: { ja: '死亡のため交付できません', en: 'The person is deceased' },
  support_measure: { ja: '支援措置の対象のため、窓口でお手続きください', en: 'A support measure applies: please come to the counter' },
  unprintable: { ja: '印字できない文字（外字）等があるため、窓口でお手続きください', en: 'The record holds characters that cannot be printed: please come to the counter' },
  moved_in_today: { ja: '本日転入されたため、明日以降に交付できます', en: 'Moved in today: available from tomorrow' },
  no_record: { ja: '該当年度の課税情報がありません', en: 'No tax record for that fiscal year' },
  not_filed: { ja: '未申告のため証明できません（申告が必要です）', en: 'No tax return was filed for that year' },
  not_applicable: { ja: 'この証明書の種類は交付できません（課税されています）', en: 'This certificate type does not apply (the person is taxed)' },
  unknown_person: { ja: '対象者が見つかりません', en: 'No such person' },
  year_not_offered: { ja: 'この年度の証明書はコンビニ交付の対象外です（窓口でお手続きください）', en: 'Kiosks issue the current fiscal year only: please come to the counter' },
};
