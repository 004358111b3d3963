// Frame questions the tours ask: servers, cut links, who is cut off, which groups a minority makes.
import { describe, expect, it } from 'vitest';
import { cutOffServers, hasCutLinks, homedNodes, isPartitioned, minorityGroups, serverNodes } from './cluster';
import { client, fiveServers, partitionCut, server, tourFrame } from './test-frames';

describe('cluster questions', () => {
  it('takes the first actor’s role as the server role', () => {
    const frame = tourFrame({ nodes: [...fiveServers(), client('c1', 'n2')] });
    expect(serverNodes(frame).map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(homedNodes(frame).map((n) => n.id)).toEqual(['c1']);
  });

  it('sees no partition on a whole network, and the minority side of a cut', () => {
    expect(isPartitioned(tourFrame())).toBe(false);
    const frame = tourFrame({ links: partitionCut([['n1', 'n2'], ['n3', 'n4', 'n5']]) });
    expect(hasCutLinks(frame)).toBe(true);
    expect(cutOffServers(frame)).toEqual(['n1', 'n2']);
  });

  it('counts a link cut one way as unusable, and ignores listed links that are up', () => {
    const oneWay = tourFrame({ links: ['n2', 'n3', 'n4', 'n5'].map((to) => ({ from: 'n1', to, up: false })) });
    expect(cutOffServers(oneWay)).toEqual(['n1']);
    const upOnly = tourFrame({ links: [{ from: 'n1', to: 'n2', up: true }] });
    expect(hasCutLinks(upOnly)).toBe(false);
  });

  it('builds minority groups from preferred servers first, then the lowest numbers', () => {
    const frame = tourFrame({ nodes: fiveServers() });
    expect(minorityGroups(frame)).toEqual([['n1', 'n2'], ['n3', 'n4', 'n5']]);
    expect(minorityGroups(frame, ['n4'])).toEqual([['n1', 'n4'], ['n2', 'n3', 'n5']]);
    expect(minorityGroups(frame, ['n5', 'n3', 'n1'])).toEqual([['n3', 'n5'], ['n1', 'n2', 'n4']]);
    expect(minorityGroups(frame, ['c9'])).toEqual([['n1', 'n2'], ['n3', 'n4', 'n5']]);
    expect(minorityGroups(tourFrame({ nodes: [server('n1'), server('n2')] }))).toBeNull();
  });
});
