// The sharding lab in Chromium: its six-step tour run end to end with "Do it for me" (each step
// done on the lab's live figures from the worker), then the side panel's key interaction by
// keyboard: a hot key makes one shard's bar the busiest, salting spreads it and makes hot-key
// reads fan out, and repartitioning by hash moves keys while no request is lost.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

/** Waits until a numeric data attribute satisfies `test` (a function predicate: the CSP forbids string ones). */
async function waitForAttr(page: Page, testId: string, attribute: string, op: 'ge' | 'le' | 'eq', bound: number): Promise<void> {
  await page.waitForFunction(
    ([id, name, how, value]) => {
      const raw = document.querySelector(`[data-testid="${id}"]`)?.getAttribute(name as string);
      if (raw === null || raw === undefined || raw === '') return false;
      const x = Number(raw);
      return how === 'ge' ? x >= (value as number) : how === 'le' ? x <= (value as number) : x === value;
    },
    [testId, attribute, op, bound] as const,
    { timeout: 20_000 },
  );
}

describe('sharding lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=sharding&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '100');
    const texts = await followTour(page, 6, { pauseWhenDone: true });
    expect(texts[0]).toMatch(/under range partitioning \d+ scans touched 1\.\d+ shards each/);
    expect(texts[1]).toMatch(/k\d+ on n\d: the busiest shard served \d+ req\/s/);
    expect(texts[2]).toMatch(/salted into 4 .*each hot-key read touched [2-4]\.\d+ shards/);
    expect(texts[3]).toMatch(/owns the last range \[k\d+, ∞\)/);
    expect(texts[4]).toMatch(/is again the hottest/);
    expect(texts[5]).toMatch(/[1-9]\d* keys moved; .*each scan touched [34]\.\d+ shards/);
    // The panels agree: hash partitioning now, keys moved, nothing lost.
    expect(await page.getByTestId('shard-map').getAttribute('data-scheme')).toBe('hash');
    expect(Number(await page.getByTestId('sharding-figures').getAttribute('data-moved'))).toBeGreaterThan(0);
    expect(await page.getByTestId('sharding-figures').getAttribute('data-lost')).toBe('0');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('a hot key overloads one shard; salting by keyboard spreads it and makes reads fan out; repartitioning loses nothing', async () => {
    const { page, errors } = await openPage(browser(), '?lab=sharding&seed=3&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await choose(page, 'speed', '100');
    // Five presses of "hot key up" by keyboard: 50% of requests on the hot key.
    await page.getByTestId('hotShare-up').focus();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Enter');
      await waitForAttr(page, 'control-hotShare', 'data-value', 'eq', (i + 1) * 10);
    }
    await setPlaying(page, true);
    await waitForAttr(page, 'sharding-figures', 'data-max-over-mean', 'ge', 1.8);
    expect(Number(await page.getByTestId('sharding-figures').getAttribute('data-hot-read-shards'))).toBeLessThanOrEqual(1);
    // Salt into 4 sub-keys: hot-key reads now visit several shards.
    await page.getByTestId('salt-up').focus();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Enter');
      await waitForAttr(page, 'control-salt', 'data-value', 'eq', i + 2);
    }
    await waitForAttr(page, 'sharding-figures', 'data-hot-read-shards', 'ge', 2.5);
    // Repartition by hash: keys move in real messages, requests in flight are redirected, none lost.
    const versionBefore = Number(await page.getByTestId('shard-map').getAttribute('data-version'));
    const movedBefore = Number(await page.getByTestId('sharding-figures').getAttribute('data-moved'));
    await page.getByTestId('repartition').click();
    await page.waitForSelector('[data-testid="shard-map"][data-scheme="hash"][data-migrating="false"]', { timeout: 20_000 });
    expect(Number(await page.getByTestId('shard-map').getAttribute('data-version'))).toBe(versionBefore + 1);
    await waitForAttr(page, 'sharding-figures', 'data-moved', 'ge', movedBefore + 100);
    expect(await page.getByTestId('sharding-figures').getAttribute('data-lost')).toBe('0');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
