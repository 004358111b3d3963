// The trust lab in Chromium: its seven-step tour run end to end with "Do it for me" (each step
// done on the lab's view of engine state or on an invariant's violation), then the side panel by
// keyboard: with MACs on, a tampering router's packets are rejected and no replica holds a value
// no client wrote.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForCount, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('trust lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=trust&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts = await followTour(page, 7, { stepTimeoutMs: 20_000, pauseWhenDone: true });
    expect(texts[0]).toMatch(/\d+ writes acknowledged; \d+ session\(s\) opened by challenge and response/);
    expect(texts[1]).toMatch(/n2 rejected \d+ tampered packet\(s\) with a bad tag/);
    expect(texts[2]).toMatch(/replicas-match-primary: n2 holds x=666\d+ at version \d+/);
    // n2 through the router's replays, or n3 through plain reordering (the step's caveat).
    expect(texts[3]).toMatch(/no-rollback: n[23] went back to version \d+/);
    expect(texts[4]).toMatch(/m1 replayed \d+ old packet\(s\); n2 refused \d+ packet\(s\) as not new and never went back a version/);
    expect(texts[5]).toMatch(/m1 forged \d+ packet\(s\) as n1; n2 rejected every one with a bad tag/);
    expect(texts[6]).toMatch(/m1 dropped \d+ Replicate\(s\); n2 is \d+ versions behind/);
    // The panel agrees: the last settings are the drop attack with both defences on.
    const panel = page.getByTestId('trust-panels');
    expect(await panel.getAttribute('data-attack')).toBe('drop');
    expect(await panel.getAttribute('data-auth')).toBe('mac');
    expect(await panel.getAttribute('data-replay-protection')).toBe('nonce');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('by keyboard: a tampering router is caught by MACs, and n2 holds no value a client did not write', async () => {
    const { page, errors } = await openPage(browser(), '?lab=trust&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await choose(page, 'speed', '16');
    await page.getByTestId('attack-tamper').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('attack-tamper').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('auth-mac').isChecked()).toBe(true);
    await setPlaying(page, true);
    await waitForCount(page, 'trust-counts', 'data-rejected-mac', 5);
    expect(await page.getByTestId('trust-counts').getAttribute('data-accepted-attacks')).toBe('0');
    expect(await page.$eval('[data-testid="replica-n2"]', (row) => row.getAttribute('data-foreign'))).toBe('false');
    expect(await page.$('[data-testid="violation"]')).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
