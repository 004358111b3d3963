// The caching lab in Chromium: its eight-step tour run end to end with "Do it for me" (each step
// done on the worker's checks of engine state), then the side panel's key interaction: TTL-only
// invalidation chosen from the panel makes the clients' history show stale reads and
// read-your-writes violations, and the leases switch answers the keyboard.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForCount } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

async function waitForCaching(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="node-app1"]', { timeout: 20_000 });
  await page.waitForSelector('[data-testid="caching-panels"]', { timeout: 20_000 });
}

describe('caching lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=caching&seed=1&autoplay=0');
    await waitForCaching(page);
    await choose(page, 'speed', '16');
    const texts = await followTour(page, 8, { pauseWhenDone: true });
    expect(texts[0]).toMatch(/the cache answered \d+ lookups and missed \d+; app servers filled it \d+ times/);
    expect(texts[1]).toMatch(/\d+ stale reads of \d+ \(the longest \d+ ms after the write\), \d+ read-your-writes violation/);
    expect(texts[2]).toMatch(/the cache still held \w+=\d+ \(v\d+\) while the database held \w+=\d+ \(v\d+\)/);
    expect(texts[3]).toMatch(/the cache refused \d+ fill\(s\) whose lease a delete had voided, and no key is stale/);
    expect(texts[4]).toMatch(/[3-9]\d* reads of one key reached the database at once/);
    expect(texts[5]).toMatch(/never more than 1 read of a key at the database at once/);
    expect(texts[6]).toMatch(/the cache holds \d+ acknowledged write\(s\) the database does not have yet/);
    expect(texts[7]).toMatch(/Step done: [1-9]\d* acknowledged write\(s\) died with the cache’s memory/);
    // The panels agree: the lost writes are counted, and the cache is shown down.
    expect(Number(await page.getByTestId('lost-writes').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.getByTestId('cache-down').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('TTL-only invalidation from the panel shows stale reads; leases switch by keyboard', async () => {
    const { page, errors } = await openPage(browser(), '?lab=caching&seed=2&autoplay=0');
    await waitForCaching(page);
    await page.getByTestId('tour-skip').click();
    await choose(page, 'speed', '16');
    expect(await page.getByTestId('stale-reads').getAttribute('data-count')).toBe('0');
    await page.getByTestId('control-invalidation').selectOption('none');
    await page.getByTestId('control-ttl').selectOption('3000');
    await expect.poll(() => page.getByTestId('control-ttl').inputValue()).toBe('3000');
    await setPlaying(page, true);
    await waitForCount(page, 'stale-reads', 'data-count', 1);
    await waitForCount(page, 'sessions', 'data-ryw', 1);
    await page.getByTestId('finding').first().waitFor();
    // Keyboard: focus the leases switch and press Space; the frame's settings follow.
    await page.getByTestId('control-leases').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('control-leases').isChecked()).toBe(true);
    await page.getByTestId('control-invalidation').selectOption('delete');
    await expect.poll(() => page.getByTestId('control-invalidation').inputValue()).toBe('delete');
    // A fresh window: the stale-read count starts again from the change.
    await expect.poll(async () => Number(await page.getByTestId('stale-reads').getAttribute('data-count')), { timeout: 10_000 }).toBeLessThan(5);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
