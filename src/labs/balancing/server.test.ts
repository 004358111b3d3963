// The server by hand: it queues beyond its workers and refuses beyond its queue, answers in FIFO
// order, fails every request at once while failing, and passes shallow probes but not deep ones
// then; and handlers are copy-on-write.
import { describe, expect, it } from 'vitest';
import { Prng } from '../../engine/prng';
import type { Effect, NodeContext } from '../../engine/types';
import { BALANCING_DEFAULTS } from './params';
import { balancingServer, loadOf, type ServerState } from './server';

function ctx(params: Record<string, unknown> = {}): NodeContext {
  return {
    id: 'n2', role: 'server', peers: [], roster: { server: ['n1', 'n2'], balancer: ['lb1'], client: ['c1'] }, servers: ['n1', 'n2'], home: null,
    params: { ...BALANCING_DEFAULTS, ...params }, clockMs: 0, rng: Prng.fromSeed(1, 'n2'), next: () => 0, peek: () => 0,
  };
}

const sends = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'send' ? [e.message] : []));

describe('balancing server', () => {
  it('works one request at a time, queues up to its limit and refuses beyond it', () => {
    const c = ctx({ workers: 1, queueLimit: 2 });
    let [state] = balancingServer.init(c);
    const replies: unknown[] = [];
    for (const id of ['a', 'b', 'c', 'd']) {
      const [next, effects] = balancingServer.onMessage(state, 'lb1', { type: 'Request', id }, c);
      state = next;
      replies.push(...sends(effects));
    }
    expect(loadOf(state)).toBe(3);
    expect(replies).toEqual([{ type: 'Failed', id: 'd', reason: 'overloaded' }]);
    const [after, effects] = balancingServer.onTimer(state, 'w0', c);
    expect(sends(effects)).toEqual([{ type: 'Reply', id: 'a' }]);
    expect((after as ServerState).working[0]?.id).toBe('b');
  });

  it('while failing answers every request with an error, passes shallow probes and fails deep ones', () => {
    const c = ctx();
    const [fresh] = balancingServer.init(c);
    const [failing] = balancingServer.onControl!(fresh, { do: 'fail', failing: true }, c);
    expect(sends(balancingServer.onMessage(failing, 'lb1', { type: 'Request', id: 'x' }, c)[1])).toEqual([{ type: 'Failed', id: 'x', reason: 'failing' }]);
    expect(sends(balancingServer.onMessage(failing, 'lb1', { type: 'Probe', seq: 3, deep: false }, c)[1])).toEqual([{ type: 'ProbeReply', seq: 3, healthy: true }]);
    expect(sends(balancingServer.onMessage(failing, 'lb1', { type: 'Probe', seq: 4, deep: true }, c)[1])).toEqual([{ type: 'ProbeReply', seq: 4, healthy: false }]);
    expect(sends(balancingServer.onMessage(fresh, 'lb1', { type: 'Probe', seq: 5, deep: true }, c)[1])).toEqual([{ type: 'ProbeReply', seq: 5, healthy: true }]);
  });

  it('returns the same state object when nothing changed', () => {
    const c = ctx();
    const [state] = balancingServer.init(c);
    expect(balancingServer.onMessage(state, 'lb1', { type: 'Probe', seq: 1, deep: true }, c)[0]).toBe(state);
    expect(balancingServer.onTimer(state, 'tick', c)[0]).toBe(state);
    expect(balancingServer.onControl!(state, { do: 'slow', factor: 1 }, c)[0]).toBe(state);
  });

  it('starts slow when it is among the first `slowServers`, and posts its load at multiples of staleMs', () => {
    const first = { ...ctx(), id: 'n1' };
    expect(balancingServer.init(first)[0].factor).toBe(4);
    expect(balancingServer.init(ctx())[0].factor).toBe(1);
    const c = { ...ctx({ staleMs: 1000 }), clockMs: 2300 };
    const report = balancingServer.onTimer(balancingServer.init(c)[0], 'report', c)[1];
    expect(sends(report)).toEqual([{ type: 'Load', load: 0 }]);
    expect(report.find((e) => e.kind === 'set-timer')).toMatchObject({ timer: 'report', afterMs: 700 });
  });
});
