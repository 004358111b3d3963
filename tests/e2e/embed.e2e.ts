// Embedding in Chromium: a host page drives the lab over postMessage and hears its events; the
// embed fits a 320×240 frame without scrolling; it pauses when scrolled out of sight.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/scenarios/catalog';
import { encodeShareState } from '../../src/share';
import { LAB_IDS } from '../../src/labs/registry';
import { baseUrl, openPage, openPageIn, useBrowser, useContext } from './browser';
import { hostPage } from './fixtures/host-page';
import { expectFit, openMore, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();
const labContext = useContext(browser);

type LabEvent = { type: string; [key: string]: unknown };

async function events(page: Page): Promise<LabEvent[]> {
  return page.evaluate(() => (window as unknown as { labEvents: LabEvent[] }).labEvents);
}

async function waitForEvent(page: Page, predicate: string): Promise<LabEvent> {
  const handle = await page.waitForFunction(
    (source) => (window as unknown as { labEvents: LabEvent[] }).labEvents.find(new Function('e', `return ${source}`) as (e: LabEvent) => boolean),
    predicate,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as LabEvent;
}

async function send(page: Page, data: unknown): Promise<void> {
  await page.evaluate((message) => (window as unknown as { sendToLab: (m: unknown) => void }).sendToLab(message), data);
}

async function openHost(labQuery: string, options: Parameters<typeof hostPage>[1] = {}) {
  const { page, errors } = await openPage(browser(), '?autoplay=0');
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  // The host page is served as a page of its own (not written into the lab's document, whose
  // Content-Security-Policy forbids inline scripts), as a blog would serve it.
  const hostUrl = new URL('host-page-for-tests.html', baseUrl()).toString();
  await page.route(hostUrl, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(new URL(labQuery, baseUrl()).toString(), options) }));
  await page.goto(hostUrl);
  const frame = (await (await page.waitForSelector('#lab')).contentFrame()) as Frame;
  return { page, frame, errors, warnings };
}

