// The cut matrix answers exactly what the "from>to" keys of the network's record answer, for any
// cuts, homes and actor list, and follows the record as it is replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CutMatrix } from '../../../src/engine/cut-matrix';
import { cutLink, healLink, isLinkUp, locationOf, partition, type NetworkState } from '../../../src/engine/network';

const ACTORS = ['n1', 'n2', 'n3', 'c1', 'c2'];

function byKeys(network: NetworkState, home: Record<string, string>, from: string, to: string): boolean {
  return isLinkUp(network, from, to) && isLinkUp(network, locationOf(from, home), locationOf(to, home));
}

describe('cut matrix', () => {
  it('agrees with the cut record through any sequence of cuts, heals and partitions', () => {
    const pair = fc.tuple(fc.constantFrom(...ACTORS), fc.constantFrom(...ACTORS));
    const change = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), link: pair, oneWay: fc.boolean() }),
      fc.record({ kind: fc.constant('heal' as const), link: pair, oneWay: fc.boolean() }),
      fc.record({ kind: fc.constant('partition' as const), groups: fc.array(fc.subarray(['n1', 'n2', 'n3']), { maxLength: 2 }) }),
    );
    fc.assert(fc.property(fc.array(change, { maxLength: 12 }), fc.boolean(), (changes, withHomes) => {
      const network: NetworkState = { cut: {}, latencyMs: [1, 1], dropPpm: 0, duplicatePpm: 0 };
      const home: Record<string, string> = withHomes ? { c1: 'n1', c2: 'n3' } : {};
      const matrix = new CutMatrix();
      for (const c of changes) {
        if (c.kind === 'cut') cutLink(network, c.link[0], c.link[1], c.oneWay);
        else if (c.kind === 'heal') healLink(network, c.link[0], c.link[1], c.oneWay);
        else partition(network, ['n1', 'n2', 'n3'], c.groups);
        for (const from of ACTORS) {
          for (const to of ACTORS) expect(matrix.canReach(network, ACTORS, home, from, to), `${from}→${to}`).toBe(byKeys(network, home, from, to));
        }
      }
    }), { numRuns: 200 });
  });

  it('answers null for an actor it does not know, and learns actors added later', () => {
    const network: NetworkState = { cut: {}, latencyMs: [1, 1], dropPpm: 0, duplicatePpm: 0 };
    cutLink(network, 'n1', 'n2', false);
    const matrix = new CutMatrix();
    const actors = ['n1', 'n2'];
    expect(matrix.canReach(network, actors, {}, 'n1', 'c9')).toBeNull();
    actors.push('c9');
    expect(matrix.canReach(network, actors, { c9: 'n2' }, 'n1', 'c9')).toBe(false);
  });
});
