// The page address as the link to the current state: which parameters are the share link's,
// which are the page's own (embed, present, …), and how the first load reads them.
import type { Scenario } from '../../scenarios/scenario';
import { decodeShareState, type ShareView } from '../../share';

/** Parameters that belong to the share link; everything else in the query is kept as is. */
const SHARE_KEYS = new Set(['v', 'lab', 's', 'seed', 'nodes']);

/** The page path with `shareQuery` (from encodeShareState) and the page's own parameters kept. */
export function pageUrl(location: { pathname: string; search: string; hash: string }, shareQuery: string): string {
  const kept = location.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !SHARE_KEYS.has(decodeKey(part)));
  const query = [shareQuery, ...kept].filter((part) => part !== '').join('&');
  return `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
}

function decodeKey(part: string): string {
  const key = part.split('=')[0];
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

export interface InitialState {
  /** The scenario to load; null means "the default lab". */
  scenario: Scenario | null;
  cursorMs: number;
  view: ShareView;
  /** The sentence from decodeShareState when the link is broken. */
  error: string | null;
}

/** What the address asks for: a shared run, a simple `?seed=…`, nothing, or a broken link. */
export function readInitialState(search: string): InitialState {
  const decoded = decodeShareState(search);
  if (decoded.kind === 'ok') {
    return { scenario: decoded.state.scenario, cursorMs: decoded.state.cursorMs, view: decoded.state.view ?? {}, error: null };
  }
  return { scenario: null, cursorMs: 0, view: {}, error: decoded.kind === 'error' ? decoded.message : null };
}

/** True when the address has `name` at all (`?present`, `?present=1`). */
export function hasFlag(search: string, name: string): boolean {
  const value = new URLSearchParams(search).get(name);
  return value !== null && !/^(0|false|no|off)$/i.test(value);
}

/**
 * Calls `run` at most once per `intervalMs` of wall time (the last request in a burst is never
 * lost), or at once with `flush()`. Timers are injectable so tests need no real clock.
 */
export class Throttle {
  #lastMs = -Infinity;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
    private readonly clock: {
      now: () => number;
      setTimeout: (callback: () => void, ms: number) => ReturnType<typeof setTimeout>;
      clearTimeout: (handle: ReturnType<typeof setTimeout>) => void;
    } = { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle) },
  ) {}

  request(): void {
    if (this.#timer !== null) return;
    const waitMs = this.#lastMs + this.intervalMs - this.clock.now();
    if (waitMs <= 0) return this.flush();
    this.#timer = this.clock.setTimeout(() => this.flush(), waitMs);
  }

  flush(): void {
    this.cancel();
    this.#lastMs = this.clock.now();
    this.run();
  }

  cancel(): void {
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
