// Test helpers for the register: a CAP-lab world config, runs through the real simulation, and
// handler-level contexts and states.
import type { TimedAction } from '../../../src/engine/actions';
import { context as raftContext } from '../raft/helpers';
import { Simulation } from '../../../src/engine/simulation';
import type { Effect, HistoryEvent, NodeContext, Operation } from '../../../src/engine/types';
import type { WorldConfig } from '../../../src/engine/world';
import { labById } from '../../../src/labs/registry';
import { replyOf, type ClientRequest } from '../../../src/protocols/client/messages';
import { quiesced, type ClientState } from '../../../src/protocols/client/register-client';
import type { Workload } from '../../../src/protocols/client/workload';
import { replicaValues, type RegisterState } from '../../../src/protocols/register';
import { actorsFor } from '../../../src/scenarios/catalog';

export const WORKLOAD: Workload = { clients: 3, intervalMs: [100, 300], timeoutMs: 1000, mix: { read: 2, write: 2, cas: 1 }, keys: ['x'] };

export const capLab = labById('cap');

/** The CAP lab's world: `nodes` servers and, with a workload, its clients c1..cK beside them
 * (the workload in `params.workload`); without one, servers only (keyboard clients spawn on a request). */
export function capConfig(seed: number, mode: 'cp' | 'ap', workload: Workload | null = WORKLOAD, nodes = 5): WorldConfig {
  const params: Record<string, unknown> = { electionTimeoutMs: [150, 300], heartbeatMs: 50, mode, antiEntropyMs: 150 };
  if (workload) params.workload = workload;
  return {
    lab: 'cap',
    seed,
    actors: actorsFor(capLab, { nodes, workload: workload ?? { ...WORKLOAD, clients: 0 } }),
    params,
    network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
  };
}

export function simulate(config: WorldConfig, actions: TimedAction[]): Simulation {
  return Simulation.create(capLab.system, config, actions);
}

/** Workload clients stop issuing new operations (the ones in flight still finish or time out). */
export function quiesce(sim: Simulation): void {
  for (const id of sim.world.roster.client ?? []) {
    const node = sim.world.nodes[id];
    if (node.state !== null) sim.setState(id, quiesced(node.state as ClientState));
  }
}

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

/** A server's context in a cluster n1..n<size> (Raft's test context), on a clock reading `clockMs`. */
export function context(id: string, size = 3, params: Record<string, unknown> = {}, clockMs = 0, counters: Record<string, number> = {}): NodeContext {
  return { ...raftContext(id, size, params, counters), clockMs };
}

export function request(op: Operation, requestId = 1, client = 'c1'): ClientRequest {
  return { requestId, client, op };
}

/** The client replies among the effects (ClientReply messages), as `{ to, requestId, result }`. */
export function replies(effects: Effect[]) {
  return effects.flatMap((effect) => {
    const reply = replyOf(effect);
    return reply === null ? [] : [reply];
  });
}

/** Messages to other servers (client replies are left out: `replies` reads those). */
export function sends(effects: Effect[], type?: string) {
  return effects.flatMap((effect) => (effect.kind === 'send' && replyOf(effect) === null && (type === undefined || effect.message.type === type) ? [effect] : []));
}

/** Deep-freezes a value so a handler that mutates its input throws in strict mode. */
export function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) frozen((value as Record<string, unknown>)[key]);
  }
  return value;
}
