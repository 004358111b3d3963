// The transactions lab in Chromium: its seven-step tour run end to end with "Do it for me" (each
// step done on the lab's view of engine state or on the money-conserved violation), then the side
// panel's key interaction: switching to a saga and refusing more often makes readers see
// half-done transfers and compensations run, while 2PC's readers never do.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForCount, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('transactions lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=transactions&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    // Paused once each step is done: the slow commit record keeps the locks there for the crash.
    const texts = await followTour(page, 7, { stepTimeoutMs: 20_000, pauseWhenDone: true });
    expect(texts[0]).toMatch(/transfer\(s\) committed at every participant/);
    expect(texts[1]).toMatch(/voted yes on tx \d+ and wait, locked, while n1 writes its decision/);
    expect(texts[2]).toMatch(/n1 is down: .* in doubt for \d+\.\d s, holding/);
    expect(texts[3]).toMatch(/n1's log held tx \d+ with no decision, so it aborts it and tells every participant \(presumed abort\)/);
    expect(texts[4]).toMatch(/r\d read a total of \d+, not 300 \(n2=\d+, n3=\d+, n4=\d+\): a transfer half done/);
    expect(texts[5]).toMatch(/\d+ transfer\(s\) compensated/);
    expect(texts[6]).toMatch(/money-conserved: no transfer in progress, yet the balances add up to \d+, not 300/);
    // The panels agree with the stage: the violation is shown, and the money no longer adds up.
    await page.getByTestId('violation').waitFor();
    expect(await page.getByTestId('money').getAttribute('data-total')).not.toBe('300');
    expect(Number(await page.getByTestId('anomalies').getAttribute('data-count'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('2PC readers are refused by locks and never see a half-done transfer; a saga shows them and compensates', async () => {
    const { page, errors } = await openPage(browser(), '?lab=transactions&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await choose(page, 'speed', '16');
    await page.getByTestId('start-transfer').click();
    await setPlaying(page, true);
    await waitForCount(page, 'tx-counts', 'data-committed', 3);
    await waitForCount(page, 'reads', 'data-blocked', 1);
    expect(await page.getByTestId('anomalies').getAttribute('data-count')).toBe('0');
    // Switch by keyboard: focus the saga button and press Enter; then refuse more often.
    await page.getByTestId('protocol-saga').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('protocol-saga').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('fail-up').click();
    await page.getByTestId('fail-up').click();
    await expect.poll(() => page.getByTestId('fail-percent').getAttribute('data-value')).toBe('30');
    await waitForCount(page, 'anomalies', 'data-count', 1);
    await waitForCount(page, 'tx-counts', 'data-compensated', 1);
    await page.getByTestId('anomaly-sentence').waitFor();
    expect(await page.getByTestId('money').getAttribute('data-opening')).toBe('300');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
