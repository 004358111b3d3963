// The clocks lab in Chromium: its tour run end to end with "Do it for me" (each step done on the
// checker's counts), then the sandbox's own interactions: a send from the panel shows up as a
// send and a receive in the diagram, and picking them says one happened before the other.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

async function waitForStep(page: Page, step: number, done: boolean): Promise<void> {
  await page.waitForSelector(`[data-testid="tour"][data-state="touring"][data-step="${step}"][data-step-done="${done}"]`, { timeout: 30_000 });
}

async function play(page: Page): Promise<void> {
  if (!((await page.getByTestId('play-pause').textContent()) ?? '').includes('Pause')) await page.getByTestId('play-pause').click();
}

async function pause(page: Page): Promise<void> {
  if (((await page.getByTestId('play-pause').textContent()) ?? '').includes('Pause')) await page.getByTestId('play-pause').click();
}

describe('clocks lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=clocks&seed=2&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts: string[] = [];
    for (let step = 1; step <= 5; step++) {
      // While playing, a step may be done as soon as it opens (its "Do it for me" is then disabled):
      // pause so it cannot turn done between the check and the click.
      await pause(page);
      await page.waitForSelector(`[data-testid="tour"][data-step="${step}"]`);
      const doIt = page.getByTestId('tour-do');
      if (await doIt.isEnabled()) {
        await doIt.click({ timeout: 5000 }).catch(async (error: unknown) => {
          if (await doIt.isEnabled()) throw error; // a frame already in flight completed the step
        });
      }
      await play(page);
      await waitForStep(page, step, true);
      texts.push((await page.getByTestId('tour-status').textContent()) ?? '');
      await page.getByTestId('tour-next').click();
    }
    await page.waitForSelector('[data-testid="tour"][data-state="sandbox"]');
    expect(texts[1]).toMatch(/concurrent/);
    expect(texts[3]).toMatch(/happened before it/);
    expect(texts[4]).toMatch(/no causally later write lost/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a send from the panel appears in the diagram; picking its send and receive shows happens-before', async () => {
    const { page, errors } = await openPage(browser(), '?lab=clocks&seed=4&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await page.getByTestId('send-to').selectOption('n3');
    await page.getByTestId('send-message').click();
    // Paused, the newest event on screen is the send just made.
    const sends = page.locator('[data-testid^="clock-event-"][aria-label*="send on n1"]');
    await expect.poll(() => sends.count()).toBeGreaterThan(0);
    const sendId = ((await sends.last().getAttribute('data-testid')) ?? '').replace('clock-event-', '');
    await play(page);
    const receive = page.locator(`[data-send-id="${sendId}"]`);
    await receive.first().waitFor({ timeout: 20_000 });
    await pause(page);
    await page.getByTestId(`clock-event-${sendId}`).click();
    await receive.first().click();
    const compare = page.getByTestId('clocks-compare');
    await expect.poll(() => compare.getAttribute('data-relation')).toBe('before');
    expect(await compare.textContent()).toMatch(/message to n3/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
