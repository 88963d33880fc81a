/**
 * The briefing and the alert email opened in real headless Chromium (Debian's, installed by
 * .ci/run), with scripts enabled as a careless mail client might: feed text carrying <script>,
 * <img onerror> and javascript: links shows as inert text, no dialog fires and no element is made
 * from it; the colours pass axe-core's contrast check in light and dark mode; a phone-width window
 * needs no sideways scrolling. Skipped, with a note, only where no Chromium binary exists.
 */
import { createRequire } from 'node:module';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { renderAlert } from '../../shared/deliver/alerts/render.js';
import { renderBriefing } from '../../shared/deliver/briefing/render.js';
import { makeItem, testConfig } from '../unit/deliver/briefing/fixtures.js';
import { hasChromium, launchBrowser } from '../support/browser.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What the page says about itself, read in the page (the DOM lib is not part of this project's types). */
const foundSchema = z.object({ scripts: z.number(), images: z.number(), handlers: z.array(z.string()), hrefs: z.array(z.string()), text: z.string() });

const SCRIPT = '<script>alert("script")</script>';
const IMG = '<img src=x onerror=alert("img")>';
const SVG = '<svg onload=alert("svg")>';

function hostileItems() {
  return [
    makeItem({
      title: `Mayor ${SCRIPT} resigns`,
      summary: `Snippet ${IMG} and ${SVG}`,
      sourceName: `Echo ${IMG}`,
      link: 'javascript:alert("link")',
      clusterId: 'x',
      level: 'critical',
      reasons: [`Mayor named near ${SCRIPT}`],
      sensitiveWords: ['Mayor', 'resigns'],
    }),
    makeItem({
      title: 'Same story elsewhere',
      sourceName: `Paper ${SCRIPT}`,
      link: 'JaVaScRiPt:alert("also")',
      clusterId: 'x',
      level: 'critical',
      publishedAt: '2026-11-23T19:00:00Z',
    }),
    makeItem({
      title: `Housing ${IMG}`,
      summary: `"><script>alert("attr")</script>`,
      link: 'https://news.example/a"onmouseover="alert(1)',
      priorities: ['housing'],
      priorityWords: ['Housing'],
    }),
    makeItem({ title: `Consultation ${SVG}`, kind: 'consultation', details: { closingDate: '2026-12-15' }, link: 'data:text/html,<script>alert(1)</script>' }),
    makeItem({ title: `Cabinet ${SCRIPT}`, kind: 'meeting', details: { committee: `Cabinet ${IMG}`, meetingDate: '2026-11-25T19:00:00.000Z' } }),
  ];
}

function hostileBriefing() {
  return renderBriefing({
    config: testConfig,
    items: hostileItems(),
    window: { from: new Date('2026-11-23T07:00:00Z'), to: new Date('2026-11-24T07:00:00Z') },
    generatedAt: new Date('2026-11-24T07:00:00Z'),
    failingSources: [{ name: `Weekly ${IMG}`, failingSince: '2026-11-23T01:00:00Z', consecutiveFailures: 4, reason: `HTTP 500 ${SCRIPT}` }],
    reviewUrl: 'https://review.exampleton.gov.uk/',
  });
}

function hostileAlert() {
  const [lead, other] = hostileItems();
  return renderAlert({ config: testConfig, item: lead!, coverage: [lead!, other!], generatedAt: new Date('2026-11-24T07:00:00Z') });
}

describe.skipIf(!hasChromium)('emails in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  /** Opens the HTML with scripts allowed, and collects any dialog that something in it opened. */
  async function open(html: string, opts: { width?: number; scheme?: 'light' | 'dark' } = {}): Promise<{ page: Page; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width: opts.width ?? 800, height: 900 }, colorScheme: opts.scheme ?? 'light', javaScriptEnabled: true });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });
    // Give onerror and onload handlers, had any been created, time to fire.
    await page.waitForTimeout(300);
    return { page, dialogs };
  }

  it('can tell when markup does run (the check below is not blind)', async () => {
    const { page, dialogs } = await open(`<p>${IMG}</p>`);

    expect(dialogs).toEqual(['img']);
    await page.close();
  });

  for (const [name, render] of [
    ['the briefing', hostileBriefing],
    ['the alert', hostileAlert],
  ] as const) {
    it(`shows feed-supplied <script>, <img onerror> and javascript: links in ${name} as inert text`, async () => {
      // Act
      const { page, dialogs } = await open(render().html);

      // Assess: nothing ran, no element was made from feed text, every link is a web link.
      expect(dialogs).toEqual([]);
      const found = foundSchema.parse(
        await page.evaluate(`({
          scripts: document.querySelectorAll('script').length,
          images: document.querySelectorAll('img, svg, iframe, object, embed').length,
          handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
          hrefs: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
          text: document.body.innerText,
        })`),
      );
      expect(found.scripts).toBe(0);
      expect(found.images).toBe(0);
      expect(found.handlers).toEqual([]);
      // Web links, and the contents line's links to its own sections (#section-N), nothing else.
      for (const href of found.hrefs) expect(href).toMatch(/^(https?:\/\/|#section-\d+$)/);
      // The reader sees what the publisher wrote, as text.
      expect(found.text).toContain(`Mayor ${SCRIPT} resigns`);
      expect(found.text).toContain(`Echo ${IMG}`);
      expect(found.text).toContain(SVG);
      await page.close();
    });
  }

  for (const [name, scheme, render] of [
    ['the briefing', 'light', hostileBriefing],
    ['the briefing', 'dark', hostileBriefing],
    ['the alert', 'light', hostileAlert],
    ['the alert', 'dark', hostileAlert],
  ] as const) {
    it(`${name} passes axe-core's contrast, language and heading checks in ${scheme} mode`, async () => {
      const { page } = await open(render().html, { scheme });
      await page.addScriptTag({ path: axePath });

      const violations = z.array(z.string()).parse(
        await page.evaluate(`axe
          .run(document, { runOnly: { type: 'rule', values: ['color-contrast', 'html-has-lang', 'html-lang-valid', 'page-has-heading-one', 'heading-order', 'link-name', 'document-title'] } })
          .then((result) => result.violations.map((v) => v.id + ' (' + v.nodes.length + ')'))`),
      );

      expect(violations).toEqual([]);
      await page.close();
    });
  }

  it('fits a phone screen: no sideways scrolling at 360 pixels wide', async () => {
    for (const html of [hostileBriefing().html, hostileAlert().html]) {
      const { page } = await open(html, { width: 360 });

      const overflow = z.number().parse(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));

      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    }
  });
});
