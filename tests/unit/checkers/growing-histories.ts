// Random register histories for properties that feed a history to a checker batch by batch (the
// incremental checker and growing pairing): the options of generateHistory and of
// lateUnknownsHistory, with the mix of keys each test wants (repeats weight a choice).
import fc from 'fast-check';

/** How many events each batch adds. */
export const batchSizes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 });

export function generatedOptions(keys: number[]) {
  return fc.record({
    processes: fc.integer({ min: 1, max: 4 }),
    keys: fc.constantFrom(...keys),
    operations: fc.integer({ min: 1, max: 14 }),
    choices: fc.array(fc.nat(1000), { minLength: 5, maxLength: 80 }),
    mutate: fc.boolean(),
    uniqueWrites: fc.boolean(),
    withTime: fc.boolean(),
  });
}

export function lateUnknownOptions(keys: number[]) {
  return fc.record({
    processes: fc.integer({ min: 1, max: 4 }),
    operations: fc.integer({ min: 1, max: 30 }),
    choices: fc.array(fc.nat(1000), { minLength: 5, maxLength: 100 }),
    unique: fc.boolean(),
    domain: fc.integer({ min: 2, max: 4 }),
    mutate: fc.boolean(),
    keys: fc.constantFrom(...keys),
  });
}
