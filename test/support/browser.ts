// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with axe-core for accessibility.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const onCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Why browser tests cannot run here, or undefined when they can. On CI a missing browser is a failure,
 * never a skip; on a developer machine the skip is printed.
 */
export function browserUnavailable(): string | undefined {
  if (fs.existsSync(chromiumPath)) return undefined;
  if (onCi) throw new Error(`CI needs Chromium at ${chromiumPath} (apt-get install chromium)`);
  process.stdout.write('skipped: no chromium\n');
  return 'skipped: no chromium';
}

/** Starts headless Chromium with no background traffic (the machine's network is closed). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A browser context signed in with a member of staff's session cookie (`name=value`, as staffWithRoles gives it) for
 * the server at `base`. A step that cannot happen fails after two minutes with its name instead of hanging.
 */
export async function staffContext(browser: Browser, base: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(120_000);
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  return context;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page (evaluate is not subject to the page's CSP) and returns serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate<{ violations: AxeViolation[] }>("axe.run(document, { resultTypes: ['violations'] })");
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
