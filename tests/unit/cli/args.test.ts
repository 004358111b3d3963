// The CLI's small vocabulary: durations ("500ms", "2s", "1m") and seeds ("7", "1..500").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDurationMs, parseSeeds } from '../../../src/cli/args';

describe('parseDurationMs', () => {
  it.each([
    ['500ms', 500], ['2s', 2000], ['2m', 120_000], ['1.5s', 1500], ['250', 250], ['1', 1], [' 3s ', 3000], ['0.5m', 30_000], ['60s', 60_000], ['2h', 7_200_000], ['24h', 86_400_000],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', 's', '-1s', '1e3', '2 s', 'abc', '1.s', '.5s', '3sec', '1,5s'])('rejects %j with a hint', (text) => {
    expect(() => parseDurationMs(text)).toThrow(/--until takes a duration like 500ms/);
  });

  it.each(['0', '25h', '1441m', '99999999999m'])('rejects %j: outside 1 ms to the 24 h limit every run shares', (text) => {
    expect(() => parseDurationMs(text)).toThrow(/outside 1 ms to 24 h/);
  });

  it('agrees with its units for any whole number (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (n) => {
      expect(parseDurationMs(`${n}`)).toBe(n);
      expect(parseDurationMs(`${n}ms`)).toBe(n);
      expect(parseDurationMs(`${n}s`)).toBe(n * 1000);
      expect(parseDurationMs(`${n}m`)).toBe(n * 60_000);
    }));
  });
});

describe('parseSeeds', () => {
  it('reads one seed', () => {
    expect(parseSeeds('7')).toEqual([7]);
    expect(parseSeeds('0')).toEqual([0]);
    expect(parseSeeds(' 42 ')).toEqual([42]);
  });

  it('reads an inclusive range in order', () => {
    expect(parseSeeds('1..3')).toEqual([1, 2, 3]);
    expect(parseSeeds('5..5')).toEqual([5]);
    expect(parseSeeds('1..500')).toHaveLength(500);
  });

  it('rejects a range that ends before it starts', () => {
    expect(() => parseSeeds('3..1')).toThrow(/before the start/);
  });

  it('rejects a range larger than a million seeds', () => {
    expect(() => parseSeeds('1..2000000')).toThrow(/too large/);
  });

  it.each(['x', '-1', '1..', '..3', '1.5', '1...3', '1..3..5', '', '1-3', '0x10'])('rejects %j with a hint', (text) => {
    expect(() => parseSeeds(text)).toThrow(/seed/);
  });

  it('rejects seeds beyond 32 bits, which the engine would silently wrap to another seed', () => {
    expect(() => parseSeeds('4294967296')).toThrow(/seed/);
    expect(() => parseSeeds('4294967295..4294967297')).toThrow(/seed/);
    expect(parseSeeds('4294967295')).toEqual([4294967295]);
  });
});
