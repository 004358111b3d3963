// The stage in a real browser: frame times while playing — the Raft lab with 9 nodes at 1× and at
// full speed, and the echo lab's 64-member layout — with p95 and worst frame, long tasks (over
// 50 ms, from a PerformanceObserver) and how many links the stage draws (active and cut ones only).
// Needs dist/ (npm run build) and Chromium; skipped, with the reason, when either is missing.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { preview } from 'vite';

export interface StageFigures {
  name: string;
  members: number;
  seconds: number;
  fps: number;
  p95FrameMs: number;
  worstFrameMs: number;
  longTasks: number;
  longestTaskMs: number;
  linksDrawn: number;
  messagesDrawn: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Records requestAnimationFrame gaps for a while, then counts what the stage draws. A string,
 * not a function: the TypeScript runner would wrap a function in helpers the page lacks. */
const SAMPLE_FRAMES = `new Promise((resolve) => {
  const gaps = [];
  let last = performance.now();
  const end = last + DURATION_MS;
  const tick = (now) => {
    gaps.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(tick);
    else resolve({
      gaps,
      longTasks: window.__longTasks.slice(),
      links: document.querySelectorAll('[data-testid="stage"] [data-testid^="link-"]').length,
      messages: document.querySelectorAll('[data-testid="stage"] [data-message-id]').length,
    });
  };
  window.__longTasks.length = 0;
  requestAnimationFrame(tick);
})`;

const WATCH_LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); }).observe({ type: 'longtask', buffered: true });`;

interface Case {
  name: string;
  query: string;
  members: number;
  speed: string;
}

const CASES: Case[] = [
  { name: 'raft 9 nodes at 1×', query: '?lab=raft&nodes=9&autoplay=1', members: 11, speed: '1' },
  { name: 'raft 9 nodes at full speed', query: '?lab=raft&nodes=9&autoplay=1', members: 11, speed: '100' },
  { name: 'echo 64 servers at 1×', query: '?lab=echo&nodes=64&autoplay=1', members: 67, speed: '1' },
];

export async function benchStage(seconds = 4): Promise<StageFigures[] | { skipped: string }> {
  if (!existsSync('dist/index.html')) return { skipped: 'dist/ is not built (npm run build)' };
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const server = await preview({ build: { outDir: 'dist' }, preview: { port: 0, host: '127.0.0.1', open: false }, logLevel: 'error' });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const figures: StageFigures[] = [];
    for (const entry of CASES) figures.push(await measure(browser, `http://127.0.0.1:${port}/${entry.query}`, entry, seconds));
    return figures;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function measure(browser: Browser, url: string, entry: Case, seconds: number): Promise<StageFigures> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(WATCH_LONG_TASKS);
  await page.goto(url);
  await page.waitForSelector('[data-testid="stage"] svg');
  await page.click('[data-testid="speed"]');
  await page.click(`[data-testid="speed-options"] [data-value="${entry.speed}"]`);
  await page.waitForSelector(`[data-testid="speed"][data-value="${entry.speed}"]`);
  const sample = (await page.evaluate(SAMPLE_FRAMES.replace('DURATION_MS', String(seconds * 1000)))) as {
    gaps: number[]; longTasks: number[]; links: number; messages: number;
  };
  await page.close();
  const sorted = [...sample.gaps].sort((a, b) => a - b);
  const total = sample.gaps.reduce((sum, gap) => sum + gap, 0);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    name: entry.name,
    members: entry.members,
    seconds,
    fps: round(sample.gaps.length / (total / 1000)),
    p95FrameMs: round(sorted[Math.floor(sorted.length * 0.95)]),
    worstFrameMs: round(sorted[sorted.length - 1]),
    longTasks: sample.longTasks.length,
    longestTaskMs: round(Math.max(0, ...sample.longTasks)),
    linksDrawn: sample.links,
    messagesDrawn: sample.messages,
  };
}

export interface SeekFigures {
  openAtCursorMs: number;
  seekBackMs: number;
  seekForwardMs: number;
  cursorS: number;
}

/** A CAP link opened at a long cursor, then a seek back to 1 s and forward again, in Chromium:
 * wall time until the page shows each moment. */
export async function benchSeek(cursorS = 1800): Promise<SeekFigures | { skipped: string }> {
  if (!existsSync('dist/index.html')) return { skipped: 'dist/ is not built (npm run build)' };
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const { defaultScenario } = await import('../src/scenarios/catalog');
  const { encodeShareState } = await import('../src/share');
  const server = await preview({ build: { outDir: 'dist' }, preview: { port: 0, host: '127.0.0.1', open: false }, logLevel: 'error' });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  // Selectors, not predicate functions: the page's Content-Security-Policy forbids evaluating strings.
  const at = (ms: number) => `[data-testid="app"][data-frame-time="${ms}"]`;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const query = encodeShareState({ scenario: defaultScenario('cap', 1), cursorMs: cursorS * 1000 });
    let started = performance.now();
    await page.goto(`http://127.0.0.1:${port}/?${query}`);
    await page.waitForSelector(at(cursorS * 1000), { timeout: 600_000, state: 'attached' });
    const openAtCursorMs = Math.round(performance.now() - started);
    const seek = async (ms: number) => {
      started = performance.now();
      await page.evaluate(`document.querySelector('[data-testid="timeline"]').value = '${ms}'`);
      await page.dispatchEvent('[data-testid="timeline"]', 'input');
      await page.waitForSelector(at(ms), { timeout: 600_000, state: 'attached' });
      return Math.round(performance.now() - started);
    };
    const seekBackMs = await seek(1000);
    const seekForwardMs = await seek(cursorS * 1000);
    return { openAtCursorMs, seekBackMs, seekForwardMs, cursorS };
  } finally {
    await browser.close();
    await server.close();
  }
}
