// Last-writer-wins stamps: the order of (clock, node, counter) and the copy-on-write draft.
import { describe, expect, it } from 'vitest';
import { NO_STAMP, StoreDraft, isNewer } from '../../../src/protocols/register/stamps';
import { frozen } from './helpers';

describe('isNewer', () => {
  it('orders by clock, then node id, then counter', () => {
    expect(isNewer({ ms: 2, node: 'n1', seq: 1 }, { ms: 1, node: 'n5', seq: 9 })).toBe(true);
    expect(isNewer({ ms: 1, node: 'n2', seq: 1 }, { ms: 1, node: 'n1', seq: 9 })).toBe(true);
    expect(isNewer({ ms: 1, node: 'n1', seq: 2 }, { ms: 1, node: 'n1', seq: 1 })).toBe(true);
    expect(isNewer({ ms: 1, node: 'n1', seq: 1 }, { ms: 1, node: 'n1', seq: 1 })).toBe(false);
    expect(isNewer({ ms: -5, node: 'n1', seq: 1 }, undefined)).toBe(true);
    expect(isNewer(NO_STAMP, { ms: -1e12, node: '', seq: 0 })).toBe(false);
  });
});

describe('StoreDraft', () => {
  it('copies on the first change only and never mutates its inputs', () => {
    const store = frozen({ x: 1 });
    const stamps = frozen({ x: { ms: 10, node: 'n1', seq: 1 } });
    const draft = new StoreDraft(store, stamps);
    expect(draft.merge('x', 2, { ms: 5, node: 'n9', seq: 1 })).toBe(false);
    expect(draft.changed).toBe(false);
    expect(draft.store).toBe(store);
    expect(draft.merge('x', 3, { ms: 11, node: 'n1', seq: 2 })).toBe(true);
    expect(draft.merge('y', 4, { ms: 1, node: 'n2', seq: 1 })).toBe(true);
    expect(draft.store).toEqual({ x: 3, y: 4 });
    expect(draft.stamps.x).toEqual({ ms: 11, node: 'n1', seq: 2 });
    expect(store).toEqual({ x: 1 });
  });

  it('sets unconditionally for CP and replaces everything for a sync', () => {
    const draft = new StoreDraft({ x: 1 }, { x: { ms: 10, node: 'n1', seq: 1 } });
    draft.set('x', 2, { ms: 1, node: 'n1', seq: 1 });
    expect(draft.store).toEqual({ x: 2 });
    draft.replace({ y: 3 }, { y: { ms: 0, node: 'n2', seq: 4 } });
    expect(draft.store).toEqual({ y: 3 });
    expect(draft.stamps).toEqual({ y: { ms: 0, node: 'n2', seq: 4 } });
  });
});
