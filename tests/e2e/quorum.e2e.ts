// The quorum lab in Chromium: its seven-step tour run end to end with "Do it for me" (each step
// done on the lab's checker findings or the history), then the sandbox's interactions: the W
// stepper and a switch change the lab's settings, and the staleness plot fills with bars.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

async function setPlaying(page: Page, playing: boolean): Promise<void> {
  const now = ((await page.getByTestId('play-pause').textContent()) ?? '').includes('Pause');
  if (now !== playing) await page.getByTestId('play-pause').click();
}

describe('quorum lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=quorum&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts: string[] = [];
    for (let step = 1; step <= 7; step++) {
      await page.waitForSelector(`[data-testid="tour"][data-step="${step}"]`);
      // Act on a paused run, so each step's actions land at a moment the step was shown.
      await setPlaying(page, false);
      await page.getByTestId('tour-do').click();
      await setPlaying(page, true);
      await page.waitForSelector(`[data-testid="tour"][data-step="${step}"][data-step-done="true"]`, { timeout: 30_000 });
      texts.push((await page.getByTestId('tour-status').textContent()) ?? '');
      await page.getByTestId('tour-next').click();
    }
    await page.waitForSelector('[data-testid="tour"][data-state="sandbox"]');
    expect(texts[0]).toMatch(/with W \+ R ≤ N, the checker found a stale read: c\d read x=/);
    expect(texts[1]).toMatch(/the write y=\d+ timed out/);
    expect(texts[3]).toMatch(/with W \+ R > N, the linearizability checker says: No order/);
    expect(texts[4]).toMatch(/succeeded during the partition, with a stand-in/);
    expect(texts[5]).toMatch(/after the heal, with W \+ R > N: \w+ read [xy]=/);
    expect(texts[6]).toMatch(/silently drops/);
    expect(Number(await page.getByTestId('lost-writes').getAttribute('data-lost'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the W stepper and the read-repair switch change the settings; the plot fills with bars', async () => {
    const { page, errors } = await openPage(browser(), '?lab=quorum&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await page.getByTestId('w-down').click();
    await expect.poll(() => page.getByTestId('count-w').getAttribute('data-value')).toBe('1');
    expect(await page.getByTestId('overlap').getAttribute('data-overlap')).toBe('false');
    await page.getByTestId('switch-readRepair').click();
    await expect.poll(() => page.getByTestId('switch-readRepair').isChecked()).toBe(false);
    await choose(page, 'speed', '16');
    await setPlaying(page, true);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="staleness-bar"]').length >= 3, undefined, { timeout: 30_000 });
    expect(Number(await page.getByTestId('stale-rate').getAttribute('data-reads'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
