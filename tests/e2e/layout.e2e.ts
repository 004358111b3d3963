// The page puts the stage first: at 1280×800 and 1920×1080 nothing scrolls and every named region
// (stage, verdict, history lanes, tour) is on screen, not clipped by a scrolling column, every
// switch's text starts beside its box, every side panel's table fits its panel and axe-core finds
// no accessibility problem (light and dark theme); at 1024×768
// nothing is cut off; Present mode gives the stage at least 70% of the window; a phone shows the
// stage first with the controls in a bottom sheet; the home page lists the labs as cards.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_IDS } from '../../src/labs/registry';
import { openPage, openPageIn, useBrowser, useContext } from './browser';
import { accessibilityFindings, accessibilityFindingsInDark } from './fixtures/axe';
import { resizeTo, settleLayout, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();
const labContext = useContext(browser);

/** The named regions a lab must show (echo shows only the stage); every lab also shows, fully,
 * whichever of the optional ones it has. */
const REGIONS: Record<string, string[]> = {
  raft: ['stage', 'controls', 'timeline', 'tour'],
  cap: ['stage', 'controls', 'timeline', 'tour', 'verdict', 'history-view'],
  echo: ['stage', 'controls', 'timeline'],
};
const REQUIRED = ['stage', 'controls', 'timeline'];
const OPTIONAL = ['tour', 'verdict', 'history-view'];

interface RegionBox {
  id: string;
  found: boolean;
  /** How much of the region lies inside the window and every scrolling ancestor (0–1). */
  shown: number;
  box: { left: number; top: number; right: number; bottom: number };
}

/** Each region's box and the share of it a reader actually sees. */
async function regions(page: Page, ids: string[]): Promise<RegionBox[]> {
  return page.evaluate((names) => {
    return names.map((id) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      if (!element) return { id, found: false, shown: 0, box: { left: 0, top: 0, right: 0, bottom: 0 } };
      const box = element.getBoundingClientRect();
      let visible = { left: Math.max(0, box.left), top: Math.max(0, box.top), right: Math.min(innerWidth, box.right), bottom: Math.min(innerHeight, box.bottom) };
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        visible = { left: Math.max(visible.left, clip.left), top: Math.max(visible.top, clip.top), right: Math.min(visible.right, clip.right), bottom: Math.min(visible.bottom, clip.bottom) };
      }
      const area = Math.max(1, box.width * box.height);
      const seen = Math.max(0, visible.right - visible.left) * Math.max(0, visible.bottom - visible.top);
      return { id, found: true, shown: seen / area, box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom } };
    });
  }, ids);
}

/** The labels whose text starts on a line below their checkbox or radio (a flex row that wrapped
 * the box away from what it switches). */
async function switchesWrappedBelowTheirBox(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wrapped: string[] = [];
    for (const input of document.querySelectorAll('label input[type=checkbox], label input[type=radio]')) {
      const box = input.getBoundingClientRect();
      if (box.width === 0) continue;
      const label = input.closest('label') as HTMLLabelElement;
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
      const text = walker.nextNode();
      if (text === null) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      const first = range.getClientRects()[0];
      if (first !== undefined && first.top >= box.bottom - 1) wrapped.push(label.textContent?.trim() ?? '');
    }
    return wrapped;
  });
}

/** The side panels' tables that stick out of their panel (a last column cut off by the edge). */
async function tablesWiderThanTheirPanel(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide: string[] = [];
    for (const table of document.querySelectorAll('.panel table')) {
      const box = table.getBoundingClientRect();
      const panel = (table.closest('.panel') as HTMLElement).getBoundingClientRect();
      if (box.width > 0 && (box.right > panel.right + 1 || box.left < panel.left - 1)) wide.push(`${table.getAttribute('data-testid') ?? table.textContent?.trim().slice(0, 40)}: ${Math.round(box.right - panel.right)} px past the panel`);
    }
    return wide;
  });
}

async function scrolls(page: Page): Promise<{ x: boolean; y: boolean }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    return { x: root.scrollWidth > root.clientWidth, y: root.scrollHeight > root.clientHeight };
  });
}

