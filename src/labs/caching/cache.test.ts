// The cache node's guards: leases refuse a fill whose token a delete voided (the cache-aside
// race), versioned sets never let a key's version go back, coalescing hands out one fill per key,
// write-behind never lets a fill overwrite an unflushed write, and a crash loses unflushed writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Effect, Message } from '../../engine/types';
import { cacheNode, type CacheState } from './cache';
import { CACHING_DEFAULTS, pickSettings, type CacheSettings } from './params';
import { cachingContext } from './test-context';

const ctx = cachingContext('cache1');

function start(change: Partial<CacheSettings> = {}): CacheState {
  const [state] = cacheNode.init(ctx);
  return { ...state, settings: { ...pickSettings(CACHING_DEFAULTS), ...change } };
}

function deliver(state: CacheState, from: string, message: Message): [CacheState, Effect[]] {
  return cacheNode.onMessage(state, from, message, ctx);
}

function replyOf(effects: Effect[]): Message {
  const send = effects.find((e) => e.kind === 'send');
  if (!send || send.kind !== 'send') throw new Error('no reply');
  return send.message;
}

/** The race by hand: a reader misses, a writer's delete arrives, then the reader's fill. */
function race(settings: Partial<CacheSettings>): CacheState {
  let state = start(settings);
  let out: Effect[];
  [state, out] = deliver(state, 'app1', { type: 'CacheGet', op: 1, key: 'hot' });
  const miss = replyOf(out);
  expect(miss.type).toBe('Miss');
  [state] = deliver(state, 'app2', { type: 'CacheDelete', op: 2, key: 'hot', version: 2 });
  [state] = deliver(state, 'app1', { type: 'CacheSet', fill: true, key: 'hot', value: 10, version: 1, token: miss.token, fetchMs: 20 });
  return state;
}

describe('cache guards', () => {
  it('without a guard, the slow reader’s old value lands after the delete', () => {
    expect(race({}).entries.hot?.value).toBe(10);
  });

  it('a lease voided by the delete refuses the fill', () => {
    const state = race({ leases: true });
    expect(state.entries.hot).toBeUndefined();
    expect(state.stats.refused).toBe(1);
  });

  it('a versioned delete leaves a tombstone that refuses the older fill', () => {
    const state = race({ versioned: true });
    expect(state.entries.hot).toBeUndefined();
    expect(state.floors.hot).toBe(2);
  });

  it('with coalescing, a second reader of a key being filled is told to wait', () => {
    let state = start({ coalescing: true });
    let out: Effect[];
    [state, out] = deliver(state, 'app1', { type: 'CacheGet', op: 1, key: 'k1' });
    expect(replyOf(out).type).toBe('Miss');
    [state, out] = deliver(state, 'app2', { type: 'CacheGet', op: 2, key: 'k1' });
    expect(replyOf(out).type).toBe('Wait');
  });

  it('write-behind: a fill never replaces a write not yet flushed, and a crash loses it', () => {
    let state = start({ strategy: 'write-behind' });
    let out: Effect[];
    [state, out] = deliver(state, 'app1', { type: 'CacheWrite', op: 1, key: 'k1', value: 7 });
    expect(replyOf(out).type).toBe('Written');
    [state] = deliver(state, 'app2', { type: 'CacheSet', fill: true, key: 'k1', value: 3, version: 4, token: null, fetchMs: 5 });
    expect(state.entries.k1.value).toBe(7);
    const [restarted] = cacheNode.recover(cacheNode.persisted(state), ctx);
    expect(restarted.entries).toEqual({});
    expect(restarted.lostWrites).toBe(1);
  });

  // Any interleaving of misses, deletes, fills (with any token handed out so far) and writes'
  // updates on one key: with leases on, a fill is stored only if no delete or write came between
  // its miss and its set; with versioned sets on, a key's stored version never goes back.
  const step = fc.oneof(
    fc.record({ kind: fc.constant('miss' as const) }),
    fc.record({ kind: fc.constant('delete' as const) }),
    fc.record({ kind: fc.constant('fill' as const), pick: fc.nat(20) }),
    fc.record({ kind: fc.constant('update' as const) }),
  );

  it('leases: a fill whose miss came before a delete or a write is never stored', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
      let state = start({ leases: true });
      const voided = new Set<number>();
      const tokens: number[] = [];
      let version = 0;
      for (const s of steps) {
        let out: Effect[];
        if (s.kind === 'miss') {
          [state, out] = deliver(state, 'app1', { type: 'CacheGet', op: 1, key: 'x' });
          const reply = replyOf(out);
          if (reply.type === 'Miss' && typeof reply.token === 'number') tokens.push(reply.token);
        } else if (s.kind === 'delete' || s.kind === 'update') {
          version++;
          for (const t of tokens) voided.add(t);
          [state] = deliver(state, 'app2', s.kind === 'delete' ? { type: 'CacheDelete', op: 2, key: 'x', version } : { type: 'CacheSet', fill: false, op: 2, key: 'x', value: 1000 + version, version });
        } else if (tokens.length > 0) {
          const token = tokens[s.pick % tokens.length];
          const before = state.entries.x;
          [state] = deliver(state, 'app1', { type: 'CacheSet', fill: true, key: 'x', value: token, version: 0, token, fetchMs: 1 });
          if (voided.has(token)) expect(state.entries.x).toBe(before);
          voided.add(token); // a lease is used once
        }
      }
    }));
  });

  it('versioned sets: the version a key holds never goes back', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('fill', 'update', 'delete'), fc.nat(10)), { maxLength: 40 }), (steps) => {
      let state = start({ versioned: true });
      let highest = 0;
      for (const [kind, version] of steps) {
        if (kind === 'delete') [state] = deliver(state, 'app2', { type: 'CacheDelete', op: 2, key: 'x', version });
        else [state] = deliver(state, 'app1', { type: 'CacheSet', fill: kind === 'fill', op: 1, key: 'x', value: version, version, token: null, fetchMs: 1 });
        const held = state.entries.x;
        if (held) expect(held.version).toBeGreaterThanOrEqual(highest);
        highest = Math.max(highest, held?.version ?? 0, kind === 'delete' ? version : 0);
      }
    }));
  });
});
