import { describe, expect, it } from 'vitest';
import { checkConvergence } from '../../../src/checkers/index';

describe('checkConvergence', () => {
  it('reports converged replicas', () => {
    const result = checkConvergence({ n1: { x: 3, y: [1, 2] }, n2: { x: 3, y: [1, 2] }, n3: { y: [1, 2], x: 3 } });
    expect(result.converged).toBe(true);
    expect(result.differing).toEqual([]);
    expect(result.sentence).toBe('All 3 replicas hold the same value for all 2 keys.');
  });

  it('names the keys and nodes that differ, a missing key counting as nil', () => {
    const result = checkConvergence({ n1: { x: 3, y: 1 }, n2: { x: 3, y: 1 }, n3: { x: 5 } });
    expect(result.converged).toBe(false);
    expect(result.differing.map((k) => k.key)).toEqual(['x', 'y']);
    expect(result.differing[0].groups).toEqual([{ value: 3, nodes: ['n1', 'n2'] }, { value: 5, nodes: ['n3'] }]);
    expect(result.differing[1].groups).toEqual([{ value: 1, nodes: ['n1', 'n2'] }, { value: null, nodes: ['n3'] }]);
    expect(result.sentence).toBe('Replicas differ on 2 keys: x: n1, n2 hold 3; n3 holds 5. y: n1, n2 hold 1; n3 holds nil.');
  });

  it('compares structured values by content', () => {
    expect(checkConvergence({ n1: { x: { a: 1, b: 2 } }, n2: { x: { b: 2, a: 1 } } }).converged).toBe(true);
    expect(checkConvergence({}).converged).toBe(true);
  });
});
