// Japanese first: pages follow ?lang= or the lang cookie; the API follows Accept-Language.
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../errors.ts';

/** The language for a page: ?lang=en|ja, else the `lang` cookie, else Japanese. */
export function pageLang(req: FastifyRequest): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'ja') return q;
  const cookie = /(?:^|;\s*)lang=(en|ja)\b/.exec(req.headers.cookie ?? '');
  return (cookie?.[1] as Lang | undefined) ?? 'ja';
}

/** The language for an API answer: English when Accept-Language prefers it, else Japanese. */
export function apiLang(req: FastifyRequest): Lang {
  return /^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'ja';
}

/** Picks the text for the language. */
export const t = (lang: Lang, ja: string, en: string): string => (lang === 'en' ? en : ja);
