// The CRDT lab in Chromium: its tour run end to end with "Do it for me" (each step done on the
// lab's view: losses, agreement, overdraft), then the sandbox's interactions: the type picker
// switches every replica, and a replica's +1 button increments that replica.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('CRDT lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=crdt&seed=3&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '4');
    const texts = await followTour(page, 5);
    expect(texts[0]).toMatch(/max\(\) lost \d+/);
    expect(texts[2]).toMatch(/every increment/);
    expect(texts[3]).toMatch(/which the OR-Set keeps/);
    expect(texts[4]).toMatch(/balance fell to -\d+/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the type picker switches every replica; a replica\'s +1 increments it', async () => {
    const { page, errors } = await openPage(browser(), '?lab=crdt&seed=5&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    await page.getByTestId('crdt-type').selectOption('naive-counter');
    await expect.poll(() => page.getByTestId('replica-value-n2').textContent()).toBe('0');
    await page.getByTestId('op-n2-inc').click();
    await expect.poll(() => page.getByTestId('replica-value-n2').textContent()).toBe('1');
    expect(await page.getByTestId('replica-value-n1').textContent()).toBe('0');
    await page.getByTestId('crdt-type').selectOption('or-set');
    await expect.poll(() => page.getByTestId('replica-value-n2').textContent()).toBe('{}');
    expect(await page.getByTestId('op-n2-add').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
