// A transfer's parts move money without making or destroying any, and touch every participant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transferParts } from './transfer';

describe('transferParts', () => {
  it('debits the source first, credits the others, and adds up to zero (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 1000 }), (count, from, amount) => {
        const participants = Array.from({ length: count }, (_, i) => `n${i + 2}`);
        const parts = transferParts(participants, from, amount);
        expect(parts.reduce((sum, part) => sum + part.delta, 0)).toBe(0);
        expect(new Set(parts.map((part) => part.id))).toEqual(new Set(participants));
        if (count > 1) {
          expect(parts[0]).toEqual({ id: participants[from % count], delta: -amount });
          expect(parts.slice(1).every((part) => part.delta >= 0)).toBe(true);
        }
      }),
    );
  });
});
