// 予約番号 and the secrets a booking carries: the number (12 digits with a Luhn check digit, read out on the phone),
// and the tokens of the view/cancel and waitlist-offer links, of which only a SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { formatLuhnNumber, newLuhnNumber, parseLuhnNumber } from '../../../platform/text/luhn-number.ts';

/** A fresh reservation number. */
export const newReservationNumber = (): string => newLuhnNumber();
/** The number as typed (hyphens, spaces, full width), or undefined when a digit is wrong. */
export const parseReservationNumber = (input: string): string | undefined => parseLuhnNumber(input);
/** 1234-5678-9012 */
export const formatReservationNumber = (n: string): string => formatLuhnNumber(n);

/** A link token: 32 random bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');
/** What is stored of a token. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
