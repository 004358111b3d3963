// The overload lab in Chromium: its five-step tour run end to end with "Do it for me" (each step
// done on the worker's live phase), then the sandbox: the scheduled slowdown leaves the service
// collapsed, the live charts show it, a retry budget chosen in the side panel brings it back, and
// the load stepper answers the keyboard.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

const phase = (page: Page, name: string) => page.waitForSelector(`[data-testid="overload-phase"][data-phase="${name}"]`, { timeout: 20_000 });

describe('overload lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=overload&seed=1&autoplay=0');
    await waitForLab(page);
    // 16× keeps each step's few virtual seconds short while the worker keeps up with playback.
    await choose(page, 'speed', '16');
    const texts = await followTour(page, 5);
    expect(texts[0]).toMatch(/the slowdown ended at \d+\.\d s, .*goodput \d+\/s \(\d+% of capacity\).*: metastable/);
    expect(texts[1]).toMatch(/with backoff and jitter, .*still collapsed/);
    expect(texts[2]).toMatch(/with a retry budget of 0\.1, .*recovered/);
    expect(texts[3]).toMatch(/the servers refused \d+ requests since the switch; .*recovered/);
    expect(texts[4]).toMatch(/open breakers failed [1-9]\d* requests without sending them/);
    expect(await page.getByTestId('control-breaker').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the slowdown leaves it collapsed on the live charts; a retry budget from the panel brings it back; the load stepper takes the keyboard', async () => {
    const { page, errors } = await openPage(browser(), '?lab=overload&seed=3&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await choose(page, 'speed', '16');
    await setPlaying(page, true);
    await phase(page, 'metastable');
    await setPlaying(page, false);

    // The live charts are drawn from the engine's metrics, one point per virtual second.
    const charts = page.locator('[data-testid="metric-chart"]');
    expect(await charts.count()).toBe(4);
    const throughput = page.locator('[data-testid="metric-chart"][data-chart="throughput"]');
    expect(Number(await throughput.getAttribute('data-points'))).toBeGreaterThanOrEqual(5);
    for (const series of ['capacity', 'offered (all attempts)', 'goodput', 'wasted work']) {
      expect(await throughput.locator(`path[data-series="${series}"]`).getAttribute('d')).toMatch(/^M/);
    }
    // Over the last two complete seconds: offered load far above capacity, goodput near zero.
    const live = page.getByTestId('overload-live');
    expect(Number(await live.getAttribute('data-offered'))).toBeGreaterThan(1.5);
    expect(Number(await live.getAttribute('data-goodput'))).toBeLessThan(0.2);
    // The trigger window, in the panel (the strip shades it while it is within its last 30 s).
    expect(await page.locator('[data-testid="slowdown"][data-from="2000"][data-to="4000"]').count()).toBe(1);
    expect(Number(await page.getByTestId('goodput-strip').getAttribute('data-bars'))).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('overload-totals').getAttribute('data-wasted'))).toBeGreaterThan(100);

    await page.getByTestId('control-budget').selectOption('0.1');
    await expect.poll(() => page.getByTestId('control-budget').inputValue()).toBe('0.1');
    await setPlaying(page, true);
    await phase(page, 'healthy');
    expect(Number(await page.getByTestId('overload-live').getAttribute('data-goodput'))).toBeGreaterThan(0.7);

    await page.getByTestId('load-down').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('load').getAttribute('data-value')).toBe('0.8');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
