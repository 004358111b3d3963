// A lab left playing through a lecture keeps the worker's memory bounded: the CAP lab (clients,
// live checkers, checkpoints) plays at full speed while the worker's heap is sampled with the
// standard `performance.measureUserAgentSpecificMemory()` (available to a cross-origin-isolated
// page, so the test serves the app with COOP/COEP headers). The worker's memory is what its
// budgets hold, mostly checkpoints: they pile up to a cap, then every other one is thinned out.
// So the run plays until the checkpoints have been thinned once, and then the heap must be back to
// what as many checkpoints held on the way up: memory that outlives the thinning is a leak. It
// must also stay under 300 MB throughout.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser } from './browser';
import { choose, setPlaying, waitForLab, waitForTime } from './fixtures/lab-page';

const LIMIT_BYTES = 300 * 1024 * 1024;
/** Allowed growth between the two samples compared: the client history window is still filling
 * (under 1 MB by the first thinning). A leak of 10 KB per virtual second, over the half of the run
 * between the two samples, grows past it. */
const SLACK_MB = 5;
const SAMPLE_EVERY_MS = 60_000;
/** Seed 1 thins its checkpoints at about 900 virtual seconds; an hour without it is a failure. */
const GIVE_UP_MS = 3_600_000;

let browser: Browser;
beforeAll(async () => {
  // Measure at once instead of at the next natural collection, and collect first (gc()), so a
  // sample is what the worker holds, not garbage not yet collected.
  browser = await launchBrowser(['--enable-blink-features=ForceEagerMeasureMemory', '--js-flags=--expose-gc']);
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

interface Sample {
  virtualS: number;
  checkpoints: number;
  mb: number;
}

/** On a paused run: collects the worker's garbage, then the bytes its dedicated worker uses, by the
 * browser's own measurement, with the footprint the last frame reported. */
async function sample(page: Page): Promise<Sample> {
  const workers = page.workers();
  expect(workers.length).toBeGreaterThan(0);
  for (const worker of workers) {
    const collected = await worker.evaluate(() => {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      return gc !== undefined;
    });
    expect(collected, 'gc() exposed in the worker').toBe(true);
  }
  const bytes = await page.evaluate(async () => {
    const measure = (performance as unknown as { measureUserAgentSpecificMemory(): Promise<{ breakdown: { bytes: number; attribution: { scope: string }[] }[] }> }).measureUserAgentSpecificMemory;
    const result = await measure.call(performance);
    return result.breakdown.filter((entry) => entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')).reduce((sum, entry) => sum + entry.bytes, 0);
  });
  const app = page.locator('[data-testid="app"]');
  return {
    virtualS: Math.round(Number(await app.getAttribute('data-frame-time')) / 1000),
    checkpoints: Number(await app.getAttribute('data-checkpoints')),
    mb: Math.round(bytes / 1e5) / 10,
  };
}

/** The heap on the way up when it held `checkpoints` checkpoints, between the samples either side. */
function heapOnTheWayUp(rising: Sample[], checkpoints: number): number {
  const after = rising.findIndex((s) => s.checkpoints >= checkpoints);
  if (after <= 0) return rising[Math.max(0, after)].mb;
  const [a, b] = [rising[after - 1], rising[after]];
  return a.mb + ((b.mb - a.mb) * (checkpoints - a.checkpoints)) / (b.checkpoints - a.checkpoints);
}

describe('a long session in Chromium', () => {
  it('the CAP lab plays at full speed past its first checkpoint thinning, and the worker heap comes back down, under 300 MB', async () => {
    const page = await isolatedPage();
    await page.goto(new URL('?lab=cap&seed=1&autoplay=0', baseUrl()).toString());
    await waitForLab(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByTestId('tour-skip').click().catch(() => undefined);
    await choose(page, 'speed', '100');
    const samples: Sample[] = [];
    let thinned = -1;
    while (thinned < 0) {
      // The next sample when the run has moved on by another virtual minute (frames, not sleeps).
      await setPlaying(page, true);
      await waitForTime(page, (samples.at(-1)?.virtualS ?? 0) * 1000 + SAMPLE_EVERY_MS);
      await setPlaying(page, false);
      await page.waitForSelector('[data-testid="play-pause"][data-playing="false"]');
      samples.push(await sample(page));
      if (samples.length > 1 && samples.at(-1)!.checkpoints < samples.at(-2)!.checkpoints) thinned = samples.length - 1;
      else if (samples.at(-1)!.virtualS * 1000 > GIVE_UP_MS) break;
    }
    console.log(`worker heap while playing CAP at 100×: ${samples.map((s) => `${s.virtualS}s:${s.checkpoints}cp:${s.mb}MB`).join(' ')}`);
    expect(thinned, 'the checkpoints were thinned').toBeGreaterThan(1);
    expect(Math.max(...samples.map((s) => s.mb)) * 1e6).toBeLessThan(LIMIT_BYTES);
    const after = samples[thinned];
    const before = heapOnTheWayUp(samples.slice(0, thinned), after.checkpoints);
    expect(after.mb, `${after.checkpoints} checkpoints held ${before.toFixed(1)} MB on the way up`).toBeLessThan(before + SLACK_MB);
    // A request still in flight (the favicon) must not fail its route once the context is gone.
    await page.context().unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  }, 180_000);
});
