// Classroom features in Chromium: clicker keys and the shortcut list, reduced motion, presentation
// mode at 1920×1080, themes, the screen-reader event announcer and visible keyboard focus.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { expectFit, frameTime, openMore, relativeUrl, waitForLab, waitSettled } from './fixtures/lab-page';

const browser = useBrowser();

async function pressAndWait(page: Page, key: string, timeMs: number): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === String(expected),
    timeMs,
  );
}

async function progresses(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="message"]', (elements) => elements.map((element) => element.getAttribute('data-progress') ?? ''));
}

describe('keyboard', () => {
  it('steps with clicker keys and lists every shortcut on ?', async () => {
    const { page, errors } = await openPage(browser(), '?autoplay=0&seed=2');
    await waitForLab(page);
    await pressAndWait(page, ']', 100);
    await pressAndWait(page, ']', 200);
    await pressAndWait(page, 'PageUp', 100);
    await pressAndWait(page, ']', 200);
    await pressAndWait(page, 'ArrowLeft', 100);
    // The clicker's "next" (PageDown) and → step to the next event (its "blank", B or ., blanks the screen).
    for (const key of ['PageDown', 'ArrowRight']) {
      const before = await frameTime(page);
      const events = Number(await page.textContent('[data-testid="event-count"]'));
      await page.keyboard.press(key);
      await page.waitForFunction((previous) => Number(document.querySelector('[data-testid="event-count"]')?.textContent) > previous, events);
      expect(await frameTime(page)).toBeGreaterThan(before);
    }
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="playback-state"]:has-text("playing")');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="playback-state"]:has-text("paused")');

    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const key of ['Space', '.', '→', '←', 'PageDown', 'PageUp', '[', ']', 'k', 'h', 'p', '?', 'Esc']) expect(text).toContain(key);
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows a visible focus ring on every control reached with Tab, in the toolbar and its More menu', async () => {
    const { page } = await openPage(browser(), '?lab=raft&autoplay=0');
    await waitForLab(page);
    const seen: string[] = [];
    const tab = async (times: number) => {
      for (let i = 0; i < times; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body || element instanceof SVGElement) return null;
          const style = getComputedStyle(element);
          return { name: element.dataset.testid ?? element.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
        });
        if (!focus) continue;
        seen.push(focus.name);
        expect(focus.outline, focus.name).not.toBe('none');
        expect(focus.width, focus.name).toBeGreaterThanOrEqual(2);
      }
    };
    await tab(14);
    for (const id of ['all-labs', 'lab-select', 'play-pause', 'step', 'speed', 'seed-input', 'node-count', 'kill-leader', 'heal-all', 'present-button', 'more-menu']) expect(seen).toContain(id);
    // The More menu opened from the keyboard takes the focus; Tab walks its actions.
    await page.focus('[data-testid="more-menu"]');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('copy-link');
    await tab(8);
    for (const id of ['embed-button', 'export-png', 'export-svg', 'import-button']) expect(seen).toContain(id);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="more-menu-panel"]', { state: 'hidden' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('more-menu');
    await page.context().close();
  });
});

describe('motion', () => {
  it('with reduced motion, messages sit at their ends instead of gliding', async () => {
    const { page, errors } = await openPage(browser(), '?autoplay=0&seed=6');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await waitForLab(page);
    await page.waitForSelector('[data-testid="stage"][data-motion="reduced"]');
    const seen = new Set<string>();
    for (let i = 1; i <= 8; i++) {
      await pressAndWait(page, ']', i * 100);
      for (const progress of await progresses(page)) seen.add(progress);
    }
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen].every((progress) => ['0.000', '0.500', '1.000'].includes(progress))).toBe(true);
    const transition = await page.$eval('[data-testid="play-pause"]', (element) => getComputedStyle(element).transitionDuration);
    expect(transition).toBe('0s');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('without it, messages glide between their ends', async () => {
    const { page } = await openPage(browser(), '?autoplay=0&seed=6');
    await waitForLab(page);
    const seen = new Set<string>();
    for (let i = 1; i <= 8; i++) {
      await pressAndWait(page, ']', i * 100);
      for (const progress of await progresses(page)) seen.add(progress);
    }
    expect([...seen].some((progress) => !['0.000', '0.500', '1.000'].includes(progress))).toBe(true);
    await page.context().close();
  });
});

describe('presentation and themes', () => {
  it('presents at 1920×1080 with large type and nothing overflowing', async () => {
    const { page, errors } = await openPage(browser(), '?autoplay=0&seed=3', { viewport: { width: 1920, height: 1080 } });
    await waitForLab(page);
    await pressAndWait(page, ']', 100);
    await page.keyboard.press('p');
    await page.waitForSelector('html.present');
    expect(await page.getAttribute('[data-testid="present-button"]', 'aria-pressed')).toBe('true');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('21px');
    await page.screenshot({ path: 'test-results/presentation-1920x1080.png' });
    await expectFit(page);
    await page.keyboard.press('p');
    await page.waitForSelector('html:not(.present)');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('follows the system theme, and remembers a chosen one in storage and in the link', async () => {
    const { page } = await openPage(browser(), '?lab=raft&autoplay=0', { colorScheme: 'dark' });
    await waitForLab(page);
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await openMore(page);
    await page.click('[data-testid="theme-light"]');
    await page.waitForSelector('html[data-theme="light"]');
    await page.keyboard.press(']');
    await waitSettled(page);
    const url = relativeUrl(page);

    await page.goto(new URL('?lab=raft&autoplay=0', page.url()).toString());
    await waitForLab(page);
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');

    const fresh = await openPage(browser(), url, { colorScheme: 'dark' });
    await waitForLab(fresh.page);
    expect(await fresh.page.getAttribute('html', 'data-theme')).toBe('light');
    await fresh.page.context().close();
    await page.context().close();
  });
});

describe('screen readers', () => {
  it('announce new events politely, and only the new ones', async () => {
    const { page } = await openPage(browser(), '?autoplay=0&seed=2');
    await waitForLab(page);
    const announcer = page.locator('[data-testid="event-announcer"]');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    expect((await announcer.textContent())?.trim()).toBe('');
    let time = 0;
    while ((await page.locator('[data-testid="event-log"] li:not(.empty)').count()) === 0) {
      time += 100;
      await pressAndWait(page, ']', time);
    }
    const first = (await announcer.textContent())?.trim() ?? '';
    const firstLine = (await page.textContent('[data-testid="event-log"] li'))?.trim() ?? '';
    expect(first.length).toBeGreaterThan(0);
    expect(firstLine).toContain(first.split('. ').at(-1)!);
    const logged = await page.locator('[data-testid="event-log"] li').count();
    while ((await page.locator('[data-testid="event-log"] li').count()) === logged) {
      time += 100;
      await pressAndWait(page, ']', time);
    }
    const second = (await announcer.textContent())?.trim() ?? '';
    expect(second).not.toBe(first);
    expect(second).not.toContain(first);
    await pressAndWait(page, 'PageUp', time - 100);
    expect((await announcer.textContent())?.trim()).toBe(second);
    await page.context().close();
  });
});
