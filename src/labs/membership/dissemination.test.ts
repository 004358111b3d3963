// Piggybacking: at most MAX_PIGGYBACK rumors a message, least-sent first, each passed on exactly
// `limit` times before it leaves the buffer, and one rumor per member.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enqueue, takePiggyback, type Queued } from './dissemination';
import { MAX_PIGGYBACK, retransmitLimit } from './settings';

describe('infection-style dissemination', () => {
  it('sends every rumor exactly `limit` times, at most MAX_PIGGYBACK a message', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 8 }), (ids, limit) => {
      let buffer: readonly Queued[] = [];
      for (const id of ids) buffer = enqueue(buffer, { id: `n${id}`, status: 'suspect', incarnation: 0 });
      const sent = new Map<string, number>();
      for (let message = 0; message < ids.length * limit + 5; message++) {
        const taken = takePiggyback(buffer, limit);
        expect(taken.rumors.length).toBeLessThanOrEqual(MAX_PIGGYBACK);
        for (const r of taken.rumors) sent.set(r.id, (sent.get(r.id) ?? 0) + 1);
        buffer = taken.buffer;
      }
      expect(buffer).toEqual([]);
      for (const id of ids) expect(sent.get(`n${id}`)).toBe(limit);
    }));
  });

  it('keeps only the newest rumor about a member, and returns the same buffer when empty', () => {
    const buffer = enqueue(enqueue([], { id: 'n3', status: 'suspect', incarnation: 1 }), { id: 'n3', status: 'alive', incarnation: 2 });
    expect(buffer).toEqual([{ id: 'n3', status: 'alive', incarnation: 2, sent: 0 }]);
    const empty: Queued[] = [];
    expect(takePiggyback(empty, 3).buffer).toBe(empty);
  });

  it('passes each rumor on λ·⌈log2(N+1)⌉ times', () => {
    expect(retransmitLimit(2, 16)).toBe(10);
    expect(retransmitLimit(2, 64)).toBe(14);
    expect(retransmitLimit(1, 8)).toBe(4);
  });
});
