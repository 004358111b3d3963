// CP and AP side by side in Chromium: after a minority partition the CAP run forks into two worlds
// (two extra workers) from the same moment and the same later faults; played in lockstep, the AP
// world's checker flags a stale read while the CP world's history stays linearizable.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, waitForLab, waitForTime, waitSettled } from './fixtures/lab-page';

const browser = useBrowser();

const verdictOf = (mode: string) => `[data-testid="compare"] [data-mode="${mode}"] [data-verdict]`;

describe('compare CP and AP', () => {
  it('forks the run after a partition; AP ends not linearizable while CP stays linearizable', async () => {
    const { page, errors } = await openPage(browser(), '?lab=cap&seed=3&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('cap-panels').waitFor({ timeout: 20_000 });

    // Play a little, then pause with the link on the moment shown.
    await choose(page, 'speed', '4');
    await page.getByTestId('play-pause').click();
    await waitForTime(page, 1000);
    await page.getByTestId('play-pause').click();
    await waitSettled(page);

    await page.getByTestId('partition-minority').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="partition-status"]')?.textContent?.includes('cannot reach a majority'), undefined, { timeout: 10_000 });
    await waitSettled(page);
    const forkMs = Number(await page.getAttribute('[data-testid="app"]', 'data-frame-time'));

    await page.getByTestId('compare-button').click();
    await page.waitForSelector(verdictOf('cp'), { timeout: 20_000 });
    await page.waitForSelector(verdictOf('ap'), { timeout: 20_000 });
    expect(await page.locator('[data-testid="compare"] [data-mode="cp"] h3').textContent()).toBe('CP');
    expect(await page.locator('[data-testid="compare"] [data-mode="ap"] h3').textContent()).toBe('AP');
    expect(await page.locator('[data-testid="compare"] [data-testid="stage"]').count()).toBe(2);
    // Both worlds start where the run stood: the fork is at the frame on screen.
    expect(await page.getByTestId('compare-time').textContent()).toBe(`${Number((forkMs / 1000).toFixed(1))} s`);

    await page.selectOption('[data-testid="compare-speed"]', '16');
    await page.getByTestId('compare-play').click();
    await page.waitForFunction(
      (selectors) => {
        const cp = document.querySelector(selectors.cp)?.getAttribute('data-verdict');
        const ap = document.querySelector(selectors.ap)?.getAttribute('data-verdict');
        if (cp === 'violated') throw new Error('the CP world became non-linearizable');
        return ap === 'violated';
      },
      { cp: verdictOf('cp'), ap: verdictOf('ap') },
      { timeout: 45_000, polling: 50 },
    );
    expect(await page.getAttribute(verdictOf('cp'), 'data-verdict')).toBe('linearizable');
    expect(await page.locator(verdictOf('ap')).textContent()).toContain('Not linearizable');
    // Lockstep: one clock for both worlds, past the fork.
    const time = Number.parseFloat((await page.getByTestId('compare-time').textContent()) ?? '0');
    expect(time * 1000).toBeGreaterThan(forkMs);

    await page.getByTestId('compare-close').click();
    await page.getByTestId('compare').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
