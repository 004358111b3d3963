// Playback that stops exactly where it must, and host commands that race: a violation pauses on
// the violating event at every speed (and the link records that moment); a host's load followed
// at once by a seek loads, says ready, and lands on the seek.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { defaultScenario } from '../../src/scenarios/catalog';
import { runHeadless } from '../../src/scenarios/headless';
import type { Scenario } from '../../src/scenarios/scenario';
import { encodeShareState } from '../../src/share';
import { baseUrl, openPage, useBrowser } from './browser';
import { hostPage } from './fixtures/host-page';

const browser = useBrowser();

/** Raft with the vote-once rule broken (the README's "break it on purpose"), quiet clients. */
const { workload: _quiet, ...quietRaft } = defaultScenario('raft', 2);
const broken: Scenario = { ...quietRaft, params: { ...quietRaft.params, bug: 'vote-twice' } };
const violationMs = runHeadless({ ...broken, until: 5000 }).violations[0].timeMs;

async function appAttr(page: Page, name: string): Promise<string | null> {
  return page.getAttribute('[data-testid="app"]', name);
}

describe('exact stops', () => {
  it.each([0.1, 1, 16, 100])('at %s× playback pauses on the violating event, and the link records it', async (speed) => {
    const query = encodeShareState({ scenario: broken, cursorMs: 0, view: { speed } });
    const { page } = await openPage(browser(), `?${query}&autoplay=1`);
    await page.waitForSelector('[data-testid="violation"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="play-pause"][data-playing="false"]');
    await page.waitForFunction((ms) => document.querySelector('[data-testid="app"]')?.getAttribute('data-link-time') === String(ms), violationMs);
    expect(Number(await appAttr(page, 'data-frame-time'))).toBe(violationMs);
    await page.context().close();
  });
});

describe('host commands that race', () => {
  it('a load and a seek sent in the same tick: the new scenario loads, the host hears ready, the seek lands', async () => {
    const { page } = await openPage(browser(), '?lab=raft&autoplay=0');
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    const hostUrl = new URL('race-host-for-tests.html', baseUrl()).toString();
    await page.route(hostUrl, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(new URL('?embed&autoplay=0&seed=4', baseUrl()).toString()) }));
    await page.goto(hostUrl);
    await page.waitForFunction(() => (window as unknown as { labEvents: { type: string }[] }).labEvents.some((e) => e.type === 'splitbrain:ready'));
    const scenario = defaultScenario('cap', 9);
    await page.evaluate((next) => {
      const send = (window as unknown as { sendToLab: (m: unknown) => void }).sendToLab;
      send({ type: 'splitbrain:load', scenario: next });
      send({ type: 'splitbrain:seek', timeMs: 1500 });
    }, scenario);
    await page.waitForFunction(() => (window as unknown as { labEvents: { type: string; lab?: string }[] }).labEvents.some((e) => e.type === 'splitbrain:ready' && e.lab === 'cap'));
    const frame = page.frames().find((f) => f.url().includes('embed'))!;
    await frame.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '1500');
    expect(await frame.getAttribute('[data-testid="app"]', 'data-lab')).toBe('cap');
    expect(warnings.filter((text) => text.includes('ignored a scenario'))).toEqual([]);
    await page.context().close();
  });
});

describe('long links', () => {
  it('a CAP link at a 600 s cursor opens there, and seeks back and forward land exactly', async () => {
    const query = encodeShareState({ scenario: defaultScenario('cap', 1), cursorMs: 600_000 });
    const { page, errors } = await openPage(browser(), `?${query}`);
    await page.waitForSelector('[data-testid="app"][data-frame-time="600000"]', { state: 'attached', timeout: 120_000 });
    expect(await appAttr(page, 'data-link-time')).toBe('600000');
    for (const target of [1000, 600_000]) {
      await page.evaluate(`document.querySelector('[data-testid="timeline"]').value = '${target}'`);
      await page.dispatchEvent('[data-testid="timeline"]', 'input');
      await page.waitForSelector(`[data-testid="app"][data-frame-time="${target}"]`, { state: 'attached', timeout: 60_000 });
    }
    await page.waitForSelector('[data-testid="verdict"]');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
