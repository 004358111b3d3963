// A lab's client workload: how many clients, how often they act, how long they wait, the mix of
// operations and the keys. Values written are unique run-wide, which keeps histories checkable.
import type { NodeContext, Operation } from '../../engine/types';

export interface Workload {
  clients: number;
  intervalMs: [number, number];
  timeoutMs: number;
  mix: { read: number; write: number; cas: number };
  keys: string[];
}

/** The workload travels in the params (`params.workload`), set from the scenario's own field. */
export function readWorkload(params: Record<string, unknown>): Workload | null {
  const workload = params.workload;
  return typeof workload === 'object' && workload !== null ? (workload as Workload) : null;
}

/** Draws the next operation of the workload from the client's stream. */
export function drawOperation(workload: Workload, ctx: NodeContext): Operation {
  const prng = ctx.rng;
  const key = prng.pick(workload.keys);
  const total = workload.mix.read + workload.mix.write + workload.mix.cas;
  const roll = prng.int(Math.max(1, total));
  if (roll < workload.mix.read) return { f: 'read', key };
  if (roll < workload.mix.read + workload.mix.write) return { f: 'write', key, value: ctx.next('write-value', 1) };
  const written = ctx.peek('write-value', 1);
  const expected = written > 1 ? prng.rangeInclusive(1, written - 1) : null;
  return { f: 'cas', key, value: [expected, ctx.next('write-value', 1)] };
}
