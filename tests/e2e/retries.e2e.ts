// The retries lab in Chromium: its eight-step tour run end to end with "Do it for me" (each step
// done on the worker's view of the engine: rounds, ledger, client counts, experiment figures), then
// the sandbox: the policy select answers the keyboard, the rounds table follows the new policy, the
// live charts draw from the engine's metrics, and the strategy chart shows the experiment's figures.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('retries lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=retries&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '100');
    const texts = await followTour(page, 8);
    expect(texts[0]).toMatch(/with immediate, 10 orders took \d+ conditional writes/);
    expect(texts[1]).toMatch(/with exponential, 10 orders took \d+ conditional writes/);
    expect(texts[2]).toMatch(/with full-jitter, 10 orders took \d+ conditional writes/);
    expect(texts[3]).toMatch(/with 50 clients: none \d+ calls .* full-jitter \d+ calls/);
    expect(texts[4]).toMatch(/c\d+#\d+ was charged 2 times for one order/);
    expect(texts[5]).toMatch(/retried writes? found their key charged already, and nothing was charged twice/);
    expect(texts[6]).toMatch(/the budget refused \d+ retries/);
    expect(texts[7]).toMatch(/the service refused \d+ writes whose deadline had passed/);
    expect(Number(await page.getByTestId('duplicates').getAttribute('data-duplicates'))).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('expired').getAttribute('data-count'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the policy select takes the keyboard, rounds follow it, and the charts draw from the engine', async () => {
    const { page, errors } = await openPage(browser(), '?lab=retries&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    // The experiment's figures for the ten clients on stage, from trials the worker ran.
    await page.waitForSelector('[data-testid="strategy-chart"][data-clients="10"]');
    const calls = async (strategy: string) => Number(await page.getAttribute(`[data-testid="strategy-bar"][data-figure="meanCalls"][data-strategy="${strategy}"]`, 'data-value'));
    expect(await calls('full-jitter')).toBeLessThan(await calls('none'));
    // Keyboard: from full jitter, three steps up the policy list is "retry at once".
    const policy = page.getByTestId('policy');
    await policy.focus();
    for (const expected of ['exponential', 'fixed', 'immediate']) {
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => policy.inputValue()).toBe(expected);
    }
    await page.waitForSelector('[data-testid="setting-clients"][data-value="10"]');
    await expect.poll(() => policy.inputValue()).toBe('immediate');
    await choose(page, 'speed', '16');
    await setPlaying(page, true);
    await page.waitForSelector('[data-testid="round"][data-policy="immediate"][data-finished="true"]', { timeout: 20_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-chart"][data-chart="calls"]')?.getAttribute('data-points')) >= 3, undefined, { timeout: 20_000 });
    await setPlaying(page, false);
    expect(await page.locator('[data-testid="metric-chart"]').count()).toBe(3);
    expect(Number(await page.getByTestId('client-counts').getAttribute('data-retries'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
