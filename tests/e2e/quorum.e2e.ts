// The quorum lab in Chromium: its seven-step tour run end to end with "Do it for me" (each step
// done on the lab's checker findings or the history), then the sandbox's interactions: the W
// stepper and a switch change the lab's settings, and the staleness plot fills with bars.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('quorum lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=quorum&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts = await followTour(page, 7);
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
