// pino options: structured logs that never carry personal data.
import type { DestinationStream, LoggerOptions } from 'pino';
import type { Config } from './config.ts';

/** Field names that hold personal data anywhere in our payloads; their values are replaced in logs. */
export const personalFieldNames = [
  'name', 'nameKana', 'kana', 'name_kana', 'familyName', 'givenName', 'alias', 'alphabetName',
  'birthDate', 'birth_date', 'gender', 'address', 'postalCode', 'postal_code', 'phone', 'email',
  'individualNumber', 'individual_number', 'myNumber', 'my_number', 'password', 'totp', 'otp',
  'accountNumber', 'account_number', 'accountHolder', 'cookie', 'authorization',
];

const redactPaths = personalFieldNames.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

// Paths whose segments are secrets, each opening something without a login: the resident's draft link
// (/applications/d/<token>), a card booking's link (/card/r/<number>/<token>) and a waitlist offer (/card/w/<token>).
const secretPathSegments = /(\/applications\/+d\/+|\/card\/+r\/+[^/]+\/+|\/card\/+w\/+)[^/]+/i;

/** The request path as logged: no query string, and a secret path segment replaced. */
export const loggedPath = (url: string): string => (url.split('?')[0] ?? '').replace(secretPathSegments, '$1[redacted]');

/** Logger options for Fastify: redaction, and request lines without query strings (which may hold names). */
export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level: config.logLevel,
    redact: { paths: [...redactPaths, 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: loggedPath(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    ...(stream ? { stream } : {}),
  };
}
