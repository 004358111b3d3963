// The drawing in Chromium, measured as drawn: with 30 and more messages in flight on a paused
// frame no two message labels overlap (their real boxes, not the estimate), every label lies
// inside the box the stage reserved for it, and Raft's election-timer rings drain as time passes.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/scenarios/catalog';
import { encodeShareState } from '../../src/share';
import { openPage, useBrowser } from './browser';
import { waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

/** Nine servers on a slow network: a leader's heartbeats and their replies crowd every link. */
function crowdedLink(cursorMs: number): string {
  const scenario = defaultScenario('raft', 3, 9);
  scenario.params = { ...scenario.params, electionTimeoutMs: [600, 1200] };
  scenario.network = { latencyMs: [150, 300], drop: 0, duplicate: 0 };
  return `?autoplay=0&${encodeShareState({ scenario, cursorMs })}`;
}

interface Drawn {
  messages: number;
  labels: { text: string; left: number; top: number; right: number; bottom: number; inside: boolean }[];
}

async function drawnLabels(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    const messages = document.querySelectorAll('[data-testid="stage"] [data-testid="message"]').length;
    const labels = [...document.querySelectorAll<SVGTextElement>('[data-testid="stage"] [data-testid="message-label"]')].map((text) => {
      const rect = text.getBoundingClientRect();
      // The rendered glyphs' box in stage units, against the box the stage reserved (data-box).
      const [x, y, width, height] = (text.getAttribute('data-box') ?? '0 0 0 0').split(' ').map(Number);
      const bbox = text.getBBox();
      const group = text.parentElement as unknown as SVGGElement;
      const at = group.transform.baseVal.consolidate()?.matrix ?? { e: 0, f: 0 };
      const slack = 0.75;
      const inside =
        at.e + bbox.x >= x - slack && at.f + bbox.y >= y - slack && at.e + bbox.x + bbox.width <= x + width + slack && at.f + bbox.y + bbox.height <= y + height + slack;
      return { text: text.textContent ?? '', left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom, inside };
    });
    return { messages, labels };
  });
}

describe('the drawing', () => {
  it('labels no two of 30+ messages in flight on top of each other, each inside its reserved box', async () => {
    const { page, errors } = await openPage(browser(), crowdedLink(2400), { viewport: { width: 1280, height: 800 } });
    await waitForLab(page);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) >= 2400, undefined, { timeout: 20_000 });
    const drawn = await drawnLabels(page);
    await page.screenshot({ path: 'test-results/drawing-30-messages.png' });
    expect(drawn.messages).toBeGreaterThanOrEqual(30);
    expect(drawn.labels.length).toBeGreaterThanOrEqual(5);
    const overlaps: string[] = [];
    drawn.labels.forEach((a, i) =>
      drawn.labels.slice(i + 1).forEach((b) => {
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(`${a.text} / ${b.text}`);
      }),
    );
    expect(overlaps).toEqual([]);
    expect(drawn.labels.filter((label) => !label.inside).map((label) => label.text)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('rings each follower with its election timer, somewhere between set and due, and gives the leader none', async () => {
    const { page, errors } = await openPage(browser(), `?autoplay=0&${encodeShareState({ scenario: defaultScenario('raft', 2), cursorMs: 1000 })}`);
    await waitForLab(page);
    await page.waitForSelector('[data-testid="stage"] [data-role="leader"]');
    const rings = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="stage"] g.node')].map((node) => ({
        role: node.getAttribute('data-role'),
        remaining: node.querySelector('[data-testid="timer-ring"]')?.getAttribute('data-remaining') ?? null,
      })),
    );
    expect(rings.filter((ring) => ring.role === 'leader').map((ring) => ring.remaining)).toEqual([null]);
    const followers = rings.filter((ring) => ring.role === 'follower');
    expect(followers.length).toBeGreaterThanOrEqual(3);
    for (const ring of followers) {
      expect(Number(ring.remaining)).toBeGreaterThan(0);
      expect(Number(ring.remaining)).toBeLessThanOrEqual(1);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
