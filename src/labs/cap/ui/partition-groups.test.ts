// The minority partition helper and which nodes a cut leaves without a majority.
import { describe, expect, it } from 'vitest';
import type { LinkFrame } from '../../../engine/frame';
import { minorityGroups, minorityNodes, minoritySize } from './partition-groups';

const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i + 1}` }));

function partitionedLinks(groups: string[][]): LinkFrame[] {
  const side = new Map(groups.flatMap((group, i) => group.map((id) => [id, i] as const)));
  const ids = [...side.keys()];
  return ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => ({ from, to, up: side.get(from) === side.get(to) })));
}

describe('minorityGroups', () => {
  it('puts the clients’ home nodes on a minority side of five', () => {
    const clients = [
      { id: 'c1', attachedTo: 'n1' },
      { id: 'c2', attachedTo: 'n2' },
    ];
    expect(minorityGroups(nodes(5), clients)).toEqual([
      ['n1', 'n2'],
      ['n3', 'n4', 'n5'],
    ]);
  });

  it('takes homes first, keeps the side a minority and fills it with the lowest nodes', () => {
    expect(minorityGroups(nodes(5), [{ id: 'c1', attachedTo: 'n4' }])).toEqual([
      ['n1', 'n4'],
      ['n2', 'n3', 'n5'],
    ]);
    const three = ['n3', 'n1', 'n2'].map((id, i) => ({ id: `c${i + 1}`, attachedTo: id }));
    expect(minorityGroups(nodes(5), three)).toEqual([
      ['n1', 'n3'],
      ['n2', 'n4', 'n5'],
    ]);
    expect(minorityGroups(nodes(3), [])).toEqual([['n1'], ['n2', 'n3']]);
  });

  it('ignores user clients and needs three nodes', () => {
    expect(minorityGroups(nodes(5), [{ id: 'u5', attachedTo: 'n5' }])).toEqual([
      ['n1', 'n2'],
      ['n3', 'n4', 'n5'],
    ]);
    expect(minorityGroups(nodes(2), [])).toBeNull();
    expect(minoritySize(7)).toBe(3);
  });
});

describe('minorityNodes', () => {
  it('is empty for a whole network and names the cut-off side of a partition', () => {
    expect(minorityNodes(nodes(5), partitionedLinks([['n1', 'n2', 'n3', 'n4', 'n5']]))).toEqual(new Set());
    expect(minorityNodes(nodes(5), partitionedLinks([['n1', 'n2'], ['n3', 'n4', 'n5']]))).toEqual(new Set(['n1', 'n2']));
  });

  it('counts a link as up only when it is up both ways', () => {
    const links = partitionedLinks([['n1', 'n2', 'n3']]).map((link) => (link.from === 'n1' ? { ...link, up: false } : link));
    expect(minorityNodes(nodes(3), links)).toEqual(new Set(['n1']));
  });
});
