// A resident's browser for the portal tests: cookies kept between requests, and the links and hidden fields of a page.
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../../../test/support/app.ts';
import { cookieHeader, type Jar, withCookies } from '../../../../test/support/console-login.ts';

/** A browser's worth of state: cookies, and get/post that keep them. */
export function visitor(t: TestApp) {
  let jar: Jar = {};
  const keep = (res: LightMyRequestResponse) => {
    jar = withCookies(jar, res);
    return res;
  };
  return {
    get: async (url: string) => keep(await t.app.inject({ url, headers: { cookie: cookieHeader(jar) } })),
    post: async (url: string, payload: Record<string, string>) => keep(await t.app.inject({ method: 'POST', url, headers: { cookie: cookieHeader(jar) }, payload })),
  };
}

/** The page's links starting with `prefix`, as addresses. */
export const links = (body: string, prefix: string) => [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).filter((h) => h.startsWith(prefix));

/** The value of the page's hidden field `name`. */
export const hidden = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1] ?? '';
