// A leader's per-peer records are written in place once its own line of states owns them, and
// copied when they came from anywhere else.
import { describe, expect, it } from 'vitest';
import { withPeer, writablePeerRecord } from '../../../src/protocols/raft/peer-records';

describe('peer records', () => {
  it('copies a record it does not own once, then writes the copy in place', () => {
    const shared = { n2: 1, n3: 1 };
    const first = withPeer(shared, 'n2', 5);
    expect(first).not.toBe(shared);
    expect(shared).toEqual({ n2: 1, n3: 1 });
    expect(first).toEqual({ n2: 5, n3: 1 });
    const second = withPeer(first, 'n3', 7);
    expect(second).toBe(first);
    expect(second).toEqual({ n2: 5, n3: 7 });
  });

  it('copies a spread, a clone or a frozen record of an owned one', () => {
    const owned = writablePeerRecord({ n2: 1 });
    expect(writablePeerRecord(owned)).toBe(owned);
    expect(writablePeerRecord({ ...owned })).not.toBe(owned);
    expect(writablePeerRecord(structuredClone(owned))).not.toBe(owned);
    const frozen = Object.freeze(owned);
    const copy = withPeer(frozen, 'n2', 2);
    expect(copy).not.toBe(frozen);
    expect(frozen).toEqual({ n2: 1 });
  });
});
