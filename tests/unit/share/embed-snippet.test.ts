import { describe, expect, it } from 'vitest';
import { decodeShareState, embedSnippet, encodeShareState, readEmbedParams, type EmbedOptions } from '../../../src/share';
import { recordedSession } from './arbitraries';

const state = recordedSession(4);
const options: EmbedOptions = {
  baseUrl: 'https://example.org/splitbrain/',
  query: encodeShareState(state),
  width: 720,
  height: 480,
  autoplay: true,
  controls: 'minimal',
  startMs: 1500,
  theme: 'dark',
  title: 'Raft: "split" <vote> & \'friends\'',
};

function srcOf(snippet: string): string {
  const escaped = /src="([^"]*)"/.exec(snippet)?.[1] ?? '';
  return escaped.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

describe('embedSnippet', () => {
  it('escapes quotes, angle brackets and ampersands in the title', () => {
    const snippet = embedSnippet(options);
    expect(snippet).toContain('title="Raft: &#34;split&#34; &#60;vote&#62; &#38; &#39;friends&#39;"');
    expect(snippet.match(/</g)).toHaveLength(2);
    expect(snippet.match(/"/g)?.length).toBe(2 * 7);
  });

  it('cannot be broken out of', () => {
    const snippet = embedSnippet({ ...options, title: '"><script>alert(1)</script>', query: 'a="><b>', baseUrl: 'https://x/"onload="alert(1)' });
    expect(snippet).not.toContain('<script');
    expect(snippet).not.toMatch(/"\s*onload=/);
    expect(snippet.startsWith('<iframe ')).toBe(true);
    expect(snippet.endsWith('></iframe>')).toBe(true);
  });

  it('contains the options and an ?embed src that round-trips', () => {
    const snippet = embedSnippet(options);
    expect(snippet).toContain('width="720"');
    expect(snippet).toContain('height="480"');
    const src = srcOf(snippet);
    expect(src.startsWith('https://example.org/splitbrain/?embed&v=1&lab=raft&s=')).toBe(true);
    expect(src).toContain('&autoplay=1&controls=minimal&start=1500&theme=dark');
    const query = src.slice(src.indexOf('?'));
    expect(readEmbedParams(query)).toEqual({ embed: true, autoplay: true, controls: 'minimal', startMs: 1500, theme: 'dark', origins: null });
    expect(decodeShareState(query)).toEqual({ kind: 'ok', state });
  });

  it('refuses scripting schemes, keeps an existing query, clamps odd numbers', () => {
    expect(srcOf(embedSnippet({ ...options, baseUrl: 'javascript:alert(1)//' }))).toMatch(/^about:blank\?embed/);
    expect(srcOf(embedSnippet({ ...options, baseUrl: ' DATA:text/html,hi' }))).toMatch(/^about:blank\?embed/);
    expect(srcOf(embedSnippet({ ...options, baseUrl: 'https://x.org/?lang=en#top', query: '?seed=7' }))).toBe('https://x.org/?lang=en&embed&seed=7&autoplay=1&controls=minimal&start=1500&theme=dark');
    const odd = embedSnippet({ ...options, width: Number.NaN, height: -5, startMs: Infinity, controls: 'evil' as never, theme: 'x' as never, autoplay: false, title: ' ' });
    expect(odd).toContain('width="800"');
    expect(odd).toContain('height="1"');
    expect(odd).toContain('title="Splitbrain lab"');
    expect(srcOf(odd)).toContain('autoplay=0&controls=all&start=0&theme=auto');
  });
});

describe('readEmbedParams', () => {
  it('falls back to defaults for missing or odd values', () => {
    expect(readEmbedParams('')).toEqual({ embed: false, autoplay: false, controls: 'all', startMs: 0, theme: 'auto', origins: null });
    expect(readEmbedParams('?embed&autoplay&controls=none&start=-3&theme=neon')).toEqual({ embed: true, autoplay: true, controls: 'none', startMs: 0, theme: 'auto', origins: null });
    expect(readEmbedParams(new URLSearchParams('embed=&start=2.5&autoplay=0'))).toEqual({ embed: true, autoplay: false, controls: 'all', startMs: 0, theme: 'auto', origins: null });
  });
});

describe('readEmbedParams: origins', () => {
  it('reads a list of http(s) origins and drops anything else; an empty list trusts nobody', () => {
    expect(readEmbedParams('?embed&origins=https://blog.example,http://localhost:8080').origins).toEqual(['https://blog.example', 'http://localhost:8080']);
    expect(readEmbedParams('?embed&origins=javascript:alert(1),https://a.example/path,*').origins).toEqual([]);
    expect(readEmbedParams('?embed').origins).toBeNull();
  });
});