async function openLab(lab: string, width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPageIn(labContext(), `?lab=${lab}&seed=3&autoplay=0`, { width, height });
  await waitForLab(opened.page);
  // A little history, so the CAP lab's lanes have operations in them.
  for (let i = 1; i <= 8; i++) await opened.page.keyboard.press(']');
  await opened.page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '800');
  return opened;
}

/** Each lab gets one page, resized from window to window: a resized page lays out exactly as one
 * opened at that size, and a resize costs a tenth of a page load. The labs alternate which size
 * they open at, so both sizes are also seen on a fresh load. */
const WINDOWS: [number, number][] = [
  [1280, 800],
  [1920, 1080],
];
/** Labs also checked at 1024×768. */
const NARROW = ['raft', 'cap'];

for (const [index, lab] of LAB_IDS.entries()) {
  describe(`${lab} lab, one page through every window size`, () => {
    const required = REGIONS[lab] ?? REQUIRED;
    const windows = index % 2 === 0 ? WINDOWS : [...WINDOWS].reverse();
    let opened: { page: Page; errors: string[] } | undefined;
    beforeAll(async () => {
      opened = await openLab(lab, ...windows[0]);
    });
    afterAll(async () => {
      await opened?.page.close();
    });
    const labPage = () => {
      if (!opened) throw new Error(`the ${lab} lab did not open`);
      return opened;
    };

    for (const [width, height] of windows) {
      it(`${lab} at ${width}×${height}: stage first, no scrolling, and every named region (${required.join(', ')}, and any of ${OPTIONAL.join(', ')}) in view`, async () => {
        const { page, errors } = labPage();
        await resizeTo(page, width, height);
        expect(await scrolls(page)).toEqual({ x: false, y: false });
        for (const region of await regions(page, [...new Set([...required, ...OPTIONAL])])) {
          if (!required.includes(region.id) && !region.found) continue;
          expect(region.found, region.id).toBe(true);
          expect(region.shown, `${region.id} ${JSON.stringify(region.box)}`).toBeGreaterThan(0.99);
        }
        // The stage gets the lion's share: at least a third of the window's area.
        const [stage] = await regions(page, ['stage']);
        const area = (stage.box.right - stage.box.left) * (stage.box.bottom - stage.box.top);
        // A lab with a wide panel under the stage (a history, a diagram) shares the middle column with it.
        const hasWide = (await page.locator('.history-area').count()) > 0;
        expect(area / (width * height)).toBeGreaterThan(hasWide ? 0.2 : 0.3);
        // A switch reads as one line with its box: its text starts beside the box, not under it.
        expect(await switchesWrappedBelowTheirBox(page)).toEqual([]);
        expect(await tablesWiderThanTheirPanel(page)).toEqual([]);
        if (lab !== 'echo') await page.screenshot({ path: `test-results/layout-${lab}-${width}x${height}.png` });
        expect(errors).toEqual([]);
      });
    }

    if (NARROW.includes(lab)) {
      it(`${lab} at 1024×768: nothing is cut off, no sideways scrolling, every region within the width`, async () => {
        const { page } = labPage();
        await resizeTo(page, 1024, 768);
        expect((await scrolls(page)).x).toBe(false);
        for (const region of await regions(page, REGIONS[lab])) {
          expect(region.found, region.id).toBe(true);
          expect(region.box.left, region.id).toBeGreaterThanOrEqual(0);
          expect(region.box.right, region.id).toBeLessThanOrEqual(1024);
        }
      });
    }

    it(`${lab}: axe-core finds no accessibility problem, in the light theme and the dark`, async () => {
      const { page } = labPage();
      await resizeTo(page, 1280, 800);
      expect(await accessibilityFindings(page)).toEqual([]);
      expect(await accessibilityFindingsInDark(page)).toEqual([]);
    });

    // Last: Present mode stays on for the rest of the page's life.
    it(`${lab} in Present mode: the stage takes at least 70% of a 1280×800 window, with 18 px node labels`, async () => {
      const { page, errors } = labPage();
      await resizeTo(page, 1280, 800);
      await page.keyboard.press('p');
      await page.waitForSelector('html.present');
      await page.waitForFunction(() => (document.querySelector('[data-testid="stage"]')?.getBoundingClientRect().height ?? 0) > 500);
      await settleLayout(page, 1280, 800);
      const [stage] = await regions(page, ['stage']);
      const area = (stage.box.right - stage.box.left) * (stage.box.bottom - stage.box.top);
      expect(area / (1280 * 800)).toBeGreaterThanOrEqual(0.7);
      expect(await scrolls(page)).toEqual({ x: false, y: false });
      // Only a presenter's controls: no seed, node count, speed or More menu.
      for (const id of ['seed-input', 'node-count', 'speed', 'more-menu']) expect(await page.locator(`[data-testid="${id}"]`).count(), id).toBe(0);
      // The node's id label, as drawn: its font size times the stage's scale.
      const labelPx = await page.evaluate(() => {
        const svg = document.querySelector('[data-testid="stage"] svg') as SVGSVGElement;
        const text = document.querySelector('[data-testid="stage"] g.node:has(circle.body) text.id') as SVGTextElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(text).fontSize) * scale;
      });
      expect(labelPx).toBeGreaterThanOrEqual(18);
      await page.screenshot({ path: `test-results/present-${lab}-1280x800.png` });
      expect(errors).toEqual([]);
    });
  });
}

