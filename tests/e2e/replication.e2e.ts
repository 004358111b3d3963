// The replication lab in Chromium: its tour run end to end with "Do it for me" (async loses a
// write, semi-sync does not, follower reads break a session, sync stalls, split brain without
// fencing, none with it), and each side-panel control acting on the run.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

const stepDone = (step: number) => `[data-testid="tour"][data-state="touring"][data-step="${step}"][data-step-done="true"]`;

/** Plays until the step is done, pressing Play again when playback pauses (a violation pauses it). */
async function playUntilDone(page: Page, step: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.$(stepDone(step)))) {
    if (Date.now() > deadline) throw new Error(`tour step ${step} not done within ${timeoutMs} ms`);
    if ((await page.getAttribute('[data-testid="play-pause"]', 'data-playing')) !== 'true') {
      await page.click('[data-testid="play-pause"]');
      await page.waitForSelector('[data-testid="play-pause"][data-playing="true"]');
    }
    await page.waitForSelector(`${stepDone(step)}, [data-testid="play-pause"][data-playing="false"]`, { timeout: Math.max(1, deadline - Date.now()) }).catch(async (error: Error) => {
      const time = await page.getAttribute('[data-testid="app"]', 'data-frame-time');
      throw new Error(`tour step ${step} not done at ${time} ms: ${error.message}`);
    });
  }
}

async function checked(page: Page, testId: string, value: boolean): Promise<void> {
  await page.waitForFunction(([id, want]) => (document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement | null)?.checked === want, [testId, value] as const, { timeout: 10_000 });
}

describe('replication lab', () => {
  it('runs its tour end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=replication&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '16');
    const expected = [/acknowledged, then lost/, /no acknowledged write was lost/, /read-your-writes|monotonic-reads/, /writes time out/, /two primaries accept writes/, /no older primary accepted a write/];
    await followTour(page, expected.length, {
      doStep: async (step) => {
        await page.waitForSelector(`[data-testid="tour"][data-step="${step}"][data-step-done="false"]`, { timeout: 20_000 });
        await page.getByTestId('tour-do').click();
        await playUntilDone(page, step, 20_000);
      },
      whenDone: (step, status) => expect(status).toMatch(expected[step - 1]),
    });
    expect(Number(await page.getAttribute('[data-testid="lost-writes"]', 'data-count'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('side-panel controls switch the mode, reads and fencing, cut the primary off, promote and heal', async () => {
    const { page, errors } = await openPage(browser(), '?lab=replication&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('replication-panels').waitFor();
    for (const mode of ['sync', 'semi-sync', 'async']) {
      await page.getByTestId(`mode-${mode}`).click({ force: true });
      await checked(page, `mode-${mode}`, true);
    }
    await page.getByTestId('reads-followers').click({ force: true });
    await checked(page, 'reads-followers', true);
    await page.getByTestId('fencing-switch').click();
    await checked(page, 'fencing-switch', false);
    await page.getByTestId('fencing-switch').click();
    await checked(page, 'fencing-switch', true);

    // Cut n1 off, promote the most up-to-date follower, and play until it is primary of epoch 2+.
    await page.getByTestId('isolate-primary').click();
    const best = ((await page.getByTestId('promote').textContent()) ?? '').replace('Promote', '').trim();
    await page.getByTestId('promote').click();
    await page.waitForFunction((id) => (document.querySelector('[data-testid="event-log"]')?.textContent ?? '').includes(`operator promotes ${id}`), best, { timeout: 10_000 });
    await choose(page, 'speed', '4');
    await page.click('[data-testid="play-pause"]');
    await page.waitForFunction(() => /n[23] \(epoch [2-9]/.test(document.querySelector('[data-testid="primaries"]')?.textContent ?? ''), undefined, { timeout: 20_000 });
    // The cut-off primary's follower rows: the stage's lag rows name both other servers.
    const rows = await page.$$eval('[data-testid="lag-row"]', (els) => els.map((el) => el.getAttribute('data-node')));
    expect(rows).toHaveLength(2);
    await page.getByTestId('heal').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="primaries"]')?.textContent ?? '').split(',').length === 1, undefined, { timeout: 20_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
