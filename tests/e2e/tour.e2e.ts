// The guided tour in Chromium: it completes steps on what the engine shows, its "Do it for me"
// acts on the run, and it ends in the sandbox and can be restarted. Needs <Tour> mounted in the
// side panel of every lab that has a tour (data-testid="tour").
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

/** Waits until the tour shows step `step` (1-based) in the given completion state. */
async function waitForStep(page: Page, step: number, done: boolean, timeout = 20_000): Promise<void> {
  await page.waitForSelector(`[data-testid="tour"][data-state="touring"][data-step="${step}"][data-step-done="${done}"]`, { timeout });
}

async function play(page: Page, speed: string): Promise<void> {
  await choose(page, 'speed', speed);
  if (!((await page.getByTestId('play-pause').textContent()) ?? '').includes('Pause')) await page.getByTestId('play-pause').click();
}

describe('guided tour in Chromium', () => {
  it('Raft: the election completes step 1, "Do it for me" crashes the leader and a new one completes step 3, then the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=raft&seed=7');
    await waitForLab(page);
    await play(page, '4');
    await waitForStep(page, 1, true);
    expect(await page.getByTestId('tour-status').textContent()).toMatch(/n\d became leader in term \d+/);

    // Step 2: a client write, sent by the tour, is committed.
    await page.getByTestId('tour-next').click();
    await waitForStep(page, 2, false);
    await page.getByTestId('tour-do').click();
    await waitForStep(page, 2, true);
    expect(await page.getByTestId('tour-status').textContent()).toMatch(/committed at index \d+/);

    // Step 3: the tour crashes the leader; the step is done once another leader wins a higher term.
    await page.getByTestId('tour-next').click();
    await waitForStep(page, 3, false);
    const leader = ((await page.getByTestId('leader').textContent()) ?? '').trim();
    await page.getByRole('button', { name: /^Do it for me: crash the leader$/ }).click();
    await expect.poll(() => page.getByTestId(`node-${leader}`).getAttribute('aria-label')).toBe(`${leader}, crashed`);
    await waitForStep(page, 3, true);
    expect(await page.getByTestId('tour-status').textContent()).toContain(`took over from ${leader}`);

    await page.getByTestId('tour-skip').click();
    await page.waitForSelector('[data-testid="tour"][data-state="sandbox"]');
    expect(await page.getByTestId('tour-next').count()).toBe(0);

    // Restarted, step 1 is judged on the frame on screen: a leader exists, so it is done at once.
    await page.getByTestId('tour-restart').click();
    await waitForStep(page, 1, true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('CAP: "Do it for me" sets AP and partitions, and the tour sees the checker flag a stale read', async () => {
    const { page, errors } = await openPage(browser(), '?lab=cap&seed=3&autoplay=0');
    await waitForLab(page);
    await waitForStep(page, 1, false);
    await page.getByTestId('tour-do').click();
    await play(page, '16');
    await waitForStep(page, 1, true, 45_000);
    expect(await page.getByTestId('tour-status').textContent()).toContain('not linearizable');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
