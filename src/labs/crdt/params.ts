// The CRDT lab's parameters, read with defaults (scenarios are validated before a run).
import { CRDT_KINDS, type CrdtKind } from '../../protocols/crdt/index';

export interface CrdtParams {
  type: CrdtKind;
  /** Each replica performs a random operation after a delay drawn from this range; [0, 0] never. */
  opIntervalMs: [number, number];
  /** Each replica sends its whole state to a random peer after a delay drawn from this range. */
  gossipMs: [number, number];
}

export const CRDT_DEFAULTS: CrdtParams = { type: 'g-counter', opIntervalMs: [200, 600], gossipMs: [100, 300] };

/** The elements sets draw from: few, so adds and removes of the same element meet often. */
export const ELEMENTS = ['a', 'b', 'c', 'd'] as const;

function range(value: unknown, fallback: [number, number]): [number, number] {
  return Array.isArray(value) && value.length === 2 ? [Number(value[0]), Number(value[1])] : fallback;
}

export function crdtParams(params: Record<string, unknown>): CrdtParams {
  const type = (CRDT_KINDS as readonly unknown[]).includes(params.type) ? (params.type as CrdtKind) : CRDT_DEFAULTS.type;
  return { type, opIntervalMs: range(params.opIntervalMs, CRDT_DEFAULTS.opIntervalMs), gossipMs: range(params.gossipMs, CRDT_DEFAULTS.gossipMs) };
}
