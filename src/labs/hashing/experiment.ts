// `cli experiment hashing`: for N nodes and K keys, the share of keys whose owner changes when an
// (N+1)th node is added, and the busiest node's keys over the mean, per scheme and tokens per
// node — computed with the same placement functions the lab's nodes use.
import type { ExperimentSpec } from '../define-lab';
import { keyHashes, keysPerMember, maxOverMean, movedKeys, placementFor, SCHEMES, type Scheme } from './placement';

export interface ExperimentRow {
  scheme: Scheme;
  /** Tokens per node (ring only; null for schemes without tokens). */
  vnodes: number | null;
  nodes: number;
  keys: number;
  movedFraction: number;
  idealMovedFraction: number;
  maxOverMean: number;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export function measure(scheme: Scheme, vnodes: number, nodes: number, keys: number): ExperimentRow {
  const hashes = keyHashes(keys);
  const before = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const small = placementFor(scheme, vnodes, before);
  const large = placementFor(scheme, vnodes, [...before, `n${nodes + 1}`]);
  return {
    scheme, vnodes: scheme === 'ring' ? vnodes : null, nodes, keys,
    movedFraction: round(movedKeys(small, large, hashes) / keys),
    idealMovedFraction: round(1 / (nodes + 1)),
    maxOverMean: round(maxOverMean(keysPerMember(small, hashes))),
  };
}

function integer(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`expected a whole number from ${min} to ${max}, got "${text}"`);
    return value;
  };
}

function list<T>(parse: (text: string) => T) {
  return (text: string): T[] => {
    const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (items.length === 0) throw new Error('expected a comma-separated list');
    return items.map(parse);
  };
}

function scheme(text: string): Scheme {
  if (!(SCHEMES as readonly string[]).includes(text)) throw new Error(`unknown scheme "${text}" (known: ${SCHEMES.join(', ')})`);
  return text as Scheme;
}

export const hashingExperiment: ExperimentSpec = {
  description: 'Keys moved by adding one node, and the busiest node over the mean, for the ring (per tokens per node) and hash mod N',
  options: {
    nodes: { description: 'nodes before the one added', default: '10', parse: integer(1, 1000) },
    vnodes: { description: 'tokens per node on the ring, comma-separated', default: '1,10,100', parse: list(integer(1, 1000)) },
    keys: { description: 'keys placed', default: '100000', parse: integer(1, 1_000_000) },
    schemes: { description: `schemes, comma-separated (${SCHEMES.join(', ')})`, default: 'ring,mod', parse: list(scheme) },
  },
  run(options, print) {
    const nodes = options.nodes as number;
    const keys = options.keys as number;
    for (const s of options.schemes as Scheme[]) {
      if (s === 'ring') for (const v of options.vnodes as number[]) print({ ...measure(s, v, nodes, keys) });
      else print({ ...measure(s, 1, nodes, keys) });
    }
  },
};
