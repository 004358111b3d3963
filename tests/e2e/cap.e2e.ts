// The CAP lab in a real browser: AP under a partition yields a stale read the checker flags on the
// history; CP under the same partition makes the minority side fail while the history stays linearizable.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose } from './fixtures/lab-page';

const URL_PATH = '?lab=cap&seed=3&autoplay=0';

const browser = useBrowser();

async function openCapLab(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser(), URL_PATH);
  await opened.page.getByTestId('cap-panels').waitFor({ timeout: 20_000 });
  await opened.page.getByTestId('mode-cp').waitFor();
  return opened;
}

/** Chooses a mode on the switch and waits until the frame reports it. */
async function setMode(page: Page, mode: 'cp' | 'ap'): Promise<void> {
  const input = page.getByTestId(`mode-${mode}`);
  if (!(await input.isChecked())) await input.click({ force: true });
  await page.waitForFunction((id) => (document.querySelector(`[data-testid="mode-${id}"]`) as HTMLInputElement | null)?.checked === true, mode, { timeout: 10_000 });
}

async function partitionMinority(page: Page): Promise<void> {
  await page.getByTestId('partition-minority').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="partition-status"]')?.textContent?.includes('cannot reach a majority'), undefined, { timeout: 10_000 });
}

async function isPlaying(page: Page): Promise<boolean> {
  return ((await page.getByTestId('play-pause').textContent()) ?? '').includes('Pause');
}

async function pause(page: Page): Promise<void> {
  if (await isPlaying(page)) await page.getByTestId('play-pause').click();
}

/** Resolves once the page shows a frame other than the one it shows now (a poll on the page's state, not the clock). */
async function nextFrame(page: Page): Promise<void> {
  const now = await page.getAttribute('[data-testid="app"]', 'data-frame-time');
  await page
    .waitForFunction((seen) => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') !== seen, now, { timeout: 5000 })
    .catch(() => undefined); // paused on a violation: the loop presses Play again
}

/**
 * Plays fast until `done` holds in the page, pressing Play again if the playback pauses on its own
 * (it pauses on invariant violations); `check` runs on every poll and may throw.
 */
async function playUntil(page: Page, done: () => Promise<boolean>, timeoutMs: number, check: () => Promise<void> = async () => {}): Promise<void> {
  await choose(page, 'speed', '16');
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    await check();
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    if (!(await isPlaying(page))) await page.getByTestId('play-pause').click();
    await nextFrame(page);
  }
  await pause(page);
}

async function verdict(page: Page): Promise<string | null> {
  return page.getByTestId('verdict').getAttribute('data-verdict');
}

interface Op {
  client: string;
  outcome: string;
  startMs: number;
  involved: boolean;
}

async function historyOps(page: Page): Promise<{ ops: Op[]; cutOffClients: string[]; partitionAtMs: number[] }> {
  return page.evaluate(() => {
    const ops = [...document.querySelectorAll('[data-testid="history-op"]')].map((g) => ({
      client: g.getAttribute('data-client') ?? '',
      outcome: g.getAttribute('data-outcome') ?? '',
      startMs: Number(g.getAttribute('data-start-ms')),
      involved: g.getAttribute('data-involved') === 'true',
    }));
    const cutOffClients = [...document.querySelectorAll('[data-testid="history-lane"][data-cut-off="true"]')].map((lane) => lane.getAttribute('data-client') ?? '');
    const partitionAtMs = [...document.querySelectorAll('[data-testid="fault-marker"][data-kind="partition"]')].map((marker) => Number(marker.getAttribute('data-time-ms')));
    return { ops, cutOffClients, partitionAtMs };
  });
}

describe('CAP lab', () => {
  it('lays the history out under the stage, as wide as it, with the checker beside', async () => {
    const { page, errors } = await openCapLab();
    const box = async (selector: string) => (await page.locator(selector).boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
    const stage = await box('section.stage-area');
    const history = await box('[data-testid="cap-history"]');
    const side = await box('[data-testid="cap-panels"]');
    expect(history.y).toBeGreaterThanOrEqual(stage.y + stage.height);
    expect(Math.abs(history.x - stage.x)).toBeLessThan(1);
    expect(Math.abs(history.width - stage.width)).toBeLessThan(1);
    expect(history.width).toBeGreaterThan(side.width * 1.5);
    expect(side.x).toBeGreaterThanOrEqual(stage.x + stage.width);
    expect(await page.locator('[data-testid="cap-panels"] [data-testid="verdict"]').count()).toBe(1);
    expect(await page.locator('[data-testid="cap-history"] [data-testid="history-view"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('AP + partition: plays until a stale read is flagged on the history', async () => {
    const { page, errors } = await openCapLab();
    await setMode(page, 'ap');
    await partitionMinority(page);
    expect(await verdict(page)).not.toBe('violated');

    await playUntil(page, async () => (await verdict(page)) === 'violated', 45_000);

    const sentence = (await page.getByTestId('violation-explanation').textContent())?.trim() ?? '';
    expect(sentence.length).toBeGreaterThan(10);
    const { ops, cutOffClients } = await historyOps(page);
    expect(cutOffClients.length).toBeGreaterThan(0);
    const involved = ops.filter((op) => op.involved);
    expect(involved.length).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid="history-op"].involved').count()).toBe(involved.length);
    expect(await page.getByTestId('verdict').textContent()).toContain('Not linearizable');
    expect(await page.getByTestId('mode-ap').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('CP + partition: the minority side fails while the verdict stays linearizable', async () => {
    const { page, errors } = await openCapLab();
    await setMode(page, 'cp');
    await partitionMinority(page);

    const minorityFailures = async (): Promise<number> => {
      const { ops, cutOffClients, partitionAtMs } = await historyOps(page);
      const since = Math.max(0, ...partitionAtMs);
      return ops.filter((op) => cutOffClients.includes(op.client) && op.startMs > since && (op.outcome === 'fail' || op.outcome === 'info')).length;
    };
    const staysLinearizable = async (): Promise<void> => {
      expect(await verdict(page)).not.toBe('violated');
    };
    await playUntil(page, async () => (await minorityFailures()) >= 3, 45_000, staysLinearizable);

    const { ops, cutOffClients } = await historyOps(page);
    expect(cutOffClients.length).toBeGreaterThan(0);
    expect(ops.some((op) => cutOffClients.includes(op.client) && (op.outcome === 'fail' || op.outcome === 'info'))).toBe(true);
    expect(await verdict(page)).toBe('linearizable');
    expect(await page.getByTestId('mode-cp').isChecked()).toBe(true);
    expect(await page.getByTestId('violation-explanation').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
