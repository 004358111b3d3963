// The stage at scale in a real browser: the echo lab with 64 servers and 3 clients, playing at
// 1×, measured over a few wall seconds: frames drawn per second (requestAnimationFrame), the
// slowest frames, and how many links the stage draws (only active and cut ones, not 2,016).
// Needs dist/ (npm run build) and Chromium; skipped, with the reason, when either is missing.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

export interface StageFigures {
  members: number;
  seconds: number;
  fps: number;
  p95FrameMs: number;
  worstFrameMs: number;
  linksDrawn: number;
  possibleLinks: number;
  messagesDrawn: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Records requestAnimationFrame gaps for a while, then counts what the stage draws. */
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
      links: document.querySelectorAll('[data-testid="stage"] [data-testid^="link-"]').length,
      messages: document.querySelectorAll('[data-testid="stage"] [data-message-id]').length,
    });
  };
  requestAnimationFrame(tick);
})`;

export async function benchStage(servers = 64, seconds = 4): Promise<StageFigures | { skipped: string }> {
  if (!existsSync('dist/index.html')) return { skipped: 'dist/ is not built (npm run build)' };
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const server = await preview({ build: { outDir: 'dist' }, preview: { port: 0, host: '127.0.0.1', open: false }, logLevel: 'error' });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/?lab=echo&nodes=${servers}&autoplay=1`);
    await page.waitForSelector('[data-testid="stage"] svg');
    await page.selectOption('[data-testid="speed"]', '1').catch(() => undefined);
    // A string, not a function: the TypeScript runner would wrap a function in helpers the page lacks.
    const sample = (await page.evaluate(SAMPLE_FRAMES.replace('DURATION_MS', String(seconds * 1000)))) as { gaps: number[]; links: number; messages: number };
    const sorted = [...sample.gaps].sort((a, b) => a - b);
    const total = sample.gaps.reduce((sum, gap) => sum + gap, 0);
    const members = servers + 3;
    return {
      members,
      seconds,
      fps: Math.round((sample.gaps.length / (total / 1000)) * 10) / 10,
      p95FrameMs: Math.round(sorted[Math.floor(sorted.length * 0.95)] * 10) / 10,
      worstFrameMs: Math.round(sorted[sorted.length - 1] * 10) / 10,
      linksDrawn: sample.links,
      possibleLinks: (members * (members - 1)) / 2,
      messagesDrawn: sample.messages,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
