// What the locks lab adds to a frame and to a CLI run line, read from the engine: the settings in
// force, the storage's ledger (double writes, lost increments, rejections), who holds what on
// each lock node and who believes it holds the lock, and the mutex checker's verdict on the lock
// service's own history.
import type { Simulation } from '../../engine/simulation';
import { checkLockService, lostIncrements, type Access, type MutexVerdict } from './checks';
import type { ClientState, Phase } from './client';
import { currentSettings } from './control';
import type { LockNodeState } from './lock-node';
import { durableLocks, lockTargets, majorityOf, type LocksSettings } from './settings';
import type { StorageState } from './storage';

export interface ClientBelief {
  id: string;
  phase: Phase;
  token: number | null;
  /** It believes it holds the lock, yet its lease has run out by its own clock. */
  expired: boolean;
  paused: boolean;
  up: boolean;
}

export interface LeaseView {
  node: string;
  /** Whether the clients use this node (Redlock: all; single: the first). */
  used: boolean;
  client: string | null;
  token: number | null;
  /** The lease has run out on the node's clock (it frees it on its next look). */
  expired: boolean;
  clockSkewMs: number;
}

export interface StorageView {
  value: number;
  applied: number;
  lostIncrements: number;
  doubleWrites: number;
  rejected: number;
  highest: number;
  recent: Access[];
  lastDouble: Access | null;
  lastRejected: Access | null;
}

export interface LocksView {
  settings: LocksSettings;
  durable: boolean;
  storage: StorageView | null;
  clients: ClientBelief[];
  leases: LeaseView[];
  /** Clients that believe they hold the lock (reading, working or writing). */
  holders: string[];
  /** A client in its work, between its read and its write (where a pause does the damage). */
  working: string | null;
  /** The client holding the lock on enough lock nodes (one, or a majority), if any. */
  serviceHolder: string | null;
  mutex: MutexVerdict;
  lateWrites: number;
}

function clockOf(sim: Simulation, id: string): number {
  return sim.world.timeMs + sim.world.nodes[id].clockSkewMs;
}

function storageView(state: StorageState | null): StorageView | null {
  if (state === null) return null;
  return {
    value: state.value, applied: state.applied, lostIncrements: lostIncrements(state.applied, state.value), doubleWrites: state.doubleWrites,
    rejected: state.rejected, highest: state.ledger.highest, recent: state.recent, lastDouble: state.lastDouble, lastRejected: state.lastRejected,
  };
}

export function summarize(sim: Simulation, mutex: MutexVerdict): LocksView {
  const world = sim.world;
  const settings = currentSettings(sim);
  const lockIds = world.roster.lock ?? [];
  const used = new Set(lockTargets(settings, lockIds));
  const leases: LeaseView[] = lockIds.map((node) => {
    const record = world.nodes[node];
    const holder = record.up ? (record.state as LockNodeState).holder : null;
    return {
      node, used: used.has(node), client: holder?.client ?? null, token: holder?.token ?? null,
      expired: holder !== null && clockOf(sim, node) >= holder.untilClockMs, clockSkewMs: record.clockSkewMs,
    };
  });
  const clients: ClientBelief[] = (world.roster.client ?? []).map((id) => {
    const record = world.nodes[id];
    const state = record.state as ClientState | null;
    const phase = record.up && state ? state.phase : 'idle';
    const holding = phase === 'reading' || phase === 'working' || phase === 'writing';
    return {
      id, phase, token: holding ? state!.token : null, up: record.up, paused: record.pausedUntilMs !== null,
      expired: holding && state!.validUntilClockMs !== null && clockOf(sim, id) >= state!.validUntilClockMs,
    };
  });
  const live = leases.filter((lease) => lease.used && lease.client !== null && !lease.expired);
  const need = used.size <= 1 ? 1 : majorityOf(used.size);
  const counts = new Map<string, number>();
  for (const lease of live) counts.set(lease.client!, (counts.get(lease.client!) ?? 0) + 1);
  const serviceHolder = [...counts].find(([, count]) => count >= need)?.[0] ?? null;
  const storageId = world.roster.storage?.[0];
  const storage = storageId && world.nodes[storageId].state ? (world.nodes[storageId].state as StorageState) : null;
  return {
    settings,
    durable: durableLocks(world.config.params),
    storage: storageView(storage),
    clients,
    leases,
    holders: clients.filter((c) => c.token !== null).map((c) => c.id),
    working: clients.find((c) => c.phase === 'working' && !c.paused)?.id ?? null,
    serviceHolder,
    mutex,
    lateWrites: world.marks['late-write'] ?? 0,
  };
}

/** The projection for one session: re-checks the mutex history only when it grew (or shrank, on
 * a seek back). */
export function locksProjection(): (sim: Simulation) => LocksView {
  let checkedLength = -1;
  let verdict: MutexVerdict = { linearizable: true, operations: 0, explanation: null };
  return (sim) => {
    if (sim.world.history.length !== checkedLength) {
      checkedLength = sim.world.history.length;
      verdict = checkLockService(sim.world.history);
    }
    return summarize(sim, verdict);
  };
}
