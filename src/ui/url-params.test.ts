// Reading and writing ?seed and ?nodes.
import { describe, expect, it } from 'vitest';
import { clampNodes, nextRandomSeed, readAutoplay, readParams, withParams } from './url-params';

describe('readParams', () => {
  it('defaults to seed 1 and 5 nodes', () => {
    expect(readParams('')).toEqual({ seed: 1, nodes: 5 });
  });

  it('reads seed and nodes', () => {
    expect(readParams('?seed=42&nodes=7')).toEqual({ seed: 42, nodes: 7 });
    expect(readParams('?seed=0')).toEqual({ seed: 0, nodes: 5 });
  });

  it('ignores values out of range or not whole numbers', () => {
    expect(readParams('?seed=-3&nodes=2')).toEqual({ seed: 1, nodes: 5 });
    expect(readParams('?seed=1.5&nodes=10')).toEqual({ seed: 1, nodes: 5 });
    expect(readParams('?seed=abc&nodes=')).toEqual({ seed: 1, nodes: 5 });
    expect(readParams('?seed=4294967296')).toEqual({ seed: 1, nodes: 5 });
    expect(readParams('?seed=4294967295&nodes=9')).toEqual({ seed: 4294967295, nodes: 9 });
  });
});

describe('withParams', () => {
  it('sets the seed and keeps other parameters and the hash', () => {
    expect(withParams('http://x/app/?lab=raft&seed=1#top', { seed: 9, nodes: 5 })).toBe('/app/?lab=raft&seed=9#top');
  });

  it('writes nodes only when not the default', () => {
    expect(withParams('http://x/?nodes=7', { seed: 2, nodes: 7 })).toBe('/?nodes=7&seed=2');
    expect(withParams('http://x/?nodes=7', { seed: 2, nodes: 5 })).toBe('/?seed=2');
  });
});

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
