// The hashing lab in Chromium: its seven-step tour run end to end with "Do it for me" (each step
// done on the lab's view of the engine: recorded changes, settled transfers, keys and requests per
// node), then the sandbox's key interaction: add a node and remove one from the side panel, and
// watch the moves chart, the ring's membership and the picked key's holders follow.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser';
import { choose, setPlaying, waitForLab } from './fixtures/lab-page';
import { followTour } from './fixtures/tour';

const browser = useBrowser();

describe('hashing lab in Chromium', () => {
  it('the tour runs end to end with "Do it for me" and ends in the sandbox', async () => {
    const { page, errors } = await openPage(browser(), '?lab=hashing&seed=1&autoplay=0');
    await waitForLab(page);
    await choose(page, 'speed', '16');
    const texts = await followTour(page, 7, { stepTimeoutMs: 20_000 });
    expect(texts[0]).toMatch(/n9 joined: \d+ of 200 keys/);
    expect(texts[1]).toMatch(/n1 left: (\d+) of 200 keys .*; \1 of them were n1’s/);
    expect(texts[2]).toMatch(/with hash mod N, n1 joining: (1[0-9]{2}) of 200 keys/);
    expect(texts[3]).toMatch(/with one token per node, the busiest node/);
    expect(texts[5]).toMatch(/every key is on 3 nodes/);
    expect(texts[6]).toMatch(/it is k1’s first replica/);
    expect(await page.getByTestId('replicas').getAttribute('data-value')).toBe('3');
    expect(await page.getByTestId('access').inputValue()).toBe('hot');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('adding and removing a node from the side panel moves keys, and the ring and charts follow', async () => {
    const { page, errors } = await openPage(browser(), '?lab=hashing&seed=2&autoplay=0');
    await waitForLab(page);
    await page.getByTestId('tour-skip').click();
    const members = page.getByTestId('ring-members');
    expect(await members.getAttribute('data-members')).toBe('n1,n2,n3,n4,n5,n6,n7,n8');
    expect(await page.getByTestId('keys-chart').getAttribute('data-bars')).toBe('8');

    await page.getByTestId('add-node').click();
    await choose(page, 'speed', '4');
    await setPlaying(page, true);
    await page.waitForSelector('[data-testid="ring-members"][data-members="n1,n2,n3,n4,n5,n6,n7,n8,n9"][data-settled="true"]');
    await page.waitForSelector('[data-testid="moves-bar"][data-kind="join"]');
    expect(Number(await page.getByTestId('moves-bar').first().getAttribute('data-moved'))).toBeGreaterThan(0);
    expect(await page.getByTestId('keys-chart').getAttribute('data-bars')).toBe('9');

    await setPlaying(page, false);
    await page.getByTestId('remove-choice').selectOption('n3');
    await page.getByTestId('remove-node').click();
    await setPlaying(page, true);
    await page.waitForSelector('[data-testid="ring-members"][data-members="n1,n2,n4,n5,n6,n7,n8,n9"][data-settled="true"]');
    await page.waitForSelector('[data-testid="moves-bar"][data-kind="leave"]');
    expect(await page.getByTestId('keys-chart').getAttribute('data-bars')).toBe('8');
    expect(await page.locator('[data-testid="keys-chart-bar"][data-node="n3"]').count()).toBe(0);

    // The picked key's preference list matches the nodes that really hold it once settled.
    await page.getByTestId('key-choice').selectOption({ label: 'k7' });
    const picked = page.getByTestId('preference-list');
    expect(await picked.getAttribute('data-key')).toBe('k7');
    expect(await picked.getAttribute('data-agrees')).toBe('true');
    expect(await picked.getAttribute('data-nodes')).not.toContain('n3');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
