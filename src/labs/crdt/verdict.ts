// What the CRDT lab adds to a frame (each replica's value and what it lost against its reference,
// the expected total, the overdraft, whether the replicas agree now) and to a CLI run line (the
// same after a quiet period: converged, lostUpdates, overdraft, lostAdds, resurrected).
import type { Simulation } from '../../engine/simulation';
import { CRDTS, isCounter, REAL_CRDTS, showCrdtValue, type CrdtKind } from '../../protocols/crdt/index';
import { allReplicaStates, convergenceNow, quietCopy } from './checks';
import { currentEpoch, currentType } from './mode';
import { counterValue } from './ops';
import { lossesOf } from './replica';

export interface ReplicaSummary {
  id: string;
  up: boolean;
  value: string;
  lostUpdates: number;
  lostAdds: string[];
  resurrected: string[];
  lowest: number;
}

export interface CrdtView {
  type: CrdtKind;
  epoch: number;
  replicas: ReplicaSummary[];
  /** Do the running replicas read the same value now (the convergence checker's sentence)? */
  agreed: boolean;
  agreement: string;
  /** Counters: increments minus decrements performed this epoch, on every replica. */
  expected: number | null;
  /** PN-Counter: the lowest balance any replica held, when below 0. */
  overdraft: number | null;
}

function expectedTotal(sim: Simulation, type: CrdtKind): number | null {
  if (!isCounter(type)) return null;
  const epoch = currentEpoch(sim);
  return allReplicaStates(sim).filter((s) => s.epoch === epoch).reduce((sum, s) => sum + s.issued.inc - s.issued.dec, 0);
}

export function crdtView(sim: Simulation): CrdtView {
  const type = currentType(sim);
  const replicas = sim.world.nodeIds.map((id): ReplicaSummary => {
    const node = sim.world.nodes[id];
    const state = node.up ? (node.state as import('./replica').ReplicaState | null) : null;
    if (!state) return { id, up: false, value: '—', lostUpdates: 0, lostAdds: [], resurrected: [], lowest: 0 };
    return { id, up: true, value: showCrdtValue(CRDTS[state.type].value(state.crdt)), ...lossesOf(state), lowest: state.lowest };
  });
  const convergence = convergenceNow(sim);
  const lowest = Math.min(0, ...replicas.map((r) => r.lowest));
  return {
    type,
    epoch: currentEpoch(sim),
    replicas,
    agreed: convergence.converged,
    agreement: convergence.sentence,
    expected: expectedTotal(sim, type),
    overdraft: type === 'pn-counter' && lowest < 0 ? lowest : null,
  };
}

export function crdtProjection(): (sim: Simulation) => CrdtView {
  return crdtView;
}

/** The run's verdict once operations stop and gossip runs on for the quiet period. */
export function crdtVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const copy = quietCopy(sim);
  const type = currentType(copy);
  const convergence = convergenceNow(copy);
  const view = crdtView(copy);
  const fields: Record<string, unknown> = { type, converged: convergence.converged };
  const up = allReplicaStates(copy).filter((s) => s.epoch === currentEpoch(copy));
  if (isCounter(type)) {
    const observed = Math.max(...up.map((s) => counterValue(s) ?? 0), 0);
    fields.expected = view.expected;
    fields.observed = observed;
    fields.lostUpdates = (view.expected ?? 0) - observed;
  }
  if (type === 'pn-counter') fields.overdraft = view.overdraft ?? 0;
  if (type === 'lww-element-set') fields.lostAdds = Math.max(0, ...view.replicas.map((r) => r.lostAdds.length));
  if (type === 'naive-set') fields.resurrected = Math.max(0, ...view.replicas.map((r) => r.resurrected.length));
  // A real CRDT that does not converge once quiet is a bug; the naive ones are expected to lose data.
  return { fields, failed: REAL_CRDTS.includes(type) && !convergence.converged };
}
