// Closed LGWAN networks reach no CDN: crawl the served HTML and CSS and fail on any absolute URL to another origin.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from './support/app.ts';

const startPages = ['/', '/?lang=en', '/console/login', '/api/docs', '/no-such-page'];
const absolute = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;
/** Addresses of one shape (a calendar's days, a day's times: the same page with other numbers) crawled at most this often. */
const perShape = 3;
const shapeOf = (url: string) => url.replace(/\d+/g, '#');

/** Every URL a page or stylesheet refers to. */
function references(body: string, isCss: boolean): string[] {
  const found: string[] = [];
  const patterns = isCss ? [/url\(\s*['"]?([^'")\s]+)/g, /@import\s+['"]([^'"]+)/g] : [/\s(?:src|href|action|srcset|poster|data)\s*=\s*["']([^"']+)/g, /url\(\s*['"]?([^'")\s]+)/g];
  for (const p of patterns) for (const m of body.matchAll(p)) found.push(m[1]!);
  return found;
}

describe('no page or stylesheet refers to another origin', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp('pglite');
  });
  after(() => t.close());

  it('crawls every page, stylesheet and font reachable from the start pages', async () => {
    const queue = [...startPages];
    const seen = new Set<string>();
    const shapes = new Map<string, number>();
    const foreign: string[] = [];
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      const shape = shapeOf(url);
      if ((shapes.get(shape) ?? 0) >= perShape) continue;
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      seen.add(url);
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      const type = String(res.headers['content-type'] ?? '');
      if (!/text\/(html|css)/.test(type)) continue;
      for (const ref of references(res.body, type.includes('css'))) {
        if (ref.startsWith('data:') || ref.startsWith('#') || ref.startsWith('mailto:') || ref.startsWith('tel:')) continue;
        if (absolute.test(ref)) {
          foreign.push(`${url} → ${ref}`);
          continue;
        }
        const next = new URL(ref, `http://self${url}`);
        if (next.pathname.startsWith('/public/') || type.includes('html')) queue.push(next.pathname + next.search);
      }
    }
    assert.deepEqual(foreign, []);
    assert.ok([...seen].some((u) => u.endsWith('.css')), 'stylesheets were crawled');
    assert.ok([...seen].some((u) => u.endsWith('.woff2')), 'fonts were reached');
  });
});
