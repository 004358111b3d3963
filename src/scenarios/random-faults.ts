// A random fault schedule drawn from the seed (TigerBeetle's VOPR in miniature): crashes,
// restarts, partitions, one-way cuts, pauses, timeouts, loss and duplication. The last stretch
// heals everything, so a run can also check that the cluster recovers.
import type { TimedAction } from '../engine/actions';
import { Prng } from '../engine/prng';

export interface FaultPlanOptions {
  seed: number;
  nodes: number;
  untilMs: number;
  /** Quiet time at the end, after a full heal and restart of every node. */
  settleMs?: number;
  /** Mean gap between faults. */
  meanGapMs?: number;
}

export function randomFaults(options: FaultPlanOptions): TimedAction[] {
  const { seed, nodes, untilMs } = options;
  const settleMs = Math.max(0, Math.min(untilMs, options.settleMs ?? Math.min(3000, Math.floor(untilMs / 3))));
  const meanGapMs = options.meanGapMs ?? 400;
  const prng = Prng.fromSeed(seed, 'fault-plan');
  const ids = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const crashed = new Set<string>();
  const actions: TimedAction[] = [];
  const faultsEndMs = untilMs - settleMs;
  for (let at = prng.rangeInclusive(50, meanGapMs * 2); at < faultsEndMs; at += prng.rangeInclusive(1, meanGapMs * 2)) {
    actions.push(drawFault(prng, ids, crashed, at));
  }
  actions.push({ at: faultsEndMs, do: 'heal' });
  actions.push({ at: faultsEndMs, do: 'network', drop: 0, duplicate: 0 });
  for (const id of ids) actions.push({ at: faultsEndMs, do: 'restart', node: id });
  return actions;
}

function drawFault(prng: Prng, ids: string[], crashed: Set<string>, at: number): TimedAction {
  const roll = prng.int(100);
  const node = prng.pick(ids);
  if (roll < 15) {
    crashed.add(node);
    return { at, do: 'crash', node: prng.chancePpm(300_000) ? 'leader' : node };
  }
  if (roll < 30 && crashed.size > 0) {
    const back = prng.pick([...crashed].sort());
    crashed.delete(back);
    return { at, do: 'restart', node: back };
  }
  if (roll < 42) return { at, do: 'partition', groups: randomGroups(prng, ids) };
  if (roll < 52) {
    const other = prng.pick(ids.filter((id) => id !== node));
    return { at, do: 'cut', from: node, to: other, oneWay: prng.chancePpm(500_000) };
  }
  if (roll < 62) return { at, do: 'heal' };
  if (roll < 72) return { at, do: 'pause', node, durationMs: prng.rangeInclusive(50, 1500) };
  if (roll < 80) return { at, do: 'timeout', node };
  return { at, do: 'network', drop: prng.int(20) / 100, duplicate: prng.int(20) / 100 };
}

function randomGroups(prng: Prng, ids: string[]): string[][] {
  const shuffled = prng.shuffle(ids.slice());
  const cut = prng.rangeInclusive(1, shuffled.length - 1);
  return [shuffled.slice(0, cut).sort(), shuffled.slice(cut).sort()];
}
