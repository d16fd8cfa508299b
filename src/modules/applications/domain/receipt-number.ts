// 受付番号: a 12-digit number with a Luhn check digit (src/platform/text/luhn-number.ts says why).
export {
  formatLuhnNumber as formatReceiptNumber,
  luhnCheckDigit,
  newLuhnNumber as newReceiptNumber,
  parseLuhnNumber as parseReceiptNumber,
} from '../../../platform/text/luhn-number.ts';
