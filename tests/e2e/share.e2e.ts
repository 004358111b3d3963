// Share links and time travel in Chromium: the address bar reproduces the run exactly, a broken
// link says why and falls back to the default lab, and the timeline goes back to earlier states.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, fastSpeed, frameTime, openMore, relativeUrl, traceHash, waitForLab, waitForTime, waitSettled } from './fixtures/lab-page';

const browser = useBrowser();

describe('share links', () => {
  it('reopen the same state: same time, seed and trace hash, paused at the cursor', async () => {
    const { page, errors } = await openPage(browser(), '?autoplay=0&seed=11');
    await waitForLab(page);
    await fastSpeed(page);
    await page.click('[data-testid="play-pause"]');
    await waitForTime(page, 1200);
    await page.keyboard.press('k');
    await waitForTime(page, (await frameTime(page)) + 400);
    await page.click('[data-testid="play-pause"]');
    await waitSettled(page);
    const url = relativeUrl(page);
    const hash = await traceHash(page);
    const time = await frameTime(page);
    expect(url).toMatch(/[?&]v=1&lab=raft&s=/);

    await openMore(page);
    await page.click('[data-testid="copy-link"]');
    await page.waitForSelector('[data-testid="copy-link-status"]:has-text("Copied")');

    const copy = await openPage(browser(), url);
    await waitForLab(copy.page);
    // The link's cursor is reached by seeking in slices: settled only once it is there (a busy
    // machine may show the paused first frame for a while before the seek lands).
    await waitForTime(copy.page, time);
    await waitSettled(copy.page);
    expect(await frameTime(copy.page)).toBe(time);
    expect(await traceHash(copy.page)).toBe(hash);
    expect(await copy.page.textContent('[data-testid="seed"]')).toBe('11');
    expect(await copy.page.textContent('[data-testid="playback-state"]')).toMatch(/^paused/);
    expect(await copy.page.locator('[data-role="crashed"]').count()).toBe(1);
    expect([...errors, ...copy.errors]).toEqual([]);
    await page.context().close();
    await copy.page.context().close();
  });

  it('a tampered or truncated link shows the reason and loads the default lab', async () => {
    const { page } = await openPage(browser(), '?lab=raft&autoplay=0');
    await waitForLab(page);
    await page.keyboard.press(']');
    await waitSettled(page);
    const url = relativeUrl(page);
    const payload = new URLSearchParams(url).get('s')!;
    const flipped = payload.slice(0, 10) + (payload[10] === 'A' ? 'B' : 'A') + payload.slice(11);
    for (const broken of [url.replace(payload, flipped), url.replace(payload, payload.slice(0, payload.length - 6))]) {
      const opened = await openPage(browser(), broken);
      const alert = opened.page.locator('[data-testid="link-error"]');
      await alert.waitFor();
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await alert.textContent()).toMatch(/truncated or was altered|not valid|does not decompress/);
      await waitForLab(opened.page);
      expect(await opened.page.textContent('[data-testid="seed"]')).toBe('1');
      expect(await opened.page.locator('[data-testid^="node-n"]').count()).toBe(5);
      await opened.page.click('[data-testid="link-error-dismiss"]');
      expect(await alert.count()).toBe(0);
      expect(opened.errors).toEqual([]);
      await opened.page.context().close();
    }
    await page.context().close();
  });
});

describe('time travel', () => {
  it('scrubbing the timeline back returns to the earlier state and hash', async () => {
    const { page, errors } = await openPage(browser(), '?autoplay=0&seed=5');
    await waitForLab(page);
    for (let i = 0; i < 6; i++) await page.keyboard.press(']');
    await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '600');
    const earlierHash = await traceHash(page);
    await fastSpeed(page);
    await page.click('[data-testid="play-pause"]');
    await waitForTime(page, 2500);
    await page.click('[data-testid="play-pause"]');
    await waitSettled(page);
    const laterHash = await traceHash(page);
    expect(laterHash).not.toBe(earlierHash);
    const timeline = page.locator('[data-testid="timeline"]');
    expect(Number(await timeline.getAttribute('max'))).toBeGreaterThanOrEqual(2500);
    expect(await page.getByLabel('Timeline').count()).toBe(1);

    await timeline.evaluate((input: HTMLInputElement) => {
      input.value = '600';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '600');
    expect(await traceHash(page)).toBe(earlierHash);
    expect(Number(await timeline.getAttribute('max'))).toBeGreaterThanOrEqual(2500);

    // With the timeline focused, ← is still the page's "back 100 ms" (the slider does not take it);
    // ↓ is the slider's own 10 ms step.
    await timeline.focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '500');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '490');
    await waitSettled(page);
    expect(new URLSearchParams(relativeUrl(page)).get('s')).toBeTruthy();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('lab switch', () => {
  it('?lab=cap opens the CAP lab with its panels; the selector switches back to Raft', async () => {
    const { page, errors } = await openPage(browser(), '?lab=cap&autoplay=0');
    await waitForLab(page);
    await page.waitForSelector('[data-testid="app"][data-lab="cap"]');
    expect(await page.locator('.cap-panels').count()).toBe(1);
    expect(await page.locator('[data-testid="inspector"]').count()).toBe(0);
    expect(await page.getAttribute('[data-testid="lab-select"]', 'data-value')).toBe('cap');
    await page.keyboard.press(']');
    await waitSettled(page);
    expect(relativeUrl(page)).toContain('lab=cap');

    await choose(page, 'lab-select', 'raft');
    await page.waitForSelector('[data-testid="app"][data-lab="raft"]');
    await page.waitForSelector('[data-testid="inspector"]');
    expect(await page.locator('[data-testid="lab-error"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
