// The embed's postMessage bridge: commands validated and dispatched, bad ones warned about and
// ignored, events posted to the host (ready, leader elected, violation, throttled time).
import { describe, expect, it, vi } from 'vitest';
import { makeFrame, makeNode } from '../../../tests/component/fixtures';
import { HostBridge, parentWindow, TIME_EVENT_INTERVAL_MS } from './host-bridge';

function setup(options: { embedded?: boolean; origins?: string[] } = {}) {
  const posted: unknown[] = [];
  const listeners = new Set<(event: Event) => void>();
  const source = {
    addEventListener: (_type: string, listener: (event: Event) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: Event) => void) => listeners.delete(listener),
  } as unknown as Window;
  const handlers = { play: vi.fn(), pause: vi.fn(), seek: vi.fn(), inject: vi.fn(), load: vi.fn() };
  let nowMs = 0;
  const warn = vi.fn();
  const parent = { postMessage: (message: unknown) => posted.push(message) };
  const bridge = new HostBridge({
    source,
    target: options.embedded === false ? null : parent,
    origins: options.origins ?? null,
    nodes: () => 5,
    handlers,
    now: () => nowMs,
    warn,
  });
  // Messages come from the parent window unless a test says otherwise.
  const dispatch = (data: unknown, from: unknown = parent, origin = 'https://host.example') =>
    listeners.forEach((listener) => listener({ data, source: from, origin } as unknown as MessageEvent));
  return { bridge, posted, handlers, warn, dispatch, listeners, parent, advanceWall: (ms: number) => (nowMs += ms) };
}

const types = (posted: unknown[]) => posted.map((event) => (event as { type: string }).type);

describe('HostBridge: who may send commands', () => {
  it('ignores a command from any window but the parent (another frame, an opener)', () => {
    const { bridge, handlers, dispatch } = setup();
    bridge.start();
    dispatch({ type: 'splitbrain:play' }, { postMessage: () => {} });
    dispatch({ type: 'splitbrain:load', scenario: { lab: 'raft', seed: 1, nodes: 3, actions: [] } }, null);
    expect(handlers.play).not.toHaveBeenCalled();
    expect(handlers.load).not.toHaveBeenCalled();
    dispatch({ type: 'splitbrain:play' });
    expect(handlers.play).toHaveBeenCalledTimes(1);
  });

  it('obeys nothing when the lab is not embedded', () => {
    const { bridge, handlers, dispatch } = setup({ embedded: false });
    bridge.start();
    dispatch({ type: 'splitbrain:play' }, null);
    expect(handlers.play).not.toHaveBeenCalled();
  });

  it('with origins= listed, obeys the parent only from one of them', () => {
    const { bridge, handlers, dispatch, warn } = setup({ origins: ['https://blog.example'] });
    bridge.start();
    dispatch({ type: 'splitbrain:play' }, undefined, 'https://evil.example');
    expect(handlers.play).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example'));
    dispatch({ type: 'splitbrain:play' }, undefined, 'https://blog.example');
    expect(handlers.play).toHaveBeenCalledTimes(1);
  });
});

