// Version reconciliation: LWW keeps the greatest stamp whatever the causal order; version vectors
// keep concurrent writes as siblings and drop what a later version has seen. Merge is
// commutative, associative and idempotent in both (property tests against arbitrary versions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Version, Versioning } from '../../../src/protocols/dynamo/types';
import { mergeVersions, nextVector, sameVersions, valueOf, vvDescends } from '../../../src/protocols/dynamo/versions';

const version = (value: number, ms: number, node: string, seq: number, vv: Record<string, number>): Version => ({ value, stamp: { ms, node, seq }, vv });

const arbitraryVersion = fc
  .record({ ms: fc.integer({ min: 0, max: 50 }), node: fc.constantFrom('n1', 'n2', 'n3'), seq: fc.integer({ min: 1, max: 6 }), extra: fc.dictionary(fc.constantFrom('n1', 'n2', 'n3'), fc.integer({ min: 0, max: 6 })) })
  // A write's own entry is its counter: (node, seq) names one write, with one vector.
  .map(({ ms, node, seq, extra }) => version(seq * 10 + Number(node[1]), ms * 0 + seq * 7 + Number(node[1]), node, seq, { ...extra, [node]: seq }));
/** Three replicas' lists drawn from one pool of writes, so a write has one vector everywhere. */
const threeLists = fc
  .uniqueArray(arbitraryVersion, { maxLength: 7, selector: (v) => `${v.stamp.node}.${v.stamp.seq}` })
  .chain((pool) => fc.tuple(fc.subarray(pool), fc.subarray(pool), fc.subarray(pool)));

function same(a: Version[], b: Version[]): boolean {
  return sameVersions(a, b);
}

describe.each<Versioning>(['lww', 'vv'])('mergeVersions (%s)', (mode) => {
  // Lists as replicas hold them: already merged.
  it('is commutative, associative and idempotent', () => {
    fc.assert(fc.property(threeLists, ([a, b, c]) => {
      [a, b, c] = [a, b, c].map((list) => mergeVersions([], list, mode));
      const ab = mergeVersions(a, b, mode);
      expect(same(ab, mergeVersions(b, a, mode))).toBe(true);
      expect(same(mergeVersions(ab, c, mode), mergeVersions(a, mergeVersions(b, c, mode), mode))).toBe(true);
      expect(same(mergeVersions(ab, ab, mode), ab)).toBe(true);
    }));
  });
});

describe('last-writer-wins and version vectors', () => {
  // n1's clock runs behind: its write saw n2's (vector n1:1,n2:1) but carries an older stamp.
  const earlier = version(1, 1000, 'n2', 1, { n2: 1 });
  const later = version(2, 400, 'n1', 1, { n1: 1, n2: 1 });

  it('LWW keeps the greater timestamp even when the other write came later and had seen it', () => {
    expect(mergeVersions([earlier], [later], 'lww')).toEqual([earlier]);
  });

  it('version vectors keep the write that descends from the other, whatever the clocks say', () => {
    expect(vvDescends(later.vv, earlier.vv)).toBe(true);
    expect(mergeVersions([earlier], [later], 'vv')).toEqual([later]);
  });

  it('version vectors keep concurrent writes as siblings; a read hands over the latest stamp', () => {
    const a = version(3, 10, 'n1', 2, { n1: 2 });
    const b = version(4, 20, 'n2', 2, { n2: 2 });
    const merged = mergeVersions([a], [b], 'vv');
    expect(merged.map((v) => v.value)).toEqual([3, 4]);
    expect(valueOf(merged)).toBe(4);
    // A write that has seen both replaces them.
    const resolved = version(5, 30, 'n3', 1, nextVector(merged, 'n3', 1));
    expect(mergeVersions(merged, [resolved], 'vv')).toEqual([resolved]);
  });
});
