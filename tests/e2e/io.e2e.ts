// Export and import in Chromium: PNG, SVG and JSON downloads; scenario and history files by the
// file picker and by drag and drop; and the whole app working with every outside request refused.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, openPage, useBrowser } from './browser';
import { openMore, waitForLab } from './fixtures/lab-page';

const browser = useBrowser();

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  await openMore(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

function jsonFile(name: string, value: unknown) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) };
}

describe('export', () => {
  it('saves the stage as SVG and PNG, and the history and scenario as JSON', async () => {
    const { page, errors } = await openPage(browser(), '?autoplay=0&seed=9', { acceptDownloads: true });
    await waitForLab(page);
    for (let i = 0; i < 5; i++) await page.keyboard.press(']');
    await page.waitForFunction(() => document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time') === '500');
    await page.click('[data-testid="node-n2"]');
    await page.click('[data-testid="menu-write"]');
    await page.keyboard.press('Escape');

    const svg = await download(page, 'export-svg');
    expect(svg.name).toBe('splitbrain-raft-seed9-at500ms-stage.svg');
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).toMatch(/^<\?xml/);
    expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svgText).toMatch(/style="[^"]*stroke-width/);

    const png = await download(page, 'export-png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(2000);

    const scenario = JSON.parse((await download(page, 'export-scenario')).bytes.toString('utf8'));
    expect(scenario).toMatchObject({ lab: 'raft', seed: 9, nodes: 5 });
    expect(scenario.actions).toEqual([{ do: 'request', node: 'n2', op: { f: 'write', key: 'x', value: 1 }, at: 500 }]);

    const history = JSON.parse((await download(page, 'export-history')).bytes.toString('utf8'));
    expect(Array.isArray(history)).toBe(true);
    expect(history[0]).toMatchObject({ type: 'invoke', f: 'write' });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('import', () => {
  it('loads a scenario, lists the problems of a bad one and counts a history', async () => {
    const { page, errors } = await openPage(browser(), '?lab=raft&autoplay=0');
    await waitForLab(page);
    await page.setInputFiles('[data-testid="import-file"]', jsonFile('bad.json', { lab: 'raft', seed: 3, nodes: 99, actions: [{ at: 5, do: 'explode' }] }));
    const problem = page.locator('[data-testid="import-error"]');
    await problem.waitFor();
    expect(await problem.getAttribute('role')).toBe('alert');
    expect(await problem.locator('li').count()).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('[data-testid="seed"]')).toBe('1');

    await page.setInputFiles('[data-testid="import-file"]', jsonFile('good.json', { lab: 'raft', seed: 77, nodes: 3, actions: [{ at: 400, do: 'crash', node: 'n1' }] }));
    await page.waitForSelector('[data-testid="seed"]:has-text("77")');
    expect(await page.locator('[data-testid^="node-n"]').count()).toBe(3);
    expect(await problem.count()).toBe(0);

    const history = [
      { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1 },
      { process: 0, type: 'ok', f: 'write', key: 'x', value: 1 },
    ];
    await page.setInputFiles('[data-testid="import-file"]', jsonFile('history.json', history));
    await page.waitForSelector('[data-testid="import-notice"]:has-text("2 events")');
    await page.waitForSelector('[data-testid="imported-history"][data-verdict="true"]');

    // A stale read: the checker (in the worker) says why, and the history view shows the lanes.
    const stale = [
      ...history,
      { process: 1, type: 'invoke', f: 'read', key: 'x', value: null },
      { process: 1, type: 'ok', f: 'read', key: 'x', value: null },
    ];
    await page.setInputFiles('[data-testid="import-file"]', jsonFile('stale.json', stale));
    await page.waitForSelector('[data-testid="imported-history"][data-verdict="false"]');
    expect(await page.textContent('[data-testid="imported-verdict"]')).toContain('Not linearizable');
    expect(await page.textContent('[data-testid="imported-why"]')).toMatch(/read/);
    expect(await page.locator('[data-testid="imported-history"] [data-testid="history-view"]').count()).toBe(1);
    await page.click('[data-testid="imported-close"]');
    expect(await page.locator('[data-testid="imported-history"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('takes a file dropped on the page', async () => {
    const { page } = await openPage(browser(), '?lab=raft&autoplay=0');
    await waitForLab(page);
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File([JSON.stringify({ lab: 'raft', seed: 31, nodes: 5, actions: [] })], 'dropped.json', { type: 'application/json' }));
      return data;
    });
    await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
    await page.waitForSelector('[data-testid="drop-overlay"]');
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await page.waitForSelector('[data-testid="seed"]:has-text("31")');
    expect(await page.locator('[data-testid="drop-overlay"]').count()).toBe(0);
    await page.context().close();
  });
});

describe('offline', () => {
  it('runs with every request outside the served folder refused', async () => {
    const context = await browser().newContext();
    const outside: string[] = [];
    const origin = new URL(baseUrl()).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(new URL('?lab=raft&autoplay=1', baseUrl()).toString());
    await waitForLab(page);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-frame-time')) > 50);
    expect(outside).toEqual([]);
    await context.close();
  });
});