describe('HostBridge commands', () => {
  it('dispatches play, pause, seek, inject and load from message events once started', () => {
    const { bridge, handlers, dispatch, listeners } = setup();
    dispatch({ type: 'splitbrain:play' });
    expect(handlers.play).not.toHaveBeenCalled();
    bridge.start();
    dispatch({ type: 'splitbrain:play' });
    dispatch({ type: 'splitbrain:pause' });
    dispatch({ type: 'splitbrain:seek', timeMs: 1500 });
    dispatch({ type: 'splitbrain:inject', action: { do: 'crash', node: 'leader' } });
    dispatch({ type: 'splitbrain:load', scenario: { lab: 'raft', seed: 4, nodes: 3, actions: [] } });
    expect(handlers.play).toHaveBeenCalledOnce();
    expect(handlers.pause).toHaveBeenCalledOnce();
    expect(handlers.seek).toHaveBeenCalledWith(1500);
    expect(handlers.inject).toHaveBeenCalledWith({ do: 'crash', node: 'leader' });
    expect(handlers.load.mock.calls[0][0]).toMatchObject({ lab: 'raft', seed: 4, nodes: 3 });
    bridge.stop();
    expect(listeners.size).toBe(0);
  });

  it('ignores malformed commands with a warning and never throws', () => {
    const { bridge, handlers, warn } = setup();
    const bad = [
      'play',
      null,
      42,
      { type: 'splitbrain:seek', timeMs: -1 },
      { type: 'splitbrain:seek', timeMs: 'soon' },
      { type: 'splitbrain:inject', action: { do: 'crash', node: 'n9' } },
      { type: 'splitbrain:inject', action: { do: 'explode' } },
      { type: 'splitbrain:load', scenario: { lab: 'no-such-lab', seed: 1, nodes: 3, actions: [] } },
      { type: 'splitbrain:dance' },
    ];
    for (const data of bad) expect(() => bridge.receive(data)).not.toThrow();
    expect(Object.values(handlers).every((handler) => handler.mock.calls.length === 0)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(bad.length);
    expect(String(warn.mock.calls[0][0])).toMatch(/^Splitbrain ignored a message from the host page: /);
  });

  it('lets other widgets’ messages pass without a warning', () => {
    const { bridge, warn } = setup();
    bridge.receive({ type: 'webpackOk' });
    bridge.receive({ source: 'react-devtools' });
    expect(warn.mock.calls.length).toBe(1);
  });

  it('survives a handler that throws', () => {
    const { bridge, handlers, warn } = setup();
    handlers.play.mockImplementation(() => {
      throw new Error('boom');
    });
    expect(() => bridge.receive({ type: 'splitbrain:play' })).not.toThrow();
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('HostBridge events', () => {
  it('says ready with the lab and the time', () => {
    const { bridge, posted } = setup();
    bridge.ready(makeFrame({ timeMs: 0, leader: null }));
    expect(posted).toEqual([{ type: 'splitbrain:ready', lab: 'raft' }, { type: 'splitbrain:time', timeMs: 0 }]);
  });

  it('reports a new non-null leader with its term, once', () => {
    const { bridge, posted } = setup();
    bridge.ready(makeFrame({ timeMs: 0, leader: null }));
    posted.length = 0;
    const nodes = [makeNode('n1'), makeNode('n2', { role: 'leader', term: 3 }), makeNode('n3')];
    bridge.onFrame(makeFrame({ timeMs: 400, leader: 'n2', nodes }), 'inject', false);
    bridge.onFrame(makeFrame({ timeMs: 450, leader: 'n2', nodes }), 'inject', false);
    bridge.onFrame(makeFrame({ timeMs: 500, leader: null, nodes }), 'inject', false);
    expect(posted).toEqual([{ type: 'splitbrain:leader-elected', leader: 'n2', term: 3, timeMs: 400 }]);
  });

  it('reports each violation once', () => {
    const { bridge, posted } = setup();
    bridge.ready(makeFrame({ timeMs: 0 }));
    posted.length = 0;
    const violation = { invariant: 'election-safety', message: 'two leaders in term 3', timeMs: 812, seed: 1 };
    bridge.onFrame(makeFrame({ violations: [violation] }), 'inject', false);
    bridge.onFrame(makeFrame({ violations: [violation] }), 'inject', false);
    expect(posted).toEqual([{ type: 'splitbrain:violation', ...violation }]);
  });

  it('throttles time events while playing, and sends one after a seek or a pause', () => {
    const { bridge, posted, advanceWall } = setup();
    bridge.ready(makeFrame({ timeMs: 0 }));
    posted.length = 0;
    for (let i = 1; i <= 20; i++) {
      advanceWall(50);
      bridge.onFrame(makeFrame({ timeMs: i * 5 }), 'advance', true);
    }
    expect(types(posted)).toEqual(['splitbrain:time', 'splitbrain:time', 'splitbrain:time', 'splitbrain:time']);
    expect(1000 / TIME_EVENT_INTERVAL_MS).toBe(4);
    posted.length = 0;
    bridge.onFrame(makeFrame({ timeMs: 300 }), 'seek', false);
    bridge.onFrame(makeFrame({ timeMs: 310 }), 'advance', false);
    bridge.onFrame(makeFrame({ timeMs: 310 }), 'inject', false);
    expect(posted).toEqual([{ type: 'splitbrain:time', timeMs: 300 }, { type: 'splitbrain:time', timeMs: 310 }]);
  });

  it('posts nothing when not embedded', () => {
    const { bridge, posted } = setup({ embedded: false });
    expect(bridge.embedded).toBe(false);
    bridge.ready(makeFrame());
    expect(posted).toEqual([]);
  });
});

it('finds the host window only inside a frame', () => {
  const top = {} as Window;
  (top as { parent: Window }).parent = top;
  expect(parentWindow(top)).toBeNull();
  const host = {} as Window;
  const framed = { parent: host } as Window;
  expect(parentWindow(framed)).toBe(host);
});
