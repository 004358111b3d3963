// The iframe snippet a teacher pastes into a page to embed a lab, and the reading of its
// `?embed&…` parameters on the lab's side. Every attribute is escaped; no option can break out.
import { MAX_TIME_MS } from '../scenarios/validate';
import { queryReader, type QueryInput } from './query';

export type EmbedControls = 'all' | 'minimal' | 'none';
export type EmbedTheme = 'light' | 'dark' | 'auto';

export interface EmbedOptions {
  /** The playground's address, e.g. "https://example.org/splitbrain/". */
  baseUrl: string;
  /** A share query from encodeShareState (or `seed=7&nodes=5`). */
  query: string;
  width: number;
  height: number;
  autoplay: boolean;
  controls: EmbedControls;
  startMs: number;
  theme: EmbedTheme;
  title: string;
}

/** What an embedded page reads from its address. */
export interface EmbedParams {
  embed: boolean;
  autoplay: boolean;
  controls: EmbedControls;
  startMs: number;
  theme: EmbedTheme;
  /** `origins=https://a.example,https://b.example`: the only host origins whose commands are
   * obeyed; null accepts the parent page whatever its origin. */
  origins: string[] | null;
}

const CONTROLS: readonly EmbedControls[] = ['all', 'minimal', 'none'];
const THEMES: readonly EmbedTheme[] = ['light', 'dark', 'auto'];
const MAX_FRAME_PX = 10_000;

export function embedSnippet(options: EmbedOptions): string {
  const src = embedUrl(options);
  const width = wholeIn(options.width, 1, MAX_FRAME_PX, 800);
  const height = wholeIn(options.height, 1, MAX_FRAME_PX, 450);
  const title = options.title.trim() === '' ? 'Splitbrain lab' : options.title;
  return `<iframe src="${escapeAttribute(src)}" width="${width}" height="${height}" title="${escapeAttribute(title)}"`
    + ' style="border:0;max-width:100%" loading="lazy" allow="fullscreen"></iframe>';
}

function embedUrl(options: EmbedOptions): string {
  const base = safeBase(options.baseUrl);
  const separator = base.includes('?') ? '&' : '?';
  const query = options.query.replace(/^[?&]+/, '').replace(/#.*$/s, '');
  const parts = ['embed'];
  if (query !== '') parts.push(query);
  parts.push(`autoplay=${options.autoplay ? 1 : 0}`);
  parts.push(`controls=${oneOf(options.controls, CONTROLS, 'all')}`);
  parts.push(`start=${wholeIn(options.startMs, 0, MAX_TIME_MS, 0)}`);
  parts.push(`theme=${oneOf(options.theme, THEMES, 'auto')}`);
  return `${base}${separator}${parts.join('&')}`;
}

/** http(s) or a relative path; anything else (javascript:, data:) becomes about:blank. */
function safeBase(baseUrl: string): string {
  const base = baseUrl.trim().replace(/#.*$/s, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(base)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return 'about:blank';
  return base;
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&"'<>`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function wholeIn(value: number, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** A comma-separated list of origins ("https://blog.example"); entries that are not an http(s)
 * origin are dropped; an empty result trusts nobody rather than everybody. */
function readOrigins(text: string | undefined): string[] | null {
  if (text === undefined) return null;
  const origins: string[] = [];
  for (const part of text.split(',').slice(0, 20)) {
    try {
      const url = new URL(part.trim());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === part.trim().replace(/\/$/, '')) origins.push(url.origin);
    } catch {
      // not a URL: left out
    }
  }
  return origins;
}

/** The embed parameters of a page address; anything missing or odd falls back to the default. */
export function readEmbedParams(query: QueryInput): EmbedParams {
  const defaults: EmbedParams = { embed: false, autoplay: false, controls: 'all', startMs: 0, theme: 'auto', origins: null };
  try {
    const read = queryReader(query);
    const start = Number(read('start') ?? '0');
    return {
      embed: read('embed') !== undefined,
      autoplay: ['1', 'true', ''].includes(read('autoplay') ?? 'no'),
      controls: oneOf(read('controls'), CONTROLS, 'all'),
      startMs: Number.isInteger(start) && start >= 0 && start <= MAX_TIME_MS ? start : 0,
      theme: oneOf(read('theme'), THEMES, 'auto'),
      origins: readOrigins(read('origins')),
    };
  } catch {
    return defaults;
  }
}
