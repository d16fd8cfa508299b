// 申請書ID: the 23 digits J-LIS prints on a card application and in the barcode of its 交付一覧 (delivery list). A
// barcode reader types them; a clerk may type them from paper, in full width or in groups, so input is folded first.
import { replaceDashes, toHalfWidthAscii } from '../../../platform/text/index.ts';

const applicantIdPattern = /^[0-9]{23}$/;

/** The 23 digits of an applicant ID as typed or scanned (full width, spaces and dashes folded), or undefined. */
export function parseApplicantId(raw: string): string | undefined {
  const digits = replaceDashes(toHalfWidthAscii(raw), '').replace(/\s/g, '');
  return applicantIdPattern.test(digits) ? digits : undefined;
}

/** 申請書ID (見た目用): the digits in groups of four, as printed for people to read. */
export function displayApplicantId(id: string): string {
  return id.replace(/(\d{4})(?=\d)/g, '$1 ');
}
