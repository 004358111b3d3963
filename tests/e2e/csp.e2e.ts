// The Content-Security-Policy the built page carries holds while people use it: playing, the
// space-time view, exports (PNG and SVG), the embed dialog and an embedded CAP lab report no violation.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, useBrowser } from './browser';
import { openMore, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

/** Collects securitypolicyviolation events from the page's start. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

describe('Content-Security-Policy', () => {
  it('is in the built page and nothing the playground does violates it', async () => {
    const { page, errors } = await openPage(browser(), '?lab=cap&autoplay=0', { acceptDownloads: true });
    const violations = await watchViolations(page);
    await page.reload();
    await waitForLab(page);
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
    for (let i = 0; i < 10; i++) await page.keyboard.press(']');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) >= 1000);
    await page.click('[data-testid="space-time-toggle"]');
    await page.waitForSelector('[data-testid="space-time-panel"]');
    for (const format of ['export-png', 'export-svg']) {
      await openMore(page);
      await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${format}"]`)]);
    }
    await openMore(page);
    await page.click('[data-testid="embed-button"]');
    await page.waitForSelector('[role="dialog"]');
    await page.keyboard.press('Escape');
    expect(await violations()).toEqual([]);
    expect(errors.filter((error) => /Content Security Policy/i.test(error))).toEqual([]);
    await page.context().close();
  });

  it('an embedded lab runs under it too', async () => {
    const { page } = await openPage(browser(), '?lab=cap&embed&autoplay=1');
    const violations = await watchViolations(page);
    await page.reload();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) > 0);
    expect(await violations()).toEqual([]);
    await page.context().close();
  });
});
