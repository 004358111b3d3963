// Which keys a replica lacks, and whom it asks for them; and the story that needs it, told with
// the node protocol's own handlers (no engine): a replica drops a key by its view of the ring,
// a holder whose view lags still counts it a replica, and a replicas change makes it one again.
import { describe, expect, it } from 'vitest';
import type { Effect, Message, NodeContext } from '../../engine/types';
import { keyHashes, preferenceIds } from './placement';
import { hashNode, placementOfView, type HashNodeState } from './protocol';
import { fetchRequests, missingKeys } from './repair';

// Four keys: k1 on a, b; k2 on b, c; k3 on c, a; k4 on a, b.
const lists: Record<number, string[]> = { 0: ['a', 'b'], 1: ['b', 'c'], 2: ['c', 'a'], 3: ['a', 'b'] };
const preferenceOf = (key: number) => lists[key];

describe('pull repair', () => {
  it('a replica lacks the keys of its lists it does not hold, and no others', () => {
    expect(missingKeys('a', 4, [0], preferenceOf)).toEqual([2, 3]);
    expect(missingKeys('c', 4, [1, 2], preferenceOf)).toEqual([]);
    expect(missingKeys('d', 4, [], preferenceOf)).toEqual([]);
  });

  it('it asks every other replica of each missing key', () => {
    expect(fetchRequests('a', [2, 3], preferenceOf)).toEqual({ c: [2], b: [3] });
    expect(fetchRequests('b', [0, 1], preferenceOf)).toEqual({ a: [0], c: [1] });
  });
});

/** Three nodes whose messages are delivered in order, except those a `blocked` rule drops. */
function cluster(params: Record<string, unknown>) {
  const ids = ['n1', 'n2', 'n3'];
  const ctx = (id: string): NodeContext => ({
    id, role: 'node', peers: ids.filter((other) => other !== id), roster: { node: ids }, servers: ids, home: null, params, clockMs: 0,
    rng: { int: () => 0, rangeInclusive: (min) => min, pick: (items) => items[0], chancePpm: () => false },
    next: () => 0, peek: () => 0,
  });
  const states: Record<string, HashNodeState> = {};
  const queue: { from: string; to: string; message: Message }[] = [];
  let blocked = (_from: string, _to: string) => false;
  const take = (id: string, [state, effects]: [HashNodeState, Effect[]]): Effect[] => {
    states[id] = state;
    for (const effect of effects) if (effect.kind === 'send') queue.push({ from: id, to: effect.to, message: effect.message });
    return effects;
  };
  for (const id of ids) take(id, hashNode.init(ctx(id)));
  return {
    states,
    block: (rule: (from: string, to: string) => boolean) => (blocked = rule),
    control: (id: string, control: Record<string, unknown> & { do: string }) => take(id, hashNode.onControl!(states[id], control, ctx(id))),
    timer: (id: string, timer: string) => take(id, hashNode.onTimer(states[id], timer, ctx(id))),
    deliver() {
      for (let message = queue.shift(); message; message = queue.shift()) {
        if (!blocked(message.from, message.to)) take(message.to, hashNode.onMessage(states[message.to], message.from, message.message, ctx(message.to)));
      }
    },
  };
}

const preferenceHere = (state: HashNodeState, key: number) => preferenceIds(placementOfView(state.view, state.settings), keyHashes(state.keyCount)[key], state.settings.replicas);

describe('a replica missing a key after views differed', () => {
  it('fetches it when a replicas change makes it a replica again that no holder sees as new', () => {
    const k10 = 9;
    const nodes = cluster({ keys: 200, spares: 1, joinAtMs: 0, rate: 0, scheme: 'ring', vnodes: 2, replicas: 2 });
    // n3 joins, but n1 never hears of it: n1 and n3 cannot reach each other.
    nodes.block((from, to) => (from === 'n1' && to === 'n3') || (from === 'n3' && to === 'n1'));
    nodes.control('n3', { do: 'join' });
    nodes.deliver();
    // n3 goes down; the scheme changes: by n2's view k10 is on n3 and n1, so n2 hands it to n1 and
    // drops it once n1 acknowledged (by n1's view, without n3, k10 is on n1 and n2).
    nodes.block((from, to) => from === 'n3' || to === 'n3');
    const rendezvous = { scheme: 'rendezvous', vnodes: 2, replicas: 2, access: 'uniform' };
    for (const id of ['n1', 'n2']) nodes.control(id, { do: 'settings', settings: rendezvous, version: 1 });
    nodes.deliver();
    expect(preferenceHere(nodes.states.n2, k10)).toEqual(['n3', 'n1']);
    expect(preferenceHere(nodes.states.n1, k10)).toEqual(['n1', 'n2']);
    expect(nodes.states.n2.held).not.toContain(k10);
    // Three replicas: n2 is one again. n1's list for k10 does not change, so n1 sends nothing.
    const threeReplicas = { ...rendezvous, replicas: 3 };
    nodes.control('n1', { do: 'settings', settings: threeReplicas, version: 2 });
    const atN2 = nodes.control('n2', { do: 'settings', settings: threeReplicas, version: 2 });
    nodes.deliver();
    expect(preferenceHere(nodes.states.n2, k10)).toContain('n2');
    expect(nodes.states.n2.held).not.toContain(k10);
    // n2 notices what it lacks and, once the pushes had their time, asks its fellow replicas.
    expect(atN2).toContainEqual(expect.objectContaining({ kind: 'set-timer', timer: 'fetch' }));
    nodes.timer('n2', 'fetch');
    nodes.deliver();
    expect(nodes.states.n2.held).toContain(k10);
  });
});
