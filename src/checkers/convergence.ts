// Convergence: after the system has quiesced, every replica should hold the same value for every
// key. A key a replica does not hold counts as nil, the register's initial value.

import { showValue, valueKey } from './values';

export interface ValueGroup {
  value: unknown;
  nodes: string[];
}

export interface KeyConvergence {
  key: string;
  converged: boolean;
  /** Distinct values, most widely held first, each with the nodes that hold it. */
  groups: ValueGroup[];
}

export interface ConvergenceResult {
  converged: boolean;
  keys: KeyConvergence[];
  /** The keys whose replicas differ. */
  differing: KeyConvergence[];
  sentence: string;
}

export function checkConvergence(replicas: Record<string, Record<string, unknown>>): ConvergenceResult {
  const nodes = Object.keys(replicas).sort();
  const keyNames = [...new Set(nodes.flatMap((node) => Object.keys(replicas[node] ?? {})))].sort();
  const keys = keyNames.map((key) => convergenceOf(key, nodes, replicas));
  const differing = keys.filter((k) => !k.converged);
  return { converged: differing.length === 0, keys, differing, sentence: sentenceFor(nodes.length, keys.length, differing) };
}

function convergenceOf(key: string, nodes: string[], replicas: Record<string, Record<string, unknown>>): KeyConvergence {
  const groups = new Map<string, ValueGroup>();
  for (const node of nodes) {
    const held = replicas[node] ?? {};
    const value = Object.prototype.hasOwnProperty.call(held, key) ? held[key] : null;
    const id = valueKey(value);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { value: value ?? null, nodes: [] }));
    group.nodes.push(node);
  }
  const sorted = [...groups.values()].sort((x, y) => y.nodes.length - x.nodes.length);
  return { key, converged: sorted.length <= 1, groups: sorted };
}

function sentenceFor(nodeCount: number, keyCount: number, differing: KeyConvergence[]): string {
  if (differing.length === 0) {
    return `All ${nodeCount} replicas hold the same value for ${keyCount === 1 ? 'the key' : `all ${keyCount} keys`}.`;
  }
  const parts = differing.map((k) => {
    const groups = k.groups.map((g) => `${g.nodes.join(', ')} ${g.nodes.length === 1 ? 'holds' : 'hold'} ${showValue(g.value)}`);
    return `${k.key}: ${groups.join('; ')}`;
  });
  return `Replicas differ on ${differing.length === 1 ? 'one key' : `${differing.length} keys`}: ${parts.join('. ')}.`;
}
