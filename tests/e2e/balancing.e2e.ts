// The balancing lab in Chromium: its seven-step tour run end to end with "Do it for me" (each step
// done on the lab's view of the engine: queues, latency, the herd measure, ejections and the
// detection check), then the sandbox's key interactions: switching the policy and slowing a
// server down change the run, as the lab's panels report from the engine.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('balancing lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=balancing&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '100');
    const texts = await followTour(page, 7, {
      describe: async () => {
        const policy = await page.getAttribute('[data-testid="policy"]', 'data-value');
        const herd = await page.getAttribute('[data-testid="herd"]', 'data-share');
        return `policy ${policy}, herd ${herd}, errors ${JSON.stringify(errors)}`;
      },
    });
    expect(texts[0]).toMatch(/n1 \(4× slower\) holds \d+ requests while the others hold at most \d+/);
    expect(texts[2]).toMatch(/in second \d+, n\d+ got \d+% of all \d+ requests/);
    expect(texts[3]).toMatch(/with two choices the busiest server got at most \d+% of a second’s requests .* the longest queue is \d+/);
    expect(texts[4]).toMatch(/n\d+ crashed; ejected by lb1 after [\d.]+ s, lb2 after [\d.]+ s .* \d+ requests sent to it before were lost/);
    expect(texts[5]).toMatch(/longer than its health checks promise/);
    expect(texts[6]).toMatch(/ejected as an outlier by lb1/);
    expect(Number(await page.getByTestId('detection').getAttribute('data-violations'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('switching the policy and slowing a server down change the run', async () => {
    const { page, errors } = await openPage(browser(), '?lab=balancing&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await page.selectOption('[data-testid="policy"]', 'two-choices');
    await page.waitForSelector('[data-testid="policy"][data-value="two-choices"]');
    await page.getByTestId('slower-n2').click();
    await page.waitForSelector('[data-testid="server-row-n2"][data-factor="2"]');
    // Keyboard: the next server's "slower" button by Enter.
    await page.getByTestId('slower-n3').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="server-row-n3"][data-factor="2"]');
    await page.getByTestId('fail-n4').check();
    await page.waitForSelector('[data-testid="server-row-n4"][data-failing="true"]');
    await choose(page, 'speed', '100');
    await setPlaying(page, true);
    // Deep health checks eject the failing server in every balancer; the herd measure and the
    // queue strip fill from the engine's metrics.
    await page.waitForSelector('[data-testid="server-row-n4"][data-ejected-by="lb1,lb2"]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid="herd"]', { timeout: 20_000 });
    expect(Number(await page.getByTestId('queue-strip').getAttribute('data-seconds'))).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('server-row-n4').getAttribute('data-failed-there'))).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('detection').getAttribute('data-violations'))).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
