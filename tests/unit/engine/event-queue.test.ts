import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../../src/engine/event-queue';

describe('EventQueue', () => {
  it('pops in (timeMs, seq) order, whatever the push order', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
      const queue = new EventQueue<{ timeMs: number; seq: number }>();
      times.forEach((timeMs, seq) => queue.push({ timeMs, seq }));
      const popped = [];
      while (queue.size > 0) popped.push(queue.pop()!);
      const expected = times.map((timeMs, seq) => ({ timeMs, seq })).sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
      expect(popped).toEqual(expected);
    }));
  });

  it('peeks without removing and pops undefined when empty', () => {
    const queue = new EventQueue<{ timeMs: number; seq: number }>();
    expect(queue.pop()).toBeUndefined();
    queue.push({ timeMs: 5, seq: 0 });
    queue.push({ timeMs: 5, seq: 1 });
    queue.push({ timeMs: 1, seq: 2 });
    expect(queue.peek()).toEqual({ timeMs: 1, seq: 2 });
    expect(queue.size).toBe(3);
  });
});
