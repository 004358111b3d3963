// Who sends a key where when its preference list changes.
import { describe, expect, it } from 'vitest';
import { handoffTargets, indexOfSorted, withKeys, withoutKeys } from './handoff';

describe('handoffTargets', () => {
  it('a node leaving the list hands the key to the new replicas', () => {
    expect(handoffTargets('a', ['a'], ['b'])).toEqual(['b']);
    expect(handoffTargets('c', ['a', 'b', 'c'], ['a', 'x', 'b'])).toEqual(['x']);
  });

  it('a node leaving a shrinking list has the first replica confirm it holds the key', () => {
    expect(handoffTargets('b', ['a', 'b', 'c'], ['a'])).toEqual(['a']);
  });

  it('every holder staying on the list copies the key to the new replicas', () => {
    expect(handoffTargets('a', ['a'], ['a', 'b', 'c'])).toEqual(['b', 'c']);
    expect(handoffTargets('b', ['a', 'b'], ['a', 'b', 'c'])).toEqual(['c']);
    expect(handoffTargets('a', ['a', 'b', 'c'], ['a', 'x', 'b'])).toEqual(['x']);
  });

  it('a replica that stays and sees no new one sends nothing', () => {
    expect(handoffTargets('a', ['a', 'b', 'c'], ['b', 'a'])).toEqual([]);
  });

  it('nothing to send with no members', () => {
    expect(handoffTargets('a', ['a'], [])).toEqual([]);
  });
});

describe('sorted key sets', () => {
  it('add, remove and find', () => {
    const keys = withKeys([1, 5, 9], [3, 5, 11]);
    expect(keys).toEqual([1, 3, 5, 9, 11]);
    expect(indexOfSorted(keys, 9)).toBe(3);
    expect(indexOfSorted(keys, 4)).toBe(-1);
    expect(withoutKeys(keys, new Set([1, 11]))).toEqual([3, 5, 9]);
  });
});
