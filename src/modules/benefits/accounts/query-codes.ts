// The fixed codes of the 公金受取口座 query file (seed 002 ② 情報照会内容ファイル), in one place.
//
// The 中間サーバー takes one row per request; besides the 団体内統合宛名番号 every cell of a row is the same for the whole
// file: who asks (the municipality as 情報照会者), under which 事務 and 事務手続 (番号法第19条第8号に基づく主務省令第2条の表
// 160の項: 特定公的給付の支給), of whom (デジタル庁, which keeps the 公金受取口座登録簿) and for which 特定個人情報
// (公金受取口座情報). The codes are assigned when the municipality's 中間サーバー is set up for the 事務 (the 事務・事務手続
// and 機関 code tables of the 情報提供ネットワークシステム); they are not published, so the values below are this system's
// stand-ins, each marked, to be replaced here by the ones the municipality's registration gives before a real query.
// The layout (the columns and their order) is seed 002's and does not change with them.

/** The cells every row of one query file shares; the 団体内統合宛名番号 and the レコード識別番号 vary. */
export interface AccountQueryCodes {
  /** 情報照会者機関コード: the municipality in the network. Stand-in: its 全国地方公共団体コード. */
  requesterInstitution: (municipalityCode: string) => string;
  /** 照会側不開示コード: 0, nothing withheld from the person asked about (照会側で不開示としない). */
  requesterNonDisclosure: string;
  /** 事務コード: 特定公的給付の支給 (主務省令第2条の表160の項). Stand-in. */
  affair: string;
  /** 事務手続コード: 公金受取口座情報の照会 within that 事務. Stand-in. */
  procedure: string;
  /** 照会委任元機関コード: empty, the municipality asks for itself (no 委任). */
  requestDelegator: string;
  /** 提供委任元機関コード: empty, the provider answers for itself. */
  provisionDelegator: string;
  /** 情報提供者機関コード: デジタル庁 (公金受取口座登録簿). Stand-in. */
  providerInstitution: string;
  /** 特定個人情報名コード: 公金受取口座情報. Stand-in. */
  personalInfoName: string;
  /** 情報照会条件: empty, the current registration (no 基準日). */
  condition: string;
  /** 特定個人情報の項目コード: empty, every item of 公金受取口座情報 (金融機関コード, 店番, 預貯金種目, 口座番号, 口座名義人). */
  item: string;
}

/** The codes this system writes (see above which are stand-ins). */
export const accountQueryCodes: AccountQueryCodes = {
  requesterInstitution: (municipalityCode) => municipalityCode,
  requesterNonDisclosure: '0',
  affair: 'JM160',
  procedure: 'JM160-01',
  requestDelegator: '',
  provisionDelegator: '',
  providerInstitution: 'DIGITAL-AGENCY',
  personalInfoName: 'KOKIN-UKETORI-KOZA',
  condition: '',
  item: '',
};
