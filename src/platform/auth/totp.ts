// TOTP (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app speaks it, and its QR code rendered locally.
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const periodSeconds = 30;
/** One step either side of now: a phone clock a little off, or a code typed as it changed. */
const toleranceSeconds = periodSeconds;

/** A new random secret (20 bytes, Base32), as an authenticator app stores it. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** A code as typed, in the form the check wants: full-width digits (IME) made ASCII, spaces and hyphens dropped. */
export function normaliseTotpCode(typed: string): string {
  return typed.normalize('NFKC').replace(/[\s-]/g, '');
}

/**
 * The time step of a code that is valid at `now` (± one step) and later than `afterStep`, or undefined.
 * A step is used once: the caller stores it, and a code of that step or an earlier one is refused (replay).
 */
export async function matchTotp(secret: string, typed: string, afterStep: number | null, now = Date.now()): Promise<number | undefined> {
  const token = normaliseTotpCode(typed);
  if (!/^\d{6}$/.test(token)) return undefined;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now / 1000),
    epochTolerance: toleranceSeconds,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** The code an authenticator shows at `now` (tests and the demo). */
export function currentTotpCode(secret: string, now = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now / 1000) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(issuer: string, loginId: string, secret: string): string {
  return generateURI({ issuer, label: loginId, secret });
}

/** The QR code of a URI as an SVG data URL: drawn here, so the secret never leaves the server for a QR service. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** A secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