describe('embedded lab', () => {
  it('answers postMessage commands and emits ready, leader-elected and time events', async () => {
    const { page, frame, errors, warnings } = await openHost('?embed&autoplay=0&seed=4');
    const ready = await waitForEvent(page, "e.type === 'splitbrain:ready'");
    expect(ready.lab).toBe('raft');
    await waitForLab(frame);

    await send(page, { type: 'splitbrain:seek', timeMs: 1000 });
    await waitForEvent(page, "e.type === 'splitbrain:time' && e.timeMs === 1000");
    const elected = await waitForEvent(page, "e.type === 'splitbrain:leader-elected'");
    expect(elected.leader).toMatch(/^n[1-5]$/);
    expect(elected.term).toBeGreaterThan(0);

    await send(page, { type: 'splitbrain:inject', action: { do: 'crash', node: 'leader' } });
    await frame.waitForSelector(`[data-testid="node-${elected.leader}"][data-role="crashed"]`);
    await send(page, { type: 'splitbrain:seek', timeMs: 2500 });
    await waitForEvent(page, `e.type === 'splitbrain:leader-elected' && e.leader !== '${elected.leader}'`);

    await send(page, { type: 'splitbrain:play' });
    await frame.waitForSelector('[data-testid="play-pause"][aria-label="Pause"]');
    await waitForEvent(page, "e.type === 'splitbrain:time' && e.timeMs > 2500");
    await send(page, { type: 'splitbrain:pause' });
    await frame.waitForSelector('[data-testid="play-pause"][aria-label="Play"]');

    await send(page, { type: 'splitbrain:seek', timeMs: 'soon' });
    await send(page, { type: 'splitbrain:inject', action: { do: 'crash', node: 'n42' } });
    await send(page, 'hello');
    await page.waitForFunction(() => true);
    await expect.poll(() => warnings.filter((text) => text.startsWith('Splitbrain ignored')).length).toBe(3);
    expect(await frame.locator('[data-testid="trace-hash"]').count()).toBe(1);
    expect((await events(page)).every((event) => String(event.type).startsWith('splitbrain:'))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('obeys only its parent: a third-party frame on the same page cannot load a scenario into it', async () => {
    // A sibling frame (a widget, an ad) reaches the lab's window and posts a load to it.
    const intruder = `<iframe id="intruder" srcdoc="${`<script>window.attack = () => parent.document.getElementById('lab').contentWindow.postMessage({ type: 'splitbrain:load', scenario: { lab: 'cap', seed: 3, nodes: 5, actions: [] } }, '*');</script>`.replace(/"/g, '&quot;')}"></iframe>`;
    const { page, frame } = await openHost('?embed&autoplay=0&seed=4', { extraHtml: intruder });
    await waitForEvent(page, "e.type === 'splitbrain:ready'");
    await waitForLab(frame);
    const sibling = page.frames().find((f) => f.url() === 'about:srcdoc');
    await sibling!.evaluate(() => (window as unknown as { attack: () => void }).attack());
    // The parent's own command still works, and after it the lab is still the Raft run it was.
    await send(page, { type: 'splitbrain:seek', timeMs: 700 });
    await waitForEvent(page, "e.type === 'splitbrain:time' && e.timeMs === 700");
    expect(await frame.getAttribute('[data-testid="app"]', 'data-lab')).toBe('raft');
    expect((await events(page)).filter((event) => event.type === 'splitbrain:ready')).toHaveLength(1);
    await page.context().close();
  });

  it('pauses when scrolled out of sight and resumes when seen again', async () => {
    const { page, frame } = await openHost('?embed&autoplay=1&seed=2', { spacerPx: 50 });
    await waitForLab(frame);
    await frame.waitForSelector('[data-testid="play-pause"][aria-label="Pause"]');
    await page.evaluate(() => window.scrollTo(0, 2500));
    await frame.waitForSelector('[data-testid="play-pause"][aria-label="Play"]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await frame.waitForSelector('[data-testid="play-pause"][aria-label="Pause"]');
    await page.context().close();
  });

  it('fits a 320×240 frame: no scrolling, every part of the stage inside', async () => {
    const { page, errors } = await openPage(browser(), '?embed&autoplay=0&seed=3', { viewport: { width: 320, height: 240 } });
    await waitForLab(page);
    await page.keyboard.press(']');
    await page.screenshot({ path: 'test-results/embed-320x240.png' });
    await expectFit(page);
    for (const id of ['play-pause', 'step', 'timeline']) expect(await page.locator(`[data-testid="${id}"]`).isVisible()).toBe(true);
    // The trace hash rides on the "open in Splitbrain" link, out of the timeline's way.
    expect(await page.locator('[data-testid="trace-hash"]').textContent()).toMatch(/^[0-9a-f]{16}$/);
    expect(await page.locator('[data-testid="inspector"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('fits the CAP lab in a 320×240 frame too', async () => {
    const { page, errors } = await openPage(browser(), '?embed&lab=cap&autoplay=0&seed=3', { viewport: { width: 320, height: 240 } });
    await waitForLab(page);
    await page.waitForSelector('[data-testid="app"][data-lab="cap"]');
    // Play until the checker has judged some operations: its verdict shows on the stage.
    await page.getByTestId('play-pause').click();
    await page.waitForSelector('[data-testid="embed-verdict"][data-verdict="linearizable"]', { timeout: 20_000 });
    await page.getByTestId('play-pause').click();
    await page.screenshot({ path: 'test-results/embed-cap-320x240.png' });
    await expectFit(page);
    for (const id of ['play-pause', 'timeline', 'embed-verdict']) expect(await page.locator(`[data-testid="${id}"]`).isVisible()).toBe(true);
    expect(await page.textContent('[data-testid="embed-verdict"]')).toContain('CP');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('offers the snippet for the current moment in the Embed dialog', async () => {
    const { page } = await openPage(browser(), '?autoplay=0&seed=8');
    await waitForLab(page);
    await page.keyboard.press(']');
    await page.waitForFunction(() => location.search.includes('s='));
    await openMore(page);
    await page.click('[data-testid="embed-button"]');
    const dialog = page.getByRole('dialog', { name: 'Embed this lab' });
    await dialog.waitFor();
    await page.check('[data-testid="embed-autoplay"]');
    await page.selectOption('[data-testid="embed-controls"]', 'minimal');
    const snippet = (await page.inputValue('[data-testid="embed-snippet"]')).replaceAll('&#38;', '&');
    expect(snippet).toMatch(/^<iframe src="[^"]*\?embed&v=1&lab=raft&s=/);
    expect(snippet).toContain('autoplay=1');
    expect(snippet).toContain('controls=minimal');
    expect(snippet).toContain('start=100');
    await page.click('[data-testid="embed-copy"]');
    await page.waitForSelector('[data-testid="embed-copy-status"]:has-text("Copied")');
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    await page.context().close();
  });

  it.each(LAB_IDS)('draws %s lab node labels at least 11 px high (tier headings 9.5) in a 480×360 frame', async (lab) => {
    const { page, errors } = await openPageIn(labContext(), `?lab=${lab}&embed&autoplay=0&seed=2`, { width: 480, height: 360 });
    await waitForLab(page);
    await page.screenshot({ path: `test-results/embed-${lab}-480x360.png` });
    // The computed font size times the SVG's scale: the size on screen.
    const sizes = await page.evaluate(() =>
      // The members' labels (a client drawn small beside its node is not a member of the cluster).
      [...document.querySelectorAll<SVGTextElement>('[data-testid="stage"] g.node:has(circle.body) text.id')].map((text) => {
        const scale = text.getScreenCTM()?.a ?? 1;
        return Number.parseFloat(getComputedStyle(text).fontSize) * scale;
      }),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(11);
    // The tier headings and lane names grow too, as far as the room kept for them allows.
    const guideSizes = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>('[data-testid="stage"] .guides text')].map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 1)),
    );
    for (const size of guideSizes) expect(size, 'a tier heading or lane name').toBeGreaterThanOrEqual(9.5);
    await expectFit(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers ▶ Play on the first frame, which starts playback and goes away', async () => {
    const { page, errors } = await openPage(browser(), '?embed&autoplay=0&seed=2', { viewport: { width: 480, height: 360 } });
    await waitForLab(page);
    const overlay = page.getByTestId('play-overlay');
    await overlay.waitFor();
    await overlay.click();
    await page.waitForSelector('[data-testid="play-pause"][aria-label="Pause"]');
    await overlay.waitFor({ state: 'detached' });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) > 0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says in one sentence on the embed why it stopped when a broken rule causes a violation', async () => {
    const scenario = defaultScenario('raft', 2);
    scenario.params = { ...scenario.params, bug: 'vote-twice' };
    const { page } = await openPage(browser(), `?embed&autoplay=1&${encodeShareState({ scenario, cursorMs: 0 })}`, {
      viewport: { width: 480, height: 360 },
    });
    const sentence = page.getByTestId('embed-violation');
    await sentence.waitFor({ timeout: 20_000 });
    expect(await sentence.getAttribute('role')).toBe('alert');
    expect(await sentence.textContent()).toMatch(/^Election safety broken at \d+\.\d{3} s: two leaders in term \d+: n\d and n\d\.$/);
    await page.screenshot({ path: 'test-results/embed-violation-480x360.png' });
    await expectFit(page);
    await page.context().close();
  });

  it('keeps the legend and the node menu inside a 320×240 frame', async () => {
    const { page, errors } = await openPage(browser(), '?embed&lab=cap&autoplay=0&seed=3', { viewport: { width: 320, height: 240 } });
    await waitForLab(page);
    // The first click on the stage plays (the overlay); pause again to look around.
    await page.getByTestId('play-overlay').click();
    await page.getByTestId('play-pause').click();
    await page.waitForSelector('[data-testid="play-pause"][aria-label="Play"]');
    await page.getByTestId('legend-toggle').click();
    await page.getByTestId('legend').waitFor();
    const inside = async (selector: string) => {
      const box = (await page.locator(selector).boundingBox())!;
      return box.x >= 0 && box.y >= 0 && box.x + box.width <= 320.5 && box.y + box.height <= 240.5;
    };
    expect(await inside('#embed-legend')).toBe(true);
    await page.getByTestId('legend-toggle').click();
    await page.getByTestId('node-n3').click({ force: true });
    await page.getByTestId('node-menu').waitFor();
    await page.screenshot({ path: 'test-results/embed-menu-320x240.png' });
    expect(await inside('[data-testid="node-menu"]')).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
