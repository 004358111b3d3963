// Accessibility, checked by axe-core (the WCAG 2 A and AA rules and its best practices) on the
// page as a person meets it: every lab after a moment of its run (side panels filled in), in the
// light and the dark theme, the More menu and its dialogs, an embed, Present mode and the home page. A finding names the rule,
// the element and what is wrong, so a failure says what to fix.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_IDS } from '../../src/labs/registry';
import { openPageIn, useBrowser, useContext } from './browser';
import { openMore, waitForLab } from './fixtures/lab-page';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const browser = useBrowser();
const context = useContext(browser);

/** axe's findings on the page as it is now, one line each: impact, rule, element, what is wrong. */
async function findings(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy (no inline
  // scripts) does not govern.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.impact} ${violation.id}: ${node.target.join(' ')} — ${(node.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`));
  });
}

async function openLab(path: string): Promise<Page> {
  const { page } = await openPageIn(context(), path, { width: 1280, height: 800 });
  await waitForLab(page);
  // A moment of the run, so the side panels hold findings, tables and meters, not their empty states.
  for (let i = 1; i <= 6; i++) await page.keyboard.press(']');
  await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '600');
  return page;
}

describe('accessibility (axe-core)', () => {
  for (const lab of LAB_IDS) {
    it(`the ${lab} lab has no findings, in the light theme and the dark`, async () => {
      const page = await openLab(`?lab=${lab}&seed=3&autoplay=0`);
      expect(await findings(page)).toEqual([]);
      await page.evaluate(() => {
        document.documentElement.dataset.theme = 'dark';
      });
      // Colours ease from one theme to the other: judged once they have arrived.
      await page.waitForFunction(() => document.getAnimations().length === 0);
      expect(await findings(page)).toEqual([]);
      await page.close();
    });
  }

  describe('beyond the lab page', () => {
    let page: Page | undefined;
    beforeAll(async () => {
      page = await openLab('?lab=cap&seed=3&autoplay=0');
    });
    afterAll(async () => {
      await page?.close();
    });

    it('Present mode has no findings', async () => {
      await page!.keyboard.press('p');
      await page!.waitForSelector('html.present');
      expect(await findings(page!)).toEqual([]);
    });

    it('the More menu and the dialogs it opens (embed, bug hunt, shortcuts) have no findings', async () => {
      const lab = await openLab('?lab=raft&seed=3&autoplay=0');
      await openMore(lab);
      expect(await findings(lab)).toEqual([]);
      for (const opener of ['embed-button', 'hunt-button', 'shortcuts-button']) {
        await openMore(lab);
        await lab.click(`[data-testid="${opener}"]`);
        await lab.waitForSelector('[role="dialog"]', { state: 'visible' });
        expect(await findings(lab), opener).toEqual([]);
        await lab.keyboard.press('Escape');
        await lab.waitForSelector('[role="dialog"]', { state: 'detached' });
      }
      await lab.close();
    });

    it('an embed has no findings', async () => {
      const { page: embed } = await openPageIn(context(), '?embed&lab=cap&autoplay=0&seed=3', { width: 480, height: 360 });
      await waitForLab(embed);
      expect(await findings(embed)).toEqual([]);
      await embed.close();
    });

    it('the home page has no findings', async () => {
      const { page: home } = await openPageIn(context(), '', { width: 1280, height: 800 });
      await home.waitForSelector('[data-testid="home"]');
      expect(await findings(home)).toEqual([]);
      await home.close();
    });
  });
});
