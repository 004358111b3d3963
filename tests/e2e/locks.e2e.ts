// The locks lab in Chromium: its six-step tour run end to end with "Do it for me" (each step done
// on the storage's ledger or the mutex checker's verdict), then the sandbox's controls: the
// fencing switch (from the keyboard) and the service radio change the lab's settings, and with
// Redlock every lock node is asked.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, frameTime, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

/** Pauses the run at a frame where a client is at work between its read and its write (where a
 * GC pause or a clock jump does the damage), as a person would wait for one before pressing. */
async function pauseWhileWorking(page: Page): Promise<void> {
  for (let tries = 0; tries < 20; tries++) {
    await setPlaying(page, true);
    await page.waitForSelector('[data-testid="locks-holders"]:not([data-working=""])', { timeout: 10_000 });
    await setPlaying(page, false);
    if ((await page.getByTestId('locks-holders').getAttribute('data-working')) !== '') return;
  }
  throw new Error('no frame with a client at work');
}

/** Presses "Do it for me" at a moment a client is at work, and plays until the step is done. A
 * clock jump is a one-shot: if the holder finishes before anyone else gets the lock, five
 * virtual seconds pass without a double write, and it is pressed again (as a person would). */
async function doStep(page: Page, step: number): Promise<void> {
  for (let presses = 0; presses < 4; presses++) {
    await pauseWhileWorking(page);
    const pressedAt = await frameTime(page);
    await page.getByTestId('tour-do').click();
    await setPlaying(page, true);
    const outcome = await page.waitForFunction(
      ([n, untilMs]) => {
        if (document.querySelector(`[data-testid="tour"][data-step="${n}"][data-step-done="true"]`)) return 'done';
        const time = Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time'));
        return time >= untilMs ? 'missed' : false;
      },
      [step, pressedAt + 5000] as const,
      { timeout: 20_000 },
    );
    if ((await outcome.jsonValue()) === 'done') return;
  }
  throw new Error(`step ${step} never done after four presses`);
}

describe('locks lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=locks&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '16');
    const texts = await followTour(page, 6, { doStep: (step) => doStep(page, step) });
    expect(texts[0]).toMatch(/the storage took c\d's write of \d+ \(token \d+\) after c\d's section \(token \d+\) had begun/);
    expect(texts[1]).toMatch(/the storage rejected c\d's (read|write) with token \d+: it had already seen token \d+/);
    expect(texts[2]).toMatch(/with Redlock, the storage took/);
    expect(texts[3]).toMatch(/after a clock jump, with no pause: the storage took/);
    expect(texts[4]).toMatch(/with Redlock's stand-in tokens, the storage rejected/);
    expect(texts[5]).toMatch(/the mutex checker found the lock service linearizable over \d+ grants and releases/);
    expect(Number(await page.getByTestId('double-writes').getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await page.getByTestId('mutex-verdict').getAttribute('data-verdict')).toBe('true');
    // The jumped lock nodes' clocks read ahead of true time in the leases table; any other is on
    // time. (A step pressed more than once jumps another majority, so every node may be ahead.)
    const clocks = await page.locator('[data-testid^="clock-n"]').allTextContents();
    expect(clocks.filter((text) => /^\d+ ms ahead$/.test(text.trim())).length).toBeGreaterThan(0);
    expect(clocks.filter((text) => !/^(\d+ ms ahead|on time)$/.test(text.trim()))).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('the fencing switch (from the keyboard) and the service radio change the settings', async () => {
    const { page, errors } = await openPage(browser(), '?lab=locks&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    expect(await page.getByTestId('switch-fencing').isChecked()).toBe(true);
    await page.getByTestId('switch-fencing').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('switch-fencing').isChecked()).toBe(false);
    await page.getByTestId('service-redlock').click();
    await expect.poll(() => page.getByTestId('service-redlock').isChecked()).toBe(true);
    await page.getByTestId('leaseMs-up').click();
    await expect.poll(() => page.getByTestId('setting-leaseMs').getAttribute('data-value')).toBe('600');
    await choose(page, 'speed', '16');
    await setPlaying(page, true);
    // With Redlock every lock node is asked: a lease shows up on n5, which one lock node never uses.
    await page.waitForSelector('[data-testid="lease-n5"]:not([data-client=""])', { timeout: 15_000 });
    // The holder's write reaches storage a round trip after its lease: the frame that first shows
    // the lease may come before it (this sampled the counter once, and lost that race under load).
    await expect.poll(async () => Number(await page.getByTestId('counter').getAttribute('data-applied')), { timeout: 15_000 }).toBeGreaterThan(0);
    // No clock was jumped in this run: the leases table says every lock node's clock is on time.
    const clocks = await page.locator('[data-testid^="clock-n"]').allTextContents();
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.map((text) => text.trim()).filter((text) => text !== 'on time')).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 30_000);
});
