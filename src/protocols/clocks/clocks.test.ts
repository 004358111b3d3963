// Clocks against their papers, and the causality checker against hand-built runs: it finds the
// path of messages, declares concurrency when there is none, and catches a broken receive rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareEvents, createCausalityGhost, ingestEvent } from './causality';
import type { ClockEvent } from './events';
import { compareHlc, hlcReceive, hlcTick } from './hybrid';
import { lamportReceive, lamportTick } from './lamport';
import { compareVectors, vectorReceive, vectorTick, vectorZero } from './vector';

/** Simulates processes exchanging messages by a script, stamping events with correct clocks. */
function run(processes: number, script: ([kind: 'local', p: number] | [kind: 'send', p: number, to: number] | [kind: 'recv', p: number, sendId: number])[], physical: (p: number, step: number) => number = (_p, s) => s * 10) {
  const lamport = new Array(processes).fill(0);
  const vectors = Array.from({ length: processes }, () => vectorZero(processes));
  const hlcs = Array.from({ length: processes }, () => ({ l: 0, c: 0 }));
  const seqs = new Array(processes).fill(0);
  const events: ClockEvent[] = [];
  script.forEach((line, step) => {
    const p = line[1];
    const pt = physical(p, step);
    const id = events.length + 1;
    if (line[0] === 'recv') {
      const send = events.find((e) => e.id === line[2])!;
      lamport[p] = lamportReceive(lamport[p], send.lamport);
      vectors[p] = vectorReceive(vectors[p], send.vector, p);
      hlcs[p] = hlcReceive(hlcs[p], send.hlc, pt);
    } else {
      lamport[p] = lamportTick(lamport[p]);
      vectors[p] = vectorTick(vectors[p], p);
      hlcs[p] = hlcTick(hlcs[p], pt);
    }
    seqs[p]++;
    events.push({
      id, node: `n${p + 1}`, index: p, seq: seqs[p], kind: line[0] === 'recv' ? 'receive' : line[0],
      ...(line[0] === 'send' ? { peer: `n${line[2] + 1}` } : {}), ...(line[0] === 'recv' ? { sendId: line[2] } : {}),
      lamport: lamport[p], vector: vectors[p], physicalMs: pt, hlc: hlcs[p],
    });
  });
  return events;
}

describe('Lamport, vector and hybrid clocks', () => {
  it('IR2: a receive is one past the larger of the two clocks', () => {
    expect(lamportReceive(3, 7)).toBe(8);
    expect(lamportReceive(9, 2)).toBe(10);
  });

  it('vectors: before, after, concurrent and equal', () => {
    expect(compareVectors([1, 0], [1, 1])).toBe('before');
    expect(compareVectors([2, 1], [1, 1])).toBe('after');
    expect(compareVectors([1, 0], [0, 1])).toBe('concurrent');
    expect(compareVectors([1, 1], [1, 1])).toBe('equal');
  });

  it('HLC: never behind physical time, and a receive is after the message', () => {
    fc.assert(fc.property(fc.nat(1000), fc.nat(5), fc.nat(1000), fc.nat(5), fc.nat(1000), (l, c, ml, mc, pt) => {
      const next = hlcReceive({ l, c }, { l: ml, c: mc }, pt);
      expect(next.l).toBeGreaterThanOrEqual(pt);
      expect(compareHlc(next, { l, c })).toBeGreaterThan(0);
      expect(compareHlc(next, { l: ml, c: mc })).toBeGreaterThan(0);
      expect(compareHlc(hlcTick({ l, c }, pt), { l, c })).toBeGreaterThan(0);
    }));
  });
});

describe('the causality checker', () => {
  // n1 sends to n2 (e1 → e3), n2 relays to n3 (e4 → e5); n3's e2 is concurrent with all of it.
  const events = run(3, [['send', 0, 1], ['local', 2], ['recv', 1, 1], ['send', 1, 2], ['recv', 2, 4]]);

  it('finds the path of messages from an event to one it happened before', () => {
    expect(compareEvents(events, 1, 5)).toEqual({ relation: 'before', path: [1, 3, 4, 5] });
    expect(compareEvents(events, 5, 1)?.relation).toBe('after');
  });

  it('declares concurrency when no path leads either way, though Lamport orders the pair', () => {
    expect(compareEvents(events, 2, 3)).toEqual({ relation: 'concurrent', path: [] });
    const [e2, e3] = [events[1], events[2]];
    expect(e2.lamport).not.toBe(e3.lamport);
  });

  it('holds correct clocks and counts what Lamport cannot tell', () => {
    const ghost = createCausalityGhost();
    for (const event of events) expect(ingestEvent(ghost, event, 3)).toBeNull();
    expect(ghost.stats.events).toBe(5);
    expect(ghost.stats.happensBefore + ghost.stats.concurrent).toBe(10);
    expect(ghost.stats.concurrent).toBe(3); // e2 with e1, e3, e4; e5 follows e2 on n3
    expect(ghost.stats.lamportOrderedConcurrent).toBeGreaterThan(0);
  });

  it('catches a receive that did not take the maximum', () => {
    const broken = events.map((e) => (e.id === 3 ? { ...e, lamport: 1 } : e));
    const ghost = createCausalityGhost();
    const found = broken.map((event) => ingestEvent(ghost, event, 3)).find((v) => v !== null);
    expect(found).toMatch(/e1 \(n1 send\) → e3 \(n2 receive\), yet Lamport 1 ≥ 1/);
  });

  it('catches vectors that order a concurrent pair', () => {
    const broken = events.map((e) => (e.id === 2 ? { ...e, vector: [0, 0, 0] } : e));
    const ghost = createCausalityGhost();
    expect(broken.map((event) => ingestEvent(ghost, event, 3)).some((v) => v !== null)).toBe(true);
  });

  it('counts physical timestamps that run backwards along a message, and LWW dropping a later write', () => {
    // n1's clock is 500 ms fast: its send reads later than n2's receive.
    const skewed = run(2, [['local', 0], ['send', 0, 1], ['recv', 1, 2], ['local', 1]], (p, s) => s * 10 + (p === 0 ? 500 : 0));
    skewed[3] = { ...skewed[3], lww: { kept: 1, dropped: 4 } };
    const ghost = createCausalityGhost();
    for (const event of skewed) ingestEvent(ghost, event, 2);
    expect(ghost.stats.physicalInversions).toBeGreaterThan(0);
    expect(ghost.stats.lwwCausalLosses).toBe(1);
    expect(ghost.lwwLossExample).toEqual({ kept: 1, dropped: 4, at: 4 });
  });

  it('property: on random runs with correct clocks, vectors agree with the rebuilt happens-before', () => {
    const line = fc.tuple(fc.constantFrom('local', 'send', 'recv'), fc.nat(3), fc.nat(50));
    fc.assert(fc.property(fc.array(line, { maxLength: 40 }), (raw) => {
      const script: Parameters<typeof run>[1] = [];
      const sends: number[] = [];
      for (const [kind, p, pick] of raw) {
        if (kind === 'recv' && sends.length > 0) script.push(['recv', p, sends[pick % sends.length]]);
        else if (kind === 'send') {
          script.push(['send', p, (p + 1) % 4]);
          sends.push(script.length);
        } else script.push(['local', p]);
      }
      const events = run(4, script);
      const ghost = createCausalityGhost();
      for (const event of events) expect(ingestEvent(ghost, event, 4)).toBeNull();
    }));
  });
});
