// The address bar as a share link: which parameters are kept, what a first load reads, and the
// throttle that keeps replaceState calls to a few per second.
import { describe, expect, it } from 'vitest';
import { encodeShareState } from '../../share';
import { hasFlag, pageUrl, readInitialState, Throttle } from './url-state';

const location = (search: string) => ({ pathname: '/lab/', search, hash: '' });

describe('pageUrl', () => {
  it('replaces the share parameters and keeps the page’s own', () => {
    expect(pageUrl(location('?seed=3&nodes=7&autoplay=0&present'), 'v=1&lab=raft&s=abc')).toBe('/lab/?v=1&lab=raft&s=abc&autoplay=0&present');
    expect(pageUrl(location('?embed&v=1&lab=raft&s=old&controls=minimal'), 'v=1&lab=cap&s=new')).toBe('/lab/?v=1&lab=cap&s=new&embed&controls=minimal');
    expect(pageUrl({ pathname: '/', search: '', hash: '#x' }, 'v=1&lab=raft&s=a')).toBe('/?v=1&lab=raft&s=a#x');
  });
});

describe('readInitialState', () => {
  it('reads a shared run with its cursor and view', () => {
    const scenario = { lab: 'raft', seed: 9, nodes: 5, actions: [{ at: 300, do: 'crash' as const, node: 'n2' }] };
    const query = encodeShareState({ scenario, cursorMs: 1234, view: { theme: 'dark' } });
    const state = readInitialState(`?${query}&autoplay=0`);
    expect(state.error).toBeNull();
    expect(state.cursorMs).toBe(1234);
    expect(state.view).toEqual({ theme: 'dark' });
    expect(state.scenario).toMatchObject({ lab: 'raft', seed: 9, actions: [{ at: 300, do: 'crash', node: 'n2' }] });
  });

  it('reads a simple link, nothing, or a broken link with its message', () => {
    expect(readInitialState('?seed=4&nodes=3').scenario).toMatchObject({ seed: 4, nodes: 3 });
    expect(readInitialState('?autoplay=0')).toEqual({ scenario: null, cursorMs: 0, view: {}, error: null });
    const broken = readInitialState('?v=1&lab=raft&s=AAAAAAAA');
    expect(broken.scenario).toBeNull();
    expect(broken.error).toMatch(/truncated or was altered|not valid/);
  });
});

it('reads flags like ?present and ?present=0', () => {
  expect(hasFlag('?present', 'present')).toBe(true);
  expect(hasFlag('?present=1', 'present')).toBe(true);
  expect(hasFlag('?present=0', 'present')).toBe(false);
  expect(hasFlag('?seed=1', 'present')).toBe(false);
});

describe('Throttle', () => {
  function clock() {
    let nowMs = 1000;
    const timers: { at: number; callback: () => void; handle: number }[] = [];
    let next = 1;
    return {
      now: () => nowMs,
      setTimeout: (callback: () => void, ms: number) => {
        const handle = next++;
        timers.push({ at: nowMs + ms, callback, handle });
        return handle as unknown as ReturnType<typeof setTimeout>;
      },
      clearTimeout: (handle: ReturnType<typeof setTimeout>) => {
        const index = timers.findIndex((timer) => timer.handle === (handle as unknown as number));
        if (index >= 0) timers.splice(index, 1);
      },
      advance(ms: number) {
        nowMs += ms;
        for (const timer of timers.filter((candidate) => candidate.at <= nowMs)) {
          timers.splice(timers.indexOf(timer), 1);
          timer.callback();
        }
      },
    };
  }

  it('runs at once, then at most once per interval, never losing the last request', () => {
    const fake = clock();
    let runs = 0;
    const throttle = new Throttle(() => runs++, 500, fake);
    throttle.request();
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) {
      fake.advance(40);
      throttle.request();
    }
    expect(runs).toBe(1);
    fake.advance(100);
    expect(runs).toBe(2);
    throttle.request();
    throttle.flush();
    expect(runs).toBe(3);
    fake.advance(1000);
    expect(runs).toBe(3);
  });
});
