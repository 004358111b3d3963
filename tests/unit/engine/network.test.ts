// The simulated network's links: directed cuts, heals (one link or all), partitions into groups,
// and where a client sits on the network.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cutLink, healAll, healLink, isLinkUp, locationOf, partition, type NetworkState } from '../../../src/engine/network';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

function fresh(): NetworkState {
  return { cut: {}, latencyMs: [10, 30], dropPpm: 0, duplicatePpm: 0 };
}

/** Every directed link that is down, as "a>b" strings, sorted. */
function downLinks(network: NetworkState, nodes = NODES): string[] {
  const down: string[] = [];
  for (const a of nodes) for (const b of nodes) if (a !== b && !isLinkUp(network, a, b)) down.push(`${a}>${b}`);
  return down.sort();
}

describe('network links', () => {
  it('starts with every link up, and a node can always reach itself', () => {
    const network = fresh();
    expect(downLinks(network)).toEqual([]);
    cutLink(network, 'n1', 'n2', false);
    expect(isLinkUp(network, 'n1', 'n1')).toBe(true);
    expect(isLinkUp(network, 'n2', 'n2')).toBe(true);
  });

  it('a two-way cut takes down both directions of that link and nothing else', () => {
    const network = fresh();
    cutLink(network, 'n1', 'n2', false);
    expect(downLinks(network)).toEqual(['n1>n2', 'n2>n1']);
  });

  it('a one-way cut takes down only the named direction', () => {
    const network = fresh();
    cutLink(network, 'n3', 'n4', true);
    expect(isLinkUp(network, 'n3', 'n4')).toBe(false);
    expect(isLinkUp(network, 'n4', 'n3')).toBe(true);
    expect(downLinks(network)).toEqual(['n3>n4']);
  });

  it('healing a link both ways restores both directions and leaves other cuts alone', () => {
    const network = fresh();
    cutLink(network, 'n1', 'n2', false);
    cutLink(network, 'n3', 'n4', false);
    healLink(network, 'n2', 'n1', false);
    expect(downLinks(network)).toEqual(['n3>n4', 'n4>n3']);
  });

  it('healing one way restores only that direction', () => {
    const network = fresh();
    cutLink(network, 'n1', 'n2', false);
    healLink(network, 'n1', 'n2', true);
    expect(isLinkUp(network, 'n1', 'n2')).toBe(true);
    expect(isLinkUp(network, 'n2', 'n1')).toBe(false);
  });

  it('healing a link that is up changes nothing', () => {
    const network = fresh();
    cutLink(network, 'n1', 'n2', true);
    healLink(network, 'n4', 'n5', false);
    expect(downLinks(network)).toEqual(['n1>n2']);
  });

  it('heal all restores every link', () => {
    const network = fresh();
    cutLink(network, 'n1', 'n2', false);
    cutLink(network, 'n3', 'n5', true);
    partition(network, NODES, [['n1', 'n2'], ['n3', 'n4', 'n5']]);
    healAll(network);
    expect(downLinks(network)).toEqual([]);
  });
});

describe('partition', () => {
  it('keeps links inside a group up and cuts links across groups both ways', () => {
    const network = fresh();
    partition(network, NODES, [['n1', 'n2'], ['n3', 'n4', 'n5']]);
    for (const a of NODES) {
      for (const b of NODES) {
        if (a === b) continue;
        const sameSide = (['n1', 'n2'].includes(a)) === (['n1', 'n2'].includes(b));
        expect(isLinkUp(network, a, b), `${a}>${b}`).toBe(sameSide);
      }
    }
  });

  it('isolates a node that is in no group from every other node, both ways', () => {
    const network = fresh();
    partition(network, NODES, [['n1', 'n2'], ['n3', 'n4']]);
    for (const other of ['n1', 'n2', 'n3', 'n4']) {
      expect(isLinkUp(network, 'n5', other)).toBe(false);
      expect(isLinkUp(network, other, 'n5')).toBe(false);
    }
    expect(isLinkUp(network, 'n1', 'n2')).toBe(true);
    expect(isLinkUp(network, 'n3', 'n4')).toBe(true);
  });

  it('two nodes in no group are isolated from each other too', () => {
    const network = fresh();
    partition(network, NODES, [['n1', 'n2', 'n3']]);
    expect(isLinkUp(network, 'n4', 'n5')).toBe(false);
    expect(isLinkUp(network, 'n5', 'n4')).toBe(false);
  });

  it('replaces earlier cuts: a link inside a group is up even if it was cut before', () => {
    const network = fresh();
    cutLink(network, 'n1', 'n2', false);
    partition(network, NODES, [['n1', 'n2'], ['n3', 'n4', 'n5']]);
    expect(isLinkUp(network, 'n1', 'n2')).toBe(true);
    expect(isLinkUp(network, 'n2', 'n1')).toBe(true);
  });

  it('one group with every node cuts nothing', () => {
    const network = fresh();
    cutLink(network, 'n1', 'n2', false);
    partition(network, NODES, [NODES.slice()]);
    expect(downLinks(network)).toEqual([]);
  });

  it('matches a reference model on random groupings (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -1, max: 3 }), { minLength: NODES.length, maxLength: NODES.length }),
      (assignment) => {
        // assignment[i] = group index of node i, or -1 for "in no group".
        const groups: string[][] = [[], [], [], []];
        assignment.forEach((group, i) => { if (group >= 0) groups[group].push(NODES[i]); });
        const network = fresh();
        partition(network, NODES, groups.filter((g) => g.length > 0));
        for (let i = 0; i < NODES.length; i++) {
          for (let j = 0; j < NODES.length; j++) {
            if (i === j) continue;
            const expected = assignment[i] >= 0 && assignment[i] === assignment[j];
            if (isLinkUp(network, NODES[i], NODES[j]) !== expected) return false;
          }
        }
        return true;
      },
    ), { numRuns: 300 });
  });
});

describe('locationOf', () => {
  it('puts a client at its home node and a node where it is', () => {
    const homes = { c1: 'n2', c2: 'n5' };
    expect(locationOf('c1', homes)).toBe('n2');
    expect(locationOf('c2', homes)).toBe('n5');
    expect(locationOf('n3', homes)).toBe('n3');
  });

  it('a client shares its home node’s links', () => {
    const network = fresh();
    cutLink(network, 'n2', 'n4', true);
    const homes = { c1: 'n2' };
    expect(isLinkUp(network, locationOf('c1', homes), locationOf('n4', homes))).toBe(false);
    expect(isLinkUp(network, locationOf('n4', homes), locationOf('c1', homes))).toBe(true);
    expect(isLinkUp(network, locationOf('c1', homes), locationOf('n2', homes))).toBe(true);
  });
});
