// The clocks lab in Chromium: its tour run end to end with "Do it for me" (each step done on the
// checker's counts), then the sandbox's own interactions: a send from the panel shows up as a
// send and a receive in the diagram, and picking them says one happened before the other; the
// diagram keeps its newest event in view as events arrive, unless the reader scrolled back.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, frameTime, setPlaying, waitForLab, waitForTime } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('clocks lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=clocks&seed=2&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts = await followTour(page, 5);
    expect(texts[1]).toMatch(/concurrent/);
    expect(texts[3]).toMatch(/happened before it/);
    expect(texts[4]).toMatch(/no causally later write lost/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a send from the panel appears in the diagram; picking its send and receive shows happens-before', async () => {
    const { page, errors } = await openPage(browser(), '?lab=clocks&seed=4&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await page.getByTestId('send-to').selectOption('n3');
    await page.getByTestId('send-message').click();
    // Paused, the newest event on screen is the send just made.
    const sends = page.locator('[data-testid^="clock-event-"][aria-label*="send on n1"]');
    await expect.poll(() => sends.count()).toBeGreaterThan(0);
    const sendId = ((await sends.last().getAttribute('data-testid')) ?? '').replace('clock-event-', '');
    await setPlaying(page, true);
    const receive = page.locator(`[data-send-id="${sendId}"]`);
    await receive.first().waitFor({ timeout: 20_000 });
    await setPlaying(page, false);
    await page.getByTestId(`clock-event-${sendId}`).click();
    await receive.first().click();
    const compare = page.getByTestId('clocks-compare');
    await expect.poll(() => compare.getAttribute('data-relation')).toBe('before');
    expect(await compare.textContent()).toMatch(/message to n3/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the diagram follows its newest event as events arrive, and stays put when the reader has scrolled back', async () => {
    const { page, errors } = await openPage(browser(), '?lab=clocks&seed=3&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    /** Where the newest event's dot sits against the diagram's visible strip, and the scroll. */
    const newest = () => page.evaluate(() => {
      const scroller = document.querySelector('[data-testid="clocks-diagram-scroll"]') as HTMLElement;
      const events = [...document.querySelectorAll('[data-testid^="clock-event-"]')];
      const last = events.sort((a, b) => Number(a.getAttribute('data-testid')!.slice(12)) - Number(b.getAttribute('data-testid')!.slice(12))).pop()!;
      const box = last.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return { inView: box.left >= view.left && box.right <= view.right, scrollLeft: scroller.scrollLeft, overflows: scroller.scrollWidth > scroller.clientWidth };
    });
    const advance = async (seconds: number) => {
      const target = (await frameTime(page)) + seconds * 1000;
      for (let i = 0; i < seconds * 10; i++) await page.keyboard.press(']');
      await waitForTime(page, target);
    };
    // Enough events that the diagram is wider than its panel.
    await advance(6);
    await expect.poll(async () => (await newest()).overflows).toBe(true);
    await expect.poll(async () => (await newest()).inView).toBe(true);
    // Scrolled back to the start, the reader stays there while more events arrive.
    await page.getByTestId('clocks-diagram-scroll').evaluate((el) => { el.scrollLeft = 0; });
    await advance(2);
    expect((await newest()).scrollLeft).toBe(0);
    expect((await newest()).inView).toBe(false);
    // Back at the end, the diagram follows again.
    await page.getByTestId('clocks-diagram-scroll').evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    await advance(2);
    await expect.poll(async () => (await newest()).inView).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

