// The Paxos lab in Chromium: its six-step tour run end to end with "Do it for me" (each step done
// on the lab's view of engine state or on the invariant's violation), then the side panel's key
// interaction: backoff off and a duel keep a slot empty while pre-emptions climb; backoff on fills it.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForCount, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('Paxos lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=paxos&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts = await followTour(page, 6, { stepTimeoutMs: 20_000 });
    expect(texts[0]).toMatch(/[AB]1 was chosen for slot 1 at ballot \d+\.\d: 3 of 5 acceptors accepted it/);
    expect(texts[1]).toMatch(/[AB]1 was chosen again, at ballot \d+\.\d/);
    expect(texts[2]).toMatch(/pre-empted each other \d+ times and slot 2 still has no value/);
    expect(texts[3]).toMatch(/with randomised backoff, [AB]2 was chosen for slot 2/);
    expect(texts[4]).toMatch(/slots were chosen with phase 2 alone, led by p\d/);
    expect(texts[5]).toMatch(/the agreement invariant caught it: two values chosen for slot 1/);
    // What the stage and panels say agrees: the violation is shown, and the log flags slot 1.
    await page.getByTestId('violation').waitFor();
    expect(await page.getByTestId('paxos-safety').getAttribute('data-safe')).toBe('false');
    expect(await page.getByTestId('slot-1').getAttribute('data-conflict')).toMatch(/^[A-Z]1$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('with backoff off a duel keeps the slot empty while pre-emptions climb; backoff on fills it', async () => {
    const { page, errors } = await openPage(browser(), '?lab=paxos&seed=4&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await choose(page, 'speed', '4');
    await setPlaying(page, true);
    await page.waitForSelector('[data-testid="slot-1"]:not([data-chosen=""])', { timeout: 20_000 });
    await page.getByTestId('switch-backoff').click();
    await expect.poll(() => page.getByTestId('switch-backoff').getAttribute('data-checked')).toBe('false');
    // Wait for both proposers to stop working on slot 1 before the duel.
    await page.waitForSelector('[data-testid="proposer-p1"][data-phase="idle"]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid="proposer-p2"][data-phase="idle"]', { timeout: 20_000 });
    const before = Number(await page.getByTestId('paxos-counts').getAttribute('data-preemptions'));
    await page.getByTestId('propose-duel').click();
    await waitForCount(page, 'paxos-counts', 'data-preemptions', before + 8);
    // The duelled slot is listed, and still empty (read at once: no waiting for it to change).
    expect(await page.$eval('[data-testid="slot-2"]', (row) => row.getAttribute('data-chosen'))).toBe('');
    await page.getByTestId('switch-backoff').click();
    await expect.poll(() => page.getByTestId('switch-backoff').getAttribute('data-checked')).toBe('true');
    await page.waitForSelector('[data-testid="slot-2"]:not([data-chosen=""])', { timeout: 20_000 });
    expect(await page.getByTestId('slot-2').getAttribute('data-chosen')).toMatch(/^[AB]2$/);
    expect(await page.getByTestId('paxos-safety').getAttribute('data-safe')).toBe('true');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
