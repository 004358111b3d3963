// The MAC stand-in: any change to a covered field changes the tag; the tag depends on the pair's
// key; a copied tag on an altered packet does not verify.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COVERED_FIELDS, pairKey, tagOf, verifyTag } from './mac';

const packet = fc.record({
  type: fc.constantFrom('Replicate', 'Ack', 'Proof', 'Welcome'),
  src: fc.constantFrom('n1', 'n2', 'n3'),
  dst: fc.constantFrom('n1', 'n2', 'n3'),
  sess: fc.integer({ min: 1, max: 0x7fffffff }),
  seq: fc.nat(10_000),
  version: fc.nat(10_000),
  value: fc.nat(1_000_000),
  nonce: fc.nat(0x7fffffff),
});

describe('keyed hash standing in for a MAC', () => {
  it('a tagged packet verifies; changing any covered field breaks the tag', () => {
    fc.assert(
      fc.property(packet, fc.constantFrom(...COVERED_FIELDS.filter((f) => f !== 'type' && f !== 'src' && f !== 'dst')), fc.integer({ min: 1, max: 1000 }), (p, field, delta) => {
        const tagged = { ...p, mac: tagOf(p) };
        expect(verifyTag(tagged)).toBe(true);
        const altered = { ...tagged, [field]: (tagged[field] as number) + delta };
        expect(verifyTag(altered)).toBe(false);
      }),
    );
  });

  it('a packet re-addressed to another pair does not verify (per-pair keys)', () => {
    fc.assert(
      fc.property(packet, (p) => {
        fc.pre(p.src !== p.dst && p.dst !== 'n3' && p.src !== 'n3');
        const tagged = { ...p, mac: tagOf(p) };
        expect(verifyTag({ ...tagged, dst: 'n3' })).toBe(false);
      }),
    );
  });

  it('keys are per pair, the same both ways', () => {
    expect(pairKey('n1', 'n2')).toBe(pairKey('n2', 'n1'));
    expect(pairKey('n1', 'n2')).not.toBe(pairKey('n1', 'n3'));
  });

  it('a packet with no tag never verifies', () => {
    expect(verifyTag({ type: 'Replicate', src: 'n1', dst: 'n2', version: 1, value: 1 })).toBe(false);
  });
});
