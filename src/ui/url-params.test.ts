// Reading and writing ?seed and ?nodes.
import { describe, expect, it } from 'vitest';
import { clampNodes, nextRandomSeed, readAutoplay } from './url-params';

describe('helpers', () => {
  it('reads autoplay', () => {
    expect(readAutoplay('')).toBe(true);
    expect(readAutoplay('?autoplay=0')).toBe(false);
    expect(readAutoplay('?autoplay=false')).toBe(false);
    expect(readAutoplay('?autoplay=1')).toBe(true);
  });

  it('clamps node counts', () => {
    expect(clampNodes(1)).toBe(3);
    expect(clampNodes(12)).toBe(9);
    expect(clampNodes(Number.NaN)).toBe(5);
  });

  it('draws a new seed that differs from the current one', () => {
    expect(nextRandomSeed(5, () => 0.5)).toBe(500_000);
    const values = [0, 0.5];
    expect(nextRandomSeed(1, () => values.shift() ?? 0.9)).toBe(500_000);
  });
});
