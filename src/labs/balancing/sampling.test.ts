// The discretized exponential: its mean and spread are an exponential's (mean ≈ standard
// deviation), and a fixed seed draws the same delays every time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../engine/prng';
import { exponentialMs } from './sampling';

describe('exponentialMs', () => {
  it('has about the mean asked for, and a standard deviation about as large', () => {
    const rng = Prng.fromSeed(7, 'test');
    const draws = Array.from({ length: 50_000 }, () => exponentialMs(rng, 100));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length);
    expect(mean).toBeGreaterThan(97);
    expect(mean).toBeLessThan(102);
    expect(sd).toBeGreaterThan(90);
    expect(sd).toBeLessThan(105);
    // Memoryless tail: about e^-2 ≈ 13.5% of draws exceed twice the mean.
    const over = draws.filter((d) => d > 200).length / draws.length;
    expect(over).toBeGreaterThan(0.12);
    expect(over).toBeLessThan(0.15);
  });

  it('draws whole milliseconds of at least 1, the same for the same seed', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 5000 }), (seed, mean) => {
      const a = Prng.fromSeed(seed, 's');
      const b = Prng.fromSeed(seed, 's');
      for (let i = 0; i < 20; i++) {
        const x = exponentialMs(a, mean);
        expect(Number.isInteger(x) && x >= 1 && x <= Math.ceil(mean * 5.6)).toBe(true);
        expect(exponentialMs(b, mean)).toBe(x);
      }
    }));
  });
});
