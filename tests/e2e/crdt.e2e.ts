// The CRDT lab in Chromium: its tour run end to end with "Do it for me" (each step done on the
// lab's view: losses, agreement, overdraft), then the sandbox's interactions: the type picker
// switches every replica, and a replica's +1 button increments that replica.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

async function play(page: Page): Promise<void> {
  if (!((await page.getByTestId('play-pause').textContent()) ?? '').includes('Pause')) await page.getByTestId('play-pause').click();
}

describe('CRDT lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=crdt&seed=3&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts: string[] = [];
    for (let step = 1; step <= 5; step++) {
      // Paused, the step cannot turn done (and its "Do it for me" disabled) between check and click.
      if (((await page.getByTestId('play-pause').textContent()) ?? '').includes('Pause')) await page.getByTestId('play-pause').click();
      await page.waitForSelector(`[data-testid="tour"][data-step="${step}"]`);
      const doIt = page.getByTestId('tour-do');
      if (await doIt.isEnabled()) {
        await doIt.click({ timeout: 5000 }).catch(async (error: unknown) => {
          if (await doIt.isEnabled()) throw error; // a frame already in flight completed the step
        });
      }
      await play(page);
      await page.waitForSelector(`[data-testid="tour"][data-step="${step}"][data-step-done="true"]`, { timeout: 30_000 });
      texts.push((await page.getByTestId('tour-status').textContent()) ?? '');
      await page.getByTestId('tour-next').click();
    }
    await page.waitForSelector('[data-testid="tour"][data-state="sandbox"]');
    expect(texts[0]).toMatch(/max\(\) lost \d+/);
    expect(texts[2]).toMatch(/every increment/);
    expect(texts[3]).toMatch(/which the OR-Set keeps/);
    expect(texts[4]).toMatch(/balance fell to -\d+/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the type picker switches every replica; a replica\'s +1 increments it', async () => {
    const { page, errors } = await openPage(browser(), '?lab=crdt&seed=5&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await page.getByTestId('crdt-type').selectOption('naive-counter');
    await expect.poll(() => page.getByTestId('replica-value-n2').textContent()).toBe('0');
    await page.getByTestId('op-n2-inc').click();
    await expect.poll(() => page.getByTestId('replica-value-n2').textContent()).toBe('1');
    expect(await page.getByTestId('replica-value-n1').textContent()).toBe('0');
    await page.getByTestId('crdt-type').selectOption('or-set');
    await expect.poll(() => page.getByTestId('replica-value-n2').textContent()).toBe('{}');
    expect(await page.getByTestId('op-n2-add').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
