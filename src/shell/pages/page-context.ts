// What every page needs to know about the request: language, path and the municipality served.
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../platform/errors.ts';
import { pageLang } from '../../platform/http/language.ts';
import type { SessionInfo } from '../../platform/ui/layout.tsx';
import { consoleNav } from '../console-nav.ts';
import type { Municipality } from '../store.ts';

export interface PageContext {
  lang: Lang;
  path: string;
  municipalityName: string;
  /** The console menu for the logged-in member of staff (empty elsewhere). */
  nav: Array<{ href: string; label: string }>;
  /** The logged-in session, for the idle time-out warning (console pages only). */
  session: SessionInfo | undefined;
}

function sessionInfo(req: FastifyRequest): SessionInfo | undefined {
  return req.staff ? { idleSeconds: req.staff.idleTimeoutMs / 1000, csrfToken: req.staff.csrfToken } : undefined;
}

/** The context for rendering a page for this request. */
export function pageContext(req: FastifyRequest, municipality: Municipality | undefined): PageContext {
  const lang = pageLang(req);
  const name = municipality ? (lang === 'en' ? municipality.nameEn : municipality.nameJa) : lang === 'en' ? '(municipality not set)' : '（団体未設定）';
  return { lang, path: req.url.split('?')[0] ?? '/', municipalityName: name, nav: consoleNav(lang, req.principal), session: sessionInfo(req) };
}
