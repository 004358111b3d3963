// Pairing that follows a history growing at its end (live checks pair on every frame) gives what
// pairing the whole history gives, after every batch of events, malformed histories included.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OperationPairing, pairOperations } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';
import { generateHistory } from './generate';
import { batchSizes, generatedOptions, lateUnknownOptions } from './growing-histories';
import { lateUnknownsHistory } from './late-unknowns';

const batches = batchSizes;

const generated = generatedOptions([1, 2]);

const lateUnknowns = lateUnknownOptions([1, 2]);

/** Events from a small alphabet: most are malformed somewhere (invoke while pending, completion
 * without invoke, mismatched completion, bad cas value). */
const scrambled = fc.array(
  fc.record({ process: fc.integer({ min: 0, max: 2 }), type: fc.constantFrom('invoke', 'invoke', 'ok', 'info', 'fail'), f: fc.constantFrom('read', 'write', 'cas', 'cas'), value: fc.constantFrom(null, 1, 2, [1, 2], false) }),
  { maxLength: 30 },
) as fc.Arbitrary<HistoryEvent[]>;

describe('pairing a growing history', () => {
  it('gives what pairing the whole prefix gives, after every batch (malformed histories too)', () => {
    const histories = fc.oneof(generated.map(generateHistory), lateUnknowns.map(lateUnknownsHistory), scrambled);
    fc.assert(
      fc.property(histories, batches, (history, sizes) => {
        const pairing = new OperationPairing();
        let end = 0;
        for (let b = 0; end < history.length; b++) {
          end = Math.min(history.length, end + sizes[b % sizes.length]);
          const prefix = history.slice(0, end);
          expect(pairing.update(prefix)).toEqual(pairOperations(prefix));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
