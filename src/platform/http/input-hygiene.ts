// Text that reaches a handler is valid UTF-8 without control characters: JSON bodies are decoded strictly,
// and every string in a body or query is checked before validation.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

// C0 controls except tab, line feed and carriage return; DEL; the C1 controls; and U+FFFD, which is what
// percent-decoding leaves of invalid UTF-8 in forms and queries.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The path of the first string holding a control character, or undefined. */
export function findControlCharacter(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return controlCharacter.test(value) ? path || '(value)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${path}/${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = controlCharacter.test(k) ? `${path}/(key)` : findControlCharacter(v, `${path}/${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Replaces the JSON parser with a strict one and rejects control characters in bodies and queries. */
export function installInputHygiene(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body);
    } catch {
      done(new AppError('invalid_text', { reason: 'utf-8' }), undefined);
      return;
    }
    if (text.trim() === '') {
      done(new AppError('bad_request'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('bad_request'), undefined);
    }
  });
  app.addHook('preValidation', async (req) => {
    const where = findControlCharacter(req.body, 'body') ?? findControlCharacter(req.query, 'query') ?? findControlCharacter(req.params, 'params');
    if (where) throw new AppError('invalid_text', { field: where });
  });
}
