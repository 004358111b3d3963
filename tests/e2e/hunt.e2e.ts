// The bug hunt in Chromium: on the Raft lab with the vote-twice rule broken, a small hunt on the
// page's worker pool finds failing seeds, and a finding's link opens its shrunk scenario paused
// one millisecond before the violation; one step shows election safety break. On the messaging lab,
// which checks its runs rather than every event, a hunt with non-idempotent consumers finds an
// effect applied twice, and its link opens where the lab's panel has not counted one yet.
import { describe, expect, it } from 'vitest';
import { decodeShareState } from '../../src/share';
import { openPage, useBrowser } from './browser';
import { frameTime, openMore, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

describe('bug hunt', () => {
  it('finds vote-twice violations in seeds 1..40 and opens one paused just before it happens', async () => {
    const { page, errors } = await openPage(browser(), '?lab=raft&seed=1&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('bug-vote-twice').check();
    await page.getByTestId('bug-warning').waitFor();

    await openMore(page);
    await page.getByTestId('hunt-button').click();
    await page.getByRole('dialog', { name: 'Bug hunt' }).waitFor();
    expect(await page.getByTestId('hunt-rule-vote-twice').isChecked()).toBe(true);
    await page.getByTestId('hunt-from').fill('1');
    await page.getByTestId('hunt-to').fill('40');
    await page.getByTestId('hunt-start').click();

    const done = page.locator('[data-testid="hunt-progress"][data-status="done"]');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.getAttribute('data-done')).toBe('40');
    const found = Number(await done.getAttribute('data-found'));
    expect(found).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('hunt-finding').count()).toBe(found);
    expect(await page.locator('[data-testid="hunt-tally"] [data-invariant="election-safety"]').count()).toBe(1);

    const finding = page.getByTestId('hunt-finding').first();
    const seed = Number(await finding.getAttribute('data-seed'));
    const violationMs = Number(await finding.getAttribute('data-time'));
    await finding.getByTestId('hunt-link').click();
    await page.getByRole('dialog', { name: 'Bug hunt' }).waitFor({ state: 'detached' });

    // Paused at the cursor the link holds, one millisecond before the violation, none shown yet.
    await page.waitForFunction(
      ([time, expectedSeed]) =>
        document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === String(time) &&
        document.querySelector('[data-testid="seed"]')?.textContent?.trim() === String(expectedSeed),
      [violationMs - 1, seed],
      { timeout: 20_000 },
    );
    expect(await page.getByTestId('playback-state').textContent()).toContain('paused');
    expect(await page.getByTestId('violation').count()).toBe(0);
    await expect.poll(() => {
      const decoded = decodeShareState(new URL(page.url()).search);
      return decoded.kind === 'ok' ? [decoded.state.scenario.seed, decoded.state.scenario.params?.bug, decoded.state.cursorMs] : decoded;
    }).toEqual([seed, 'vote-twice', violationMs - 1]);

    // One step: the violation, at exactly the time the hunt reported.
    await page.keyboard.press('ArrowRight');
    const alert = page.getByTestId('violation');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('election-safety');
    expect(await alert.textContent()).toContain(`seed ${seed}`);
    expect(await frameTime(page)).toBe(violationMs);
    expect(await page.getByTestId('playback-state').textContent()).toContain('paused');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('messaging with non-idempotent consumers: finds an effect applied twice and opens just before it', async () => {
    const { page, errors } = await openPage(browser(), '?lab=messaging&seed=1&autoplay=0');
    await waitForLab(page);
    await openMore(page);
    await page.getByTestId('hunt-button').click();
    await page.getByRole('dialog', { name: 'Bug hunt' }).waitFor();
    expect(await page.getByTestId('hunt-invariants').textContent()).toContain('effect-applied-twice');
    await page.getByTestId('hunt-rule-not-idempotent').check();
    await page.getByTestId('hunt-from').fill('1');
    await page.getByTestId('hunt-to').fill('6');
    await page.getByTestId('hunt-start').click();

    const done = page.locator('[data-testid="hunt-progress"][data-status="done"]');
    await done.waitFor({ timeout: 30_000 });
    expect(Number(await done.getAttribute('data-found'))).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid="hunt-tally"] [data-invariant="effect-applied-twice"]').count()).toBe(1);

    const finding = page.getByTestId('hunt-finding').first();
    const duplicateMs = Number(await finding.getAttribute('data-time'));
    await finding.getByTestId('hunt-link').click();
    await page.getByRole('dialog', { name: 'Bug hunt' }).waitFor({ state: 'detached' });
    await page.waitForFunction((time) => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === String(time), duplicateMs - 1, { timeout: 20_000 });
    expect(await page.getByTestId('duplicated-effects').getAttribute('data-count')).toBe('0');

    // One step: the second application, which the lab's own panel now counts.
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid="duplicated-effects"]:not([data-count="0"])', { timeout: 20_000 });
    expect(await frameTime(page)).toBeGreaterThanOrEqual(duplicateMs);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
