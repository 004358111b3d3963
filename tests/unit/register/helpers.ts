// Test helpers for the register: a CAP-lab world config, runs through the real simulation, and
// handler-level contexts and states.
import type { TimedAction } from '../../../src/engine/actions';
import { quiesceClients } from '../../../src/engine/clients';
import { Simulation } from '../../../src/engine/simulation';
import type { ClientRequest, Effect, HistoryEvent, NodeContext, Operation } from '../../../src/engine/types';
import type { WorkloadConfig, WorldConfig } from '../../../src/engine/world';
import { register, replicaValues, type RegisterState } from '../../../src/protocols/register';

export const WORKLOAD: WorkloadConfig = { clients: 3, intervalMs: [100, 300], timeoutMs: 1000, mix: { read: 2, write: 2, cas: 1 }, keys: ['x'] };

export function capConfig(seed: number, mode: 'cp' | 'ap', workload: WorkloadConfig | null = WORKLOAD, nodes = 5): WorldConfig {
  return {
    lab: 'cap',
    seed,
    nodes,
    params: { electionTimeoutMs: [150, 300], heartbeatMs: 50, mode, antiEntropyMs: 150 },
    network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
    workload,
  };
}

export function simulate(config: WorldConfig, actions: TimedAction[]): Simulation {
  return Simulation.create(register, config, actions);
}

/** Workload clients stop issuing new operations (the ones in flight still finish or time out). */
export const quiesce = quiesceClients;

export function stores(sim: Simulation): Record<string, Record<string, unknown>> {
  return replicaValues(sim.snapshots as never);
}

export function state(sim: Simulation, id: string): RegisterState {
  return sim.world.nodes[id].state as RegisterState;
}

export function allEqual(values: Record<string, unknown>): boolean {
  const texts = Object.values(values).map((value) => JSON.stringify(value));
  return texts.every((text) => text === texts[0]);
}

/** A completed operation: its invocation and completion events paired per process. */
export interface Completed {
  process: number;
  client: string;
  f: HistoryEvent['f'];
  type: HistoryEvent['type'];
  value: unknown;
  invokedMs: number;
  completedMs: number;
  mode?: string;
  node?: string;
}

export function completedOps(history: HistoryEvent[]): Completed[] {
  const open = new Map<number, HistoryEvent>();
  const done: Completed[] = [];
  for (const event of history) {
    if (event.type === 'invoke') {
      open.set(event.process, event);
      continue;
    }
    const invoke = open.get(event.process);
    if (!invoke) continue;
    open.delete(event.process);
    done.push({
      process: event.process,
      client: event.client ?? '',
      f: event.f,
      type: event.type,
      value: event.value,
      invokedMs: invoke.time ?? 0,
      completedMs: event.time ?? 0,
      mode: event.mode,
      node: event.node,
    });
  }
  return done;
}

// Handler-level helpers.

export function context(id: string, size = 3, params: Record<string, unknown> = {}, clockMs = 0): NodeContext {
  const peers: string[] = [];
  for (let i = 1; i <= size; i++) if (`n${i}` !== id) peers.push(`n${i}`);
  return { id, peers, params, clockMs };
}

export function request(op: Operation, requestId = 1, client = 'c1'): ClientRequest {
  return { requestId, client, op };
}

export function replies(effects: Effect[]) {
  return effects.flatMap((effect) => (effect.kind === 'reply' ? [effect] : []));
}

export function sends(effects: Effect[], type?: string) {
  return effects.flatMap((effect) => (effect.kind === 'send' && (type === undefined || effect.message.type === type) ? [effect] : []));
}

/** Deep-freezes a value so a handler that mutates its input throws in strict mode. */
export function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) frozen((value as Record<string, unknown>)[key]);
  }
  return value;
}
