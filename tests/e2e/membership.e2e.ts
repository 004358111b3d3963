// The membership lab in Chromium: its six-step tour run end to end with "Do it for me" (each step
// done on the lab's detection timelines, checker judgements, refutations or load), then the key
// interaction on 64 members at full speed: crash a member from the side panel and watch every
// other member come to know it is dead.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { fastSpeed, frameTime, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('membership lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=membership&seed=1&autoplay=0');
    await waitForLab(page);
    await fastSpeed(page);
    const texts = await followTour(page, 6, { stepTimeoutMs: 20_000 });
    expect(texts[0]).toMatch(/n\d+ crashed at [\d.]+ s: first suspected after [\d.]+ periods/);
    expect(texts[1]).toMatch(/refuted at incarnation \d+/);
    expect(texts[2]).toMatch(/a false positive/);
    expect(texts[3]).toMatch(/declared n\d+ dead/);
    expect(texts[5]).toMatch(/15 per 300 ms period/);
    expect(Number(await page.getByTestId('false-positives').getAttribute('data-false'))).toBeGreaterThan(0);
    expect(await page.getByTestId('detector').inputValue()).toBe('heartbeat');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('64 members at full speed: crash one from the panel and every other member learns it is dead', async () => {
    const { page, errors } = await openPage(browser(), '?lab=membership&nodes=64&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await page.getByTestId('member-select').selectOption('n40');
    await page.getByTestId('crash-member').click();
    await page.waitForSelector('[data-testid="presence-n40"][data-up="false"]');
    expect(await page.getByTestId('presence-n40').getAttribute('data-presence')).toBe('online');
    const before = await frameTime(page);
    await fastSpeed(page);
    await setPlaying(page, true);
    await page.waitForSelector('[data-testid="crash-timeline"][data-node="n40"][data-all-know="true"]', { timeout: 20_000 });
    expect(await page.getByTestId('presence-n40').getAttribute('data-presence')).toBe('offline');
    expect(await page.getByTestId('crash-timeline').getAttribute('data-known-by')).toBe('63');
    expect(await frameTime(page)).toBeGreaterThan(before);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 40_000);
});
