// Accessibility, checked by axe-core beyond the lab pages themselves (layout.e2e.ts checks every
// lab, in the light and the dark theme, on the page it already has open): the More menu and its
// dialogs, Present mode, an embed and the home page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageIn, useBrowser, useContext } from './browser';
import { accessibilityFindings as findings } from './fixtures/axe';
import { openMore, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();
const context = useContext(browser);

async function openLab(path: string): Promise<Page> {
  const { page } = await openPageIn(context(), path, { width: 1280, height: 800 });
  await waitForLab(page);
  // A moment of the run, so the side panels hold findings, tables and meters, not their empty states.
  for (let i = 1; i <= 6; i++) await page.keyboard.press(']');
  await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '600');
  return page;
}

describe('accessibility (axe-core)', () => {
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
