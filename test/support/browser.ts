/**
 * Real headless Chromium for the browser tests: one launch with the flags this machine needs, an
 * axe-core run that returns the violations as readable lines, and the page's width (the phone
 * check: nothing may make the page scroll sideways). Skipped, with a note, where no Chromium exists.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { available } from './required.js';

const CHROMIUM = '/usr/bin/chromium';

export const hasChromium = available(
  'browser',
  existsSync(CHROMIUM),
  `[browser tests skipped] no Chromium at ${CHROMIUM}: install it (CI does, in .ci/run) to run them.`,
);

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * axe-core's violations on the page as it is now, one line each ("rule: [targets]"). axe is
 * injected as a script tag, which the page's CSP rightly refuses: open the page in a context made
 * with `bypassCSP: true` to use this.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await (
      globalThis as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }
    ).axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** How wide the page lays out: more than the viewport means the page itself scrolls sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.locator('html').evaluate((el) => el.scrollWidth);
}

/** What a page showed that it should not have: alert() dialogs (dismissed) and uncaught errors. */
export interface PageIncidents {
  readonly dialogs: string[];
  readonly pageErrors: string[];
}

/**
 * A new browser context on the workspace, signed in with `token` through the `#token=` link, then
 * at `route` (`#/today`, `#/story/ID`…). bypassCSP only so axe can be injected: with it, markup the
 * page let in would run, so the "markup never runs" checks are the stricter for it.
 */
export async function openSignedIn(
  browser: Browser,
  baseUrl: string,
  options: { token: string | undefined; route: string; viewport?: { width: number; height: number }; incidents?: PageIncidents },
): Promise<Page> {
  if (!options.token) throw new Error('no sign-in token: the local stack made no link for this user');
  const context = await browser.newContext({ bypassCSP: true, viewport: options.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    options.incidents?.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => options.incidents?.pageErrors.push(error.message));
  await page.goto(`${baseUrl}/#token=${options.token}`);
  await page.locator('button.slot, .no-post').first().waitFor();
  await page.goto(`${baseUrl}/${options.route}`);
  return page;
}
