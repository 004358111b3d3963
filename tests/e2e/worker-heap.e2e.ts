// A lab left playing through a lecture keeps the worker's memory bounded: the CAP lab (clients,
// live checkers, checkpoints) plays at full speed for 90 s while the worker's heap is sampled with
// the standard `performance.measureUserAgentSpecificMemory()` — available to a cross-origin-isolated
// page, so the test serves the app with COOP/COEP headers — and must stay under 300 MB.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './browser';
import { choose, frameTime, waitForLab } from './fixtures/lab-page';

const PLAY_MS = Number(process.env.HEAP_TEST_MS ?? 90_000);
const LIMIT_BYTES = 300 * 1024 * 1024;

let browser: Browser;
beforeAll(async () => {
  // Measure at once instead of at the next natural collection.
  browser = await launchBrowser(['--enable-blink-features=ForceEagerMeasureMemory']);
});
afterAll(async () => {
  await browser?.close();
});

async function isolatedPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route(`${baseUrl()}**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
  });
  return context.newPage();
}

/** Bytes the page's dedicated workers use, by the browser's own measurement. */
async function workerBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const measure = (performance as unknown as { measureUserAgentSpecificMemory(): Promise<{ breakdown: { bytes: number; attribution: { scope: string }[] }[] }> }).measureUserAgentSpecificMemory;
    const result = await measure.call(performance);
    return result.breakdown.filter((entry) => entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')).reduce((sum, entry) => sum + entry.bytes, 0);
  });
}

describe('a long session in Chromium', () => {
  it(`the CAP lab plays at full speed for ${PLAY_MS / 1000} s with the worker heap under 300 MB`, async () => {
    const page = await isolatedPage();
    await page.goto(new URL('?lab=cap&seed=1&autoplay=0', baseUrl()).toString());
    await waitForLab(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByTestId('tour-skip').click().catch(() => undefined);
    await choose(page, 'speed', '100');
    await page.getByTestId('play-pause').click();
    const samples: { virtualS: number; mb: number }[] = [];
    const started = Date.now();
    while (Date.now() - started < PLAY_MS) {
      // The next sample when the run has moved on by another virtual minute (frames, not sleeps).
      const last = await frameTime(page);
      await page.waitForFunction(
        (min) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) >= min,
        last + 60_000,
        { timeout: 30_000 },
      );
      samples.push({ virtualS: Math.round((await frameTime(page)) / 1000), mb: Math.round((await workerBytes(page)) / 1e5) / 10 });
    }
    console.log(`worker heap while playing CAP at 100×: ${samples.map((s) => `${s.virtualS}s:${s.mb}MB`).join(' ')}`);
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...samples.map((s) => s.mb)) * 1e6).toBeLessThan(LIMIT_BYTES);
    await page.context().close();
  }, PLAY_MS + 90_000);
});
