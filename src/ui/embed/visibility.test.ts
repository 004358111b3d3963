// Pausing an embedded lab out of sight: the combined visibility signal and the resume rule.
import { describe, expect, it, vi } from 'vitest';
import { AutoPause, watchVisibility } from './visibility';

function environment() {
  const listeners = new Set<() => void>();
  let observerCallback: ((entries: { isIntersecting: boolean }[]) => void) | null = null;
  const disconnect = vi.fn();
  const document = {
    hidden: false,
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  class FakeObserver {
    constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
      observerCallback = callback;
    }
    observe() {}
    disconnect = disconnect;
  }
  return {
    env: { document, IntersectionObserver: FakeObserver as unknown as typeof IntersectionObserver },
    hideTab: (hidden: boolean) => {
      document.hidden = hidden;
      listeners.forEach((listener) => listener());
    },
    scroll: (isIntersecting: boolean) => observerCallback?.([{ isIntersecting }]),
    listeners,
    disconnect,
  };
}

describe('watchVisibility', () => {
  it('reports changes of (on screen and tab visible), once each', () => {
    const fake = environment();
    const changes: boolean[] = [];
    const stop = watchVisibility({} as Element, (visible) => changes.push(visible), fake.env as never);
    fake.scroll(true);
    fake.scroll(false);
    fake.hideTab(true);
    fake.scroll(true);
    fake.hideTab(false);
    expect(changes).toEqual([false, true]);
    stop();
    expect(fake.listeners.size).toBe(0);
    expect(fake.disconnect).toHaveBeenCalledOnce();
  });

  it('works without IntersectionObserver (tab visibility only)', () => {
    const fake = environment();
    const changes: boolean[] = [];
    watchVisibility({} as Element, (visible) => changes.push(visible), { document: fake.env.document as never });
    fake.hideTab(true);
    fake.hideTab(false);
    expect(changes).toEqual([false, true]);
  });
});

describe('AutoPause', () => {
  it('pauses a playing lab out of sight and resumes it when seen', () => {
    const playback = { playing: true, play: vi.fn(() => (playback.playing = true)), pause: vi.fn(() => (playback.playing = false)) };
    const auto = new AutoPause(playback);
    auto.onVisibility(false);
    expect(playback.pause).toHaveBeenCalledOnce();
    auto.onVisibility(true);
    expect(playback.play).toHaveBeenCalledOnce();
  });

  it('leaves a paused lab paused', () => {
    const playback = { playing: false, play: vi.fn(), pause: vi.fn() };
    const auto = new AutoPause(playback);
    auto.onVisibility(false);
    auto.onVisibility(true);
    expect(playback.play).not.toHaveBeenCalled();
    expect(playback.pause).not.toHaveBeenCalled();
  });
});
