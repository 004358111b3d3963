// The messaging lab in Chromium: its eleven-step tour run end to end with "Do it for me" (each
// step done on the checkers' findings in the lab's frame data), ending in the sandbox; then the
// side panel's mode switch turns the broker into a stream (a partition table with owners and
// lag appears) and the lab's three charts draw.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('messaging lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=messaging&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '16');
    const texts = await followTour(page, 11);
    expect(texts[0]).toMatch(/redelivered, and applied twice: m\d+'s effect applied \d times/);
    expect(texts[1]).toMatch(/the store skipped \d+ redelivered message/);
    expect(texts[2]).toMatch(/dead-lettered after 3 failed receives/);
    expect(texts[5]).toMatch(/m\d+ was never applied, and nothing holds it any more: lost/);
    expect(texts[7]).toMatch(/rebuilt from offset 0: \d+ events replayed in \d+ ms/);
    expect(texts[8]).toMatch(/rebuilt from the snapshot: \d+ events replayed/);
    expect(texts[10]).toMatch(/the broker holds \d+ message\(s\) for n2 while it is down/);
    // The last step left the subscriber down with its durable backlog held by the broker.
    expect(await page.getByTestId('switch-durable').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the mode switch makes a stream with owned partitions and lag, and the charts draw', async () => {
    const { page, errors } = await openPage(browser(), '?lab=messaging&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await page.getByTestId('messaging-mode').selectOption('stream');
    await page.waitForSelector('[data-testid="messaging-controls"][data-mode="stream"]');
    await choose(page, 'speed', '16');
    await setPlaying(page, true);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="partitions"] tbody tr td:nth-child(2)')].filter((cell) => /^n\d$/.test(cell.textContent ?? '')).length === 3, undefined, { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="metric-chart"]').length === 3, undefined, { timeout: 20_000 });
    const charts = await page.$$eval('[data-testid="metric-chart"]', (nodes) => nodes.map((node) => node.getAttribute('data-chart')));
    expect(charts).toEqual(['flow', 'backlog', 'effects']);
    // The redrive button only lights up with something in the dead-letter queue (both read at one
    // moment: the run is still playing, and the queue may fill between two reads).
    const redrive = await page.evaluate(() => ({
      disabled: (document.querySelector('[data-testid="redrive"]') as HTMLButtonElement).disabled,
      queued: Number(document.querySelector('[data-testid="dlq"]')?.getAttribute('data-size')),
    }));
    expect(redrive.disabled).toBe(redrive.queued === 0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
