// Keys that always work: after a click on any toolbar control, Space plays or pauses and PageDown
// steps forward (the clicked control does not keep a focus that Space would press again); the
// timeline leaves PageDown, →, ← and Space to the page; a presenter's remote works from page load.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, frameTime, openMore, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

/** The play state, as the Play/Pause button shows it (the status line is hidden in Present mode). */
async function playbackState(page: Page): Promise<string> {
  return (await page.getAttribute('[data-testid="play-pause"]', 'data-playing')) === 'true' ? 'playing' : 'paused';
}

async function waitForPlayback(page: Page, state: 'playing' | 'paused'): Promise<void> {
  await page.waitForSelector(`[data-testid="play-pause"][data-playing="${state === 'playing'}"]`);
}

/** Paused, with a frame on the stage and the worker ready. */
async function settle(page: Page): Promise<void> {
  if ((await playbackState(page)).startsWith('playing')) await page.keyboard.press('Space');
  await waitForPlayback(page, 'paused');
  await page.waitForSelector('[data-testid="play-pause"]:not([disabled])');
}

/** Space toggles playback twice and PageDown then steps forward in virtual time. */
async function keysStillWork(page: Page, after: string): Promise<void> {
  await settle(page);
  await page.keyboard.press('Space');
  await waitForPlayback(page, 'playing');
  await page.keyboard.press('Space');
  await waitForPlayback(page, 'paused');
  const before = await frameTime(page);
  await page.keyboard.press('PageDown');
  await page.waitForFunction(
    (time) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) > time,
    before,
    { timeout: 10_000 },
  );
  expect(await playbackState(page), after).toMatch(/^paused/);
}

/** Runs a click that reloads the run, and waits until the new run is on the stage (its trace hash changed). */
async function reloaded(page: Page, click: () => Promise<void>): Promise<void> {
  const before = (await page.textContent('[data-testid="trace-hash"]')) ?? '';
  await click();
  await page.waitForFunction((hash) => {
    const now = document.querySelector('[data-testid="trace-hash"]')?.textContent ?? '';
    return now !== '' && now !== hash && !document.querySelector('[data-testid="play-pause"]')?.hasAttribute('disabled');
  }, before);
}

/** Every control in the toolbar, clicked the way a presenter's mouse would. */
const CLICKS: [string, (page: Page) => Promise<void>][] = [
  ['play-pause', (page) => page.click('[data-testid="play-pause"]')],
  ['step', (page) => page.click('[data-testid="step"]')],
  ['speed', (page) => choose(page, 'speed', '1')],
  ['new-seed', async (page) => reloaded(page, () => page.click('[data-testid="new-seed"]'))],
  ['node-count', async (page) => reloaded(page, () => choose(page, 'node-count', '4'))],
  ['kill-leader', (page) => page.click('[data-testid="kill-leader"]')],
  ['heal-all', (page) => page.click('[data-testid="heal-all"]')],
  ['lab-select', (page) => choose(page, 'lab-select', 'raft')],
  ['more-menu', (page) => openMore(page)],
  ['copy-link', async (page) => (await openMore(page), page.click('[data-testid="copy-link"]'))],
  ['theme', async (page) => (await openMore(page), page.click('[data-testid="theme-dark"]'))],
  ['timeline', (page) => page.click('[data-testid="timeline"]')],
  ['space-time-toggle', (page) => page.click('[data-testid="space-time-toggle"]')],
  ['bug-vote-twice', async (page) => reloaded(page, () => page.click('[data-testid="bug-vote-twice"]'))],
];

