// The Raft lab in a real Chromium: election, killing the leader, cutting a link by dragging a
// stroke across it, and reproducing a run from its ?seed.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying } from './fixtures/lab-page';
import { defaultScenario } from '../../src/scenarios/catalog';
import { decodeShareState, encodeShareState } from '../../src/share';

const browser = useBrowser();

async function setSpeed(page: Page, label: string): Promise<void> {
  await choose(page, 'speed', { label });
}

async function leaderOf(page: Page): Promise<string> {
  return ((await page.getByTestId('leader').textContent()) ?? '').trim();
}

async function waitForLeader(page: Page, not?: string): Promise<string> {
  await page.waitForFunction(
    (previous) => {
      const text = document.querySelector('[data-testid="leader"]')?.textContent?.trim() ?? '';
      return /^n\d$/.test(text) && text !== previous;
    },
    not ?? '',
    { timeout: 20_000 },
  );
  return leaderOf(page);
}

/** The term in a node's accessible name, e.g. "n3, leader, term 4". */
async function termOf(page: Page, node: string): Promise<number> {
  const name = (await page.getByTestId(`node-${node}`).getAttribute('aria-label')) ?? '';
  return Number(/term (\d+)/.exec(name)?.[1] ?? NaN);
}

async function center(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Resolves once the page shows a frame other than the one it shows now (a poll on the page's state, not the clock). */
async function nextFrame(page: Page): Promise<void> {
  const now = await page.getAttribute('[data-testid="app"]', 'data-frame-time');
  await page
    .waitForFunction((seen) => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') !== seen, now, { timeout: 5000 })
    .catch(() => undefined); // paused on a violation: the loop presses Play again
}

describe('Raft lab in Chromium', () => {
  it('loads and elects a leader', async () => {
    const { page, errors } = await openPage(browser(), '?seed=7');
    const leader = await waitForLeader(page);
    await expect(page.getByTestId(`node-${leader}`).getAttribute('aria-label')).resolves.toMatch(new RegExp(`^${leader}, leader, term \\d+`));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('k kills the leader and a new leader wins a higher term', async () => {
    const { page, errors } = await openPage(browser(), '?seed=11');
    await setSpeed(page, '4×');
    const first = await waitForLeader(page);
    const firstTerm = await termOf(page, first);
    await page.locator('body').press('k');
    await expect.poll(() => page.getByTestId(`node-${first}`).getAttribute('aria-label')).toBe(`${first}, crashed`);
    const second = await waitForLeader(page, first);
    expect(second).not.toBe(first);
    expect(await termOf(page, second)).toBeGreaterThan(firstTerm);
    await expect.poll(() => page.getByTestId('event-log').textContent()).toContain(`${first} crashed`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a stroke dragged across a link cuts it, and no message crosses it while cut', async () => {
    const { page, errors } = await openPage(browser(), '?seed=5&autoplay=0');
    await page.getByTestId('trace-hash').waitFor();
    const link = page.getByTestId('link-n1-n2');
    await expect(link.getAttribute('data-state')).resolves.toBe('up');
    // A short stroke across the middle of n1–n2, perpendicular to it.
    const a = await center(page, 'node-n1');
    const b = await center(page, 'node-n2');
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
    await page.mouse.move(mid.x - normal.x * 30, mid.y - normal.y * 30);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(mid.x + normal.x * (-30 + 10 * i), mid.y + normal.y * (-30 + 10 * i));
    await page.mouse.up();
    await expect.poll(() => link.getAttribute('data-state')).toBe('cut');
    await expect(link.getAttribute('aria-label')).resolves.toBe('link n1–n2, cut');
    await expect.poll(() => page.getByTestId('event-log').textContent()).toContain('link n1–n2 cut');

    // Play and sample the stage: any message between n1 and n2 must be one already marked cut.
    await setSpeed(page, '1×');
    await page.getByTestId('play-pause').click();
    const crossing: string[] = [];
    let seen = 0;
    for (let sample = 0; sample < 30; sample++) {
      seen += await page.getByTestId('message').count();
      const live = await page.$$eval('[data-testid="message"]', (nodes) =>
        nodes
          .map((node) => ({ from: node.getAttribute('data-from'), to: node.getAttribute('data-to'), fate: node.getAttribute('data-fate') }))
          .filter((m) => ((m.from === 'n1' && m.to === 'n2') || (m.from === 'n2' && m.to === 'n1')) && (m.fate === 'in-flight' || m.fate === 'duplicated')),
      );
      crossing.push(...live.map((m) => `${m.from}->${m.to}`));
      await nextFrame(page);
    }
    expect(crossing).toEqual([]);
    // Other links still carry traffic, so the sampling saw a live cluster.
    expect(seen).toBeGreaterThan(10);
    const events = Number((await page.getByTestId('event-count').textContent())?.replace(/\D/g, ''));
    expect(events).toBeGreaterThan(20);

    // Clicking the cut link heals it.
    await link.click();
    await expect.poll(() => link.getAttribute('data-state')).toBe('up');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the same ?seed reproduces the same run', async () => {
    async function hashAfterSteps(): Promise<{ hash: string; time: string }> {
      const { page } = await openPage(browser(), '?seed=42&autoplay=0');
      await page.getByTestId('trace-hash').waitFor();
      // Step one moment at a time, waiting for each step's frame before the next click.
      for (let i = 0; i < 25; i++) {
        const before = await page.getByTestId('virtual-time').textContent();
        await page.getByTestId('step').click();
        await expect.poll(() => page.getByTestId('virtual-time').textContent()).not.toBe(before);
      }
      const result = { hash: (await page.getByTestId('trace-hash').textContent()) ?? '', time: (await page.getByTestId('virtual-time').textContent()) ?? '' };
      await page.context().close();
      return result;
    }
    const first = await hashAfterSteps();
    const second = await hashAfterSteps();
    expect(first.hash).toMatch(/[0-9a-f]{16}/);
    expect(second).toEqual(first);
  });

  it('clicking a node opens its menu and crash/restart act on it', async () => {
    const { page, errors } = await openPage(browser(), '?seed=3&autoplay=0');
    await page.getByTestId('trace-hash').waitFor();
    await page.getByTestId('node-n2').click();
    await page.getByTestId('menu-crash').click();
    await expect.poll(() => page.getByTestId('node-n2').getAttribute('aria-label')).toBe('n2, crashed');
    if (!(await page.getByTestId('menu-restart').isVisible())) await page.getByTestId('node-n2').click();
    await page.getByTestId('menu-restart').click();
    await expect.poll(() => page.getByTestId('node-n2').getAttribute('aria-label')).toMatch(/^n2, follower/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a violation pauses playback and is shown plainly with its seed', async () => {
    // Raft without the vote-once rule (a deliberate bug, see the raft params): two leaders in one term.
    const scenario = defaultScenario('raft', 2);
    scenario.params = { ...scenario.params, bug: 'vote-twice' };
    // Opened paused, so the violation cannot happen while the test is still choosing the speed.
    const { page } = await openPage(browser(), `?${encodeShareState({ scenario, cursorMs: 0 })}&autoplay=0`);
    await choose(page, 'speed', { label: '1×' });
    await page.getByTestId('play-pause').click();
    const alert = page.getByTestId('violation');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getAttribute('role')).toBe('alert');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('election-safety');
    expect(text).toContain('seed 2');
    await expect.poll(() => page.getByTestId('playback-state').textContent()).toContain('paused');
    await page.context().close();
  });

  it('the "break a rule" box reloads the run with the vote-twice bug, and the invariant catches it', async () => {
    // Opened paused: played from the start, the violation could pause the run before the test
    // presses Play, which would then play on past it.
    const { page, errors } = await openPage(browser(), '?seed=2&autoplay=0');
    await page.getByTestId('trace-hash').waitFor();
    expect(await page.getByTestId('bug-warning').count()).toBe(0);
    await page.getByTestId('bug-vote-twice').check();
    await page.getByTestId('bug-warning').waitFor();
    await expect.poll(() => page.getByTestId('seed').textContent()).toBe('2');
    // The share link records the broken rule.
    await expect
      .poll(() => {
        const decoded = decodeShareState(new URL(page.url()).search);
        return decoded.kind === 'ok' ? decoded.state.scenario.params?.bug : undefined;
      })
      .toBe('vote-twice');
    await setSpeed(page, '1×');
    await setPlaying(page, true);
    const alert = page.getByTestId('violation');
    await alert.waitFor({ timeout: 20_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('election-safety');
    expect(text).toContain('seed 2');
    await expect.poll(() => page.getByTestId('playback-state').textContent()).toContain('paused');
    expect(await page.getByTestId('bug-vote-twice').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