describe('phone', () => {
  it('shows the stage first and keeps the controls in a bottom sheet', async () => {
    const { page, errors } = await openLab('raft', 390, 844);
    const [stage, controls] = await regions(page, ['stage', 'toolbar']);
    expect(stage.shown).toBeGreaterThan(0.99);
    expect(stage.box.top).toBeLessThan(120);
    expect(controls.box.bottom).toBeCloseTo(844, 0);
    expect(controls.box.top).toBeGreaterThan(stage.box.bottom);
    expect((await scrolls(page)).x).toBe(false);
    // Play is in the collapsed sheet; the rest is one tap away.
    const shown = async (id: string) => (await regions(page, [id]))[0].shown;
    expect(await shown('play-pause')).toBeGreaterThan(0.99);
    expect(await shown('kill-leader')).toBeLessThan(0.01);
    await page.click('[data-testid="sheet-toggle"]');
    await expect.poll(() => shown('kill-leader')).toBeGreaterThan(0.99);
    expect(await page.getAttribute('[data-testid="sheet-toggle"]', 'aria-expanded')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('home page', () => {
  it('lists the labs as cards (hidden ones left out), and a card opens its lab; "All labs" comes back', async () => {
    const { page, errors } = await openPage(browser(), '', { viewport: { width: 1280, height: 800 } });
    await page.waitForSelector('[data-testid="home"]');
    const labs = await page.$$eval('[data-testid="lab-card"]', (cards) => cards.map((card) => card.getAttribute('data-lab')));
    expect(labs).toContain('raft');
    expect(labs).toContain('cap');
    expect(labs).not.toContain('echo');
    for (const card of await page.$$('[data-testid="lab-card"]')) {
      expect(((await card.textContent()) ?? '').length).toBeGreaterThan(40);
      expect(await card.$('svg')).not.toBeNull();
    }
    await page.click('[data-testid="lab-card"][data-lab="cap"] h2');
    await page.waitForSelector('[data-testid="app"][data-lab="cap"]');
    await waitForLab(page);
    expect(new URL(page.url()).searchParams.get('lab')).toBe('cap');
    await page.click('[data-testid="all-labs"]');
    await page.waitForSelector('[data-testid="home"]');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('still opens a lab straight from ?lab=, ?seed= or a share link', async () => {
    for (const query of ['?lab=cap', '?seed=4', '?lab=echo']) {
      const { page } = await openPage(browser(), query);
      await waitForLab(page);
      expect(await page.locator('[data-testid="home"]').count(), query).toBe(0);
      await page.context().close();
    }
  });
});
