/**
 * The briefing's Parliament section in real headless Chromium, as test/browser/briefing.test.ts
 * opens the whole email: members, parties and titles carrying markup stay inert text; at 390 and
 * 1280 pixels wide the section reads without sideways scrolling and passes axe-core's checks.
 */
import { createRequire } from 'node:module';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { renderBriefing } from '../../shared/deliver/briefing/render.js';
import type { ClassifiedItem } from '../../shared/platform/model.js';
import { makeItem, testConfig } from '../unit/deliver/briefing/fixtures.js';
import { hasChromium, launchBrowser } from '../support/browser.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const SCRIPT = '<script>alert("script")</script>';
const IMG = '<img src=x onerror=alert("img")>';

function parliamentBriefing(): string {
  const items: ClassifiedItem[] = [
    makeItem({
      title: `Written question to DLUHC, answered: Exampleton ${IMG}`,
      kind: 'written-question',
      details: { questionState: 'answered', member: `Ann ${SCRIPT} Asker`, party: `Labour ${IMG}`, house: 'House of Commons' },
      link: 'javascript:alert("link")',
    }),
    makeItem({ title: 'Written statement: a very long title '.repeat(6), kind: 'written-statement', details: { member: 'Min Ister', party: 'Labour' } }),
    { ...makeItem({ title: `Debate: rail fares ${SCRIPT}`, details: { member: 'Jo Watched' } }), kind: 'hansard' } as unknown as ClassifiedItem,
    makeItem({
      title: 'Local Audit Bill: Committee stage → Report stage, House of Lords',
      kind: 'bill',
      details: { billStage: 'Report stage', billHouse: 'House of Lords' },
    }),
  ];
  return renderBriefing({
    config: { ...testConfig, parliament: { members: ['Jo Watched'] } },
    items,
    window: { from: new Date('2026-11-23T07:00:00Z'), to: new Date('2026-11-24T07:00:00Z') },
    generatedAt: new Date('2026-11-24T07:00:00Z'),
  }).html;
}

describe.skipIf(!hasChromium)('the Parliament section in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  for (const width of [390, 1280]) {
    it(`at ${width} pixels: inert text, no sideways scrolling, and axe-core's checks pass`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, javaScriptEnabled: true });
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.setContent(parliamentBriefing(), { waitUntil: 'load' });
      await page.waitForTimeout(300);

      const found = z.object({ elements: z.number(), overflow: z.number(), text: z.string() }).parse(
        await page.evaluate(`({
            elements: document.querySelectorAll('script, img, svg, iframe').length,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            text: document.body.innerText,
          })`),
      );
      await page.addScriptTag({ path: axePath });
      const violations = z.array(z.string()).parse(
        await page.evaluate(`axe
            .run(document, { runOnly: { type: 'rule', values: ['color-contrast', 'html-has-lang', 'page-has-heading-one', 'heading-order', 'link-name', 'document-title'] } })
            .then((result) => result.violations.map((v) => v.id + ' (' + v.nodes.length + ')'))`),
      );

      expect(dialogs).toEqual([]);
      expect(found.elements).toBe(0);
      expect(found.overflow).toBeLessThanOrEqual(0);
      expect(found.text).toContain(`Ann ${SCRIPT} Asker (Labour ${IMG}): Written question to DLUHC, answered: Exampleton ${IMG}`);
      expect(found.text).toMatch(/Question answered[^]*Statement[^]*Bill stage[^]*Our MPs/);
      expect(violations).toEqual([]);
      await page.close();
    });
  }
});
