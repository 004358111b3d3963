// The eight fallacies tour on the home page: step through it, follow two step links, and check
// each opens its lab with the knob set — the trust lab tampering with MACs off, the membership
// lab on all-to-all heartbeats with 32 members.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

describe('the fallacies tour in Chromium', () => {
  it('walks the eight fallacies, and its links open labs with the knob set', async () => {
    const { page, errors } = await openPage(browser(), '');
    await page.getByTestId('fallacies-tour').waitFor();
    expect(await page.getByTestId('fallacies-tour').getAttribute('data-step')).toBe('1');
    for (let step = 2; step <= 8; step++) {
      await page.getByTestId('fallacy-next').click();
      await page.waitForSelector(`[data-testid="fallacies-tour"][data-step="${step}"]`);
    }
    expect(await page.getByTestId('fallacy-next').isDisabled()).toBe(true);

    // "The network is secure": the trust lab, its router tampering, its nodes without MACs.
    await page.getByTestId('fallacy-secure').click();
    await page.waitForSelector('[data-testid="fallacies-tour"][data-fallacy="secure"]');
    expect(await page.getByTestId('fallacy-link').getAttribute('data-lab')).toBe('trust');
    await page.getByTestId('fallacy-link').click();
    await waitForLab(page);
    await page.waitForSelector('[data-testid="app"][data-lab="trust"]');
    await page.waitForSelector('[data-testid="trust-panels"][data-attack="tamper"][data-auth="none"]');
    expect(await page.$eval('[data-testid="bug-no-mac"]', (box) => (box as HTMLInputElement).checked)).toBe(true);

    // Back home, "Transport cost is zero": the membership lab on heartbeats, 32 members.
    await page.goBack();
    await page.getByTestId('fallacies-tour').waitFor();
    await page.getByTestId('fallacy-transport-cost').click();
    await page.waitForSelector('[data-testid="fallacies-tour"][data-fallacy="transport-cost"]');
    await page.getByTestId('fallacy-link').click();
    await waitForLab(page);
    await page.waitForSelector('[data-testid="app"][data-lab="membership"]');
    await page.waitForSelector('[data-testid="detector"]');
    expect(await page.$eval('[data-testid="detector"]', (select) => (select as HTMLSelectElement).value)).toBe('heartbeat');
    await page.waitForSelector('[data-testid="node-n32"]');
    expect(await page.$('[data-testid="node-n33"]')).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
