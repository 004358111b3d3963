// A random fault schedule drawn from the seed (TigerBeetle's VOPR in miniature): crashes,
// restarts, partitions, one-way cuts, pauses, timeouts, loss and duplication, and for labs that
// ask for them clock jumps and the lab's own fault (a server that answers with errors). The last
// stretch heals everything, so a run can also check that the cluster recovers.
import type { Action, TimedAction } from '../engine/actions';
import { Prng } from '../engine/prng';

export type FaultKind = 'crash' | 'restart' | 'partition' | 'cut' | 'heal' | 'pause' | 'timeout' | 'network' | 'skew' | 'lab';

/** Relative weights, in the order they are drawn; they add up to 100 so that v1 plans (drawn
 * with these) replay draw for draw. A clock jump and a lab's own fault come last and weigh 0
 * unless a lab asks for them (faultWeights), so no plan drawn before they existed changes. */
export const DEFAULT_FAULT_WEIGHTS: Readonly<Record<FaultKind, number>> = {
  crash: 15, restart: 15, partition: 12, cut: 10, heal: 10, pause: 10, timeout: 8, network: 20, skew: 0, lab: 0,
};
const ORDER: readonly FaultKind[] = ['crash', 'restart', 'partition', 'cut', 'heal', 'pause', 'timeout', 'network', 'skew', 'lab'];

/** A fault only a lab knows (its `lab` action), drawn like the others against an actor: what
 * generic faults cannot do, such as a server that stays up but answers every request with an
 * error (what a shallow health check misses). */
export interface LabFault {
  /** The lab action that strikes `node`. */
  strike(prng: Prng, node: string): Extract<Action, { do: 'lab' }>;
  /** The lab action that undoes it, in the plan's closing block. */
  undo(node: string): Extract<Action, { do: 'lab' }>;
}

/** The largest clock jump drawn, either way: an NTP step, a VM resumed, an operator's `date`. */
export const MAX_SKEW_MS = 1000;

export interface FaultPlanOptions {
  seed: number;
  nodes: number;
  untilMs: number;
  /** Quiet time at the end, after a full heal and restart of every node. */
  settleMs?: number;
  /** Mean gap between faults. */
  meanGapMs?: number;
  /** A lab's weights (missing kinds keep their default weight; 0 never draws one). */
  weights?: Partial<Record<FaultKind, number>>;
  /** The actors faults strike (default: n1…n<nodes>, the servers). */
  ids?: readonly string[];
  /** The lab's own fault, drawn when `weights.lab` is above 0. */
  labFault?: LabFault;
}

export function randomFaults(options: FaultPlanOptions): TimedAction[] {
  const { seed, nodes, untilMs } = options;
  const settleMs = Math.max(0, Math.min(untilMs, options.settleMs ?? Math.min(3000, Math.floor(untilMs / 3))));
  const meanGapMs = options.meanGapMs ?? 400;
  const prng = Prng.fromSeed(seed, 'fault-plan');
  const ids = options.ids ? options.ids.slice() : Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const struck: Struck = { crashed: new Set(), skewed: new Set(), byLab: new Set() };
  const weights = { ...DEFAULT_FAULT_WEIGHTS, ...options.weights };
  if (!options.labFault) weights.lab = 0;
  const thresholds = cumulative(weights);
  const actions: TimedAction[] = [];
  const faultsEndMs = untilMs - settleMs;
  for (let at = prng.rangeInclusive(50, meanGapMs * 2); at < faultsEndMs; at += prng.rangeInclusive(1, meanGapMs * 2)) {
    actions.push(drawFault(prng, ids, struck, at, thresholds, options.labFault));
  }
  actions.push({ at: faultsEndMs, do: 'heal' });
  actions.push({ at: faultsEndMs, do: 'network', drop: 0, duplicate: 0 });
  for (const id of ids) actions.push({ at: faultsEndMs, do: 'restart', node: id });
  // Clocks set right again come after the restarts, so the closing block of a plan without
  // jumps is as it always was.
  for (const id of [...struck.skewed].sort()) actions.push({ at: faultsEndMs, do: 'skew', node: id, offsetMs: 0 });
  if (options.labFault) for (const id of [...struck.byLab].sort()) actions.push({ at: faultsEndMs, ...options.labFault.undo(id) });
  return actions;
}

/** The actors a plan has struck so far, for restarts and for its closing block. */
interface Struck {
  crashed: Set<string>;
  skewed: Set<string>;
  byLab: Set<string>;
}

/** Upper bounds of each kind's share of the roll, in draw order. */
function cumulative(weights: Record<FaultKind, number>): { kind: FaultKind; below: number; weight: number }[] {
  let total = 0;
  return ORDER.map((kind) => {
    const weight = Math.max(0, Math.floor(weights[kind]));
    return { kind, weight, below: (total += weight) };
  });
}

function drawFault(prng: Prng, ids: string[], struck: Struck, at: number, thresholds: { kind: FaultKind; below: number; weight: number }[], labFault: LabFault | undefined): TimedAction {
  const { crashed, skewed } = struck;
  const roll = prng.int(Math.max(1, thresholds[thresholds.length - 1].below));
  const node = prng.pick(ids);
  // A restart with nothing crashed falls through to the next kind, as the first plans did, but
  // never to a kind the lab weighs 0, nor to a partition or cut with one actor to strike.
  const possible = (t: { kind: FaultKind; weight: number }) =>
    t.weight > 0 && (t.kind !== 'restart' || crashed.size > 0) && (ids.length > 1 || (t.kind !== 'partition' && t.kind !== 'cut'));
  const kind = thresholds.find((t) => roll < t.below && possible(t))?.kind ?? 'network';
  switch (kind) {
    case 'crash':
      crashed.add(node);
      return { at, do: 'crash', node: prng.chancePpm(300_000) ? 'leader' : node };
    case 'restart': {
      const back = prng.pick([...crashed].sort());
      crashed.delete(back);
      return { at, do: 'restart', node: back };
    }
    case 'partition':
      return { at, do: 'partition', groups: randomGroups(prng, ids) };
    case 'cut': {
      const other = prng.pick(ids.filter((id) => id !== node));
      return { at, do: 'cut', from: node, to: other, oneWay: prng.chancePpm(500_000) };
    }
    case 'heal':
      return { at, do: 'heal' };
    case 'pause':
      return { at, do: 'pause', node, durationMs: prng.rangeInclusive(50, 1500) };
    case 'timeout':
      return { at, do: 'timeout', node };
    case 'skew':
      skewed.add(node);
      return { at, do: 'skew', node, offsetMs: prng.rangeInclusive(-MAX_SKEW_MS, MAX_SKEW_MS) };
    case 'lab':
      struck.byLab.add(node);
      return { at, ...(labFault as LabFault).strike(prng, node) };
    default:
      return { at, do: 'network', drop: prng.int(20) / 100, duplicate: prng.int(20) / 100 };
  }
}

function randomGroups(prng: Prng, ids: string[]): string[][] {
  const shuffled = prng.shuffle(ids.slice());
  const cut = prng.rangeInclusive(1, shuffled.length - 1);
  return [shuffled.slice(0, cut).sort(), shuffled.slice(cut).sort()];
}