describe('after a click', () => {
  it('on each toolbar control, Space toggles playback and PageDown steps forward', async () => {
    const { page, errors } = await openPage(browser(), '?lab=raft&seed=3&autoplay=0', { viewport: { width: 1280, height: 800 } });
    await waitForLab(page);
    for (const [name, click] of CLICKS) {
      await settle(page);
      await click(page);
      await waitForLab(page);
      await keysStillWork(page, name);
    }
    // The rule back on, so no violation can pause the run the next Space starts.
    await settle(page);
    await reloaded(page, () => page.click('[data-testid="bug-vote-twice"]'));
    // Kill leader, then Space: the run plays (the button is not pressed again).
    await settle(page);
    const crashed = await page.locator('[data-role="crashed"]').count();
    await page.click('[data-testid="kill-leader"]');
    await page.keyboard.press('Space');
    await waitForPlayback(page, 'playing');
    await page.keyboard.press('Space');
    await waitForPlayback(page, 'paused');
    expect(await page.locator('[data-role="crashed"]').count()).toBeLessThanOrEqual(crashed + 1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('in Present mode too: the presenter toggle and the faults leave the keys to the page', async () => {
    const { page, errors } = await openPage(browser(), '?lab=cap&seed=3&autoplay=0', { viewport: { width: 1280, height: 800 } });
    await waitForLab(page);
    await page.click('[data-testid="present-button"]');
    await page.waitForSelector('html.present');
    await keysStillWork(page, 'present-button');
    for (const id of ['step', 'kill-leader', 'heal-all', 'play-pause']) {
      await settle(page);
      await page.click(`[data-testid="${id}"]`);
      await keysStillWork(page, id);
    }
    await page.click('[data-testid="present-button"]');
    await page.waitForSelector('html:not(.present)');
    await keysStillWork(page, 'leave presentation');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the timeline', () => {
  it('leaves PageDown, →, ← and Space to the page when it has the focus', async () => {
    const { page } = await openPage(browser(), '?lab=raft&seed=3&autoplay=0');
    await waitForLab(page);
    for (let i = 1; i <= 5; i++) await page.keyboard.press(']');
    await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '500');
    await page.focus('[data-testid="timeline"]');
    // PageDown and → go forward to the next event (a slider would go back a tenth, or 10 ms).
    for (const key of ['PageDown', 'ArrowRight']) {
      const before = await frameTime(page);
      await page.keyboard.press(key);
      await page.waitForFunction((time) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) > time, before);
    }
    // ← goes back 100 ms.
    const before = await frameTime(page);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((time) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) === Math.max(0, time - 100), before);
    await page.keyboard.press('Space');
    await waitForPlayback(page, 'playing');
    await page.keyboard.press('Space');
    await waitForPlayback(page, 'paused');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('timeline');
    await page.context().close();
  });
});

describe("a presenter's remote", () => {
  it('works from page load: PageDown, PageUp, →, ←, and B or . to blank the screen', async () => {
    const { page, errors } = await openPage(browser(), '?lab=raft&seed=3&autoplay=0');
    await waitForLab(page);
    await page.waitForSelector('[data-testid="play-pause"]:not([disabled])');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    const start = await frameTime(page);
    await page.keyboard.press('PageDown');
    await page.waitForFunction((time) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) > time, start);
    // One key at a time, each waited for: a step goes to the next event, wherever that is, so
    // "time ≥ 100" could hold before the last key had landed (and PageUp would then start from a
    // time the test never read).
    for (const key of ['ArrowRight', 'PageDown', ']']) {
      const before = await frameTime(page);
      await page.keyboard.press(key);
      await page.waitForFunction((time) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) > time, before);
    }
    const later = await frameTime(page);
    expect(later).toBeGreaterThanOrEqual(100);
    await page.keyboard.press('PageUp');
    await page.waitForFunction((time) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) === time - 100, later);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((time) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) === Math.max(0, time - 200), later);

    for (const key of ['b', '.']) {
      await page.keyboard.press(key);
      const blank = page.locator('[data-testid="blank-screen"]');
      await blank.waitFor();
      const box = await blank.boundingBox();
      expect(box).toMatchObject({ x: 0, y: 0, width: 1280, height: 860 });
      await page.keyboard.press(key);
      await blank.waitFor({ state: 'detached' });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
