// The breaker lab in Chromium: its seven-step tour run end to end with "Do it for me" (each step
// done on the breaker's own records and the run's counts), the live statechart and the charts;
// then the sandbox's controls: B set failing from the side panel trips its breaker (the arrow's
// cause is the breaker's), and the bulkhead switch and the timeout menu, by keyboard, change the
// client's settings.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('breaker lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me", drawing the statechart and the charts, and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=breaker&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts = await followTour(page, 7, {
      stepTimeoutMs: 15_000,
      pauseWhenDone: true,
      whenDone: async (step) => {
        if (step === 3) {
          // The statechart drew the trip: B lit OPEN (or already probing), arrow 1 with its cause.
          expect(await page.getByTestId('edge-B-CLOSED-OPEN').getAttribute('data-times')).not.toBe('0');
          expect(await page.getByTestId('cause-B-CLOSED-OPEN').textContent()).toMatch(/rate \d+% ≥ 50%/);
        }
        if (step === 5) {
          // Every transition of the breaker's cycle is on its arrows, the last one lit, B CLOSED again.
          for (const edge of ['CLOSED-OPEN', 'OPEN-HALF_OPEN', 'HALF_OPEN-OPEN', 'HALF_OPEN-CLOSED']) {
            expect(Number(await page.getByTestId(`edge-B-${edge}`).getAttribute('data-times')), edge).toBeGreaterThan(0);
          }
          expect(await page.getByTestId('edge-B-HALF_OPEN-CLOSED').getAttribute('data-last')).toBe('true');
          expect(await page.getByTestId('state-B-CLOSED').getAttribute('data-active')).toBe('true');
        }
      },
    });
    expect(texts[0]).toMatch(/\d+ calls to healthy A were refused a slot while B’s slow calls held the shared pool/);
    expect(texts[1]).toMatch(/B’s bulkhead refused \d+ calls while A answered \d+/);
    expect(texts[2]).toMatch(/B’s breaker opened \((failure|slow-call) rate \d+% ≥ 50%.*\); then \d+ calls to B failed fast/);
    expect(texts[3]).toMatch(/opened again: trial calls: failure rate 100% ≥ 50%/);
    // Usually every trial call succeeds; one may still fail if it went out just before the fix landed.
    expect(texts[4]).toMatch(/B’s breaker closed: trial calls: failure rate \d+% < 50%/);
    expect(texts[5]).toMatch(/\d+ slow successes, p99 \d{4} ms/);
    expect(texts[6]).toMatch(/A is healthy, yet \d+ of its calls ran into the 25 ms timeout/);
    // Steps 6 and 7 take the breaker away: the statechart says so.
    expect(await page.getByTestId('statechart-B').getAttribute('data-state')).toBe('OFF');
    // The charts draw from the engine's metrics.
    for (const chart of ['calls-A', 'calls-B', 'success', 'latency', 'slots', 'breaker-state']) {
      expect(Number(await page.locator(`[data-testid="metric-chart"][data-chart="${chart}"]`).getAttribute('data-points')), chart).toBeGreaterThan(3);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('B set failing from the panel trips its breaker; the bulkhead switch and the timeout menu (by keyboard) change the settings', async () => {
    const { page, errors } = await openPage(browser(), '?lab=breaker&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    expect(await page.getByTestId('statechart-B').getAttribute('data-state')).toBe('CLOSED');
    await page.getByTestId('mode-B-failing').click();
    await page.waitForSelector('[data-testid="mode-B"][data-mode="failing"]');
    expect(await page.getByTestId('mode-B-failing').getAttribute('aria-pressed')).toBe('true');
    await choose(page, 'speed', '4');
    await setPlaying(page, true);
    await page.waitForSelector('[data-testid="statechart-B"][data-last="CLOSED>OPEN"]', { timeout: 15_000 });
    expect(await page.getByTestId('cause-B-CLOSED-OPEN').textContent()).toMatch(/failure rate \d+% ≥ 50% over the last \d+ calls/);
    expect(await page.getByTestId('statechart-A').getAttribute('data-state')).toBe('CLOSED');
    await setPlaying(page, false);

    await page.getByTestId('switch-bulkheads').focus();
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="pools"][data-shared="true"]');
    expect(await page.getByTestId('switch-bulkheads').isChecked()).toBe(false);

    await page.getByTestId('timeout').focus();
    await page.keyboard.press('ArrowDown'); // 1000 ms → 2000 ms
    await page.waitForSelector('[data-testid="timeout"][data-value="2000"]');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
