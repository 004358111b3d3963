// Launches Debian's Chromium through playwright-core (test tools may not download browsers here).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  return path;
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS, ...extraArgs] });
}

export function baseUrl(): string {
  return inject('baseUrl');
}

/** Opens the app at a path relative to the served root, in a context of its own, with console errors collected. */
export async function openPage(browser: Browser, path = '', options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
  return openPageIn(context, path);
}

/** Opens the app in a new page of an existing context, sized first if `viewport` is given. */
export async function openPageIn(context: BrowserContext, path = '', viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(new URL(path, baseUrl()).toString());
  return { page, errors };
}

/** One context for a test file's pages, so the browser fetches and compiles the app once for
 * them all, not once a page (no page of these files stores anything). */
export function useContext(browser: () => Browser): () => BrowserContext {
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    context = await browser().newContext();
  });
  afterAll(async () => {
    await context?.close();
  });
  return () => {
    if (!context) throw new Error('the browser context is not open yet');
    return context;
  };
}

/** One Chromium for a test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running yet');
    return browser;
  };
}
