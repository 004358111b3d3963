// Clients: each sits beside a home node, sends operations over the network, follows redirects to
// the leader, gives up after a timeout, and records what it saw as a Jepsen-style history.
import type { Simulation } from './simulation';
import type { ClientId, HistoryEvent, Message, NodeId, Operation, ReplyResult } from './types';
import type { ClientRecord, PendingOperation } from './world';

/** Creates the workload's clients (homes round-robin over the nodes) and their first operations. */
export function scheduleWorkload(sim: Simulation): void {
  const workload = sim.world.config.workload;
  if (!workload) return;
  const nodeIds = sim.world.nodeIds;
  for (let i = 0; i < workload.clients; i++) {
    const id = `c${i + 1}`;
    addClient(sim, { id, home: nodeIds[i % nodeIds.length], process: i, workload: true, pending: [] });
    scheduleNextOperation(sim, id);
  }
}

function addClient(sim: Simulation, client: ClientRecord): void {
  sim.world.clients[client.id] = client;
  sim.world.clientHome[client.id] = client.home;
}

function scheduleNextOperation(sim: Simulation, client: ClientId): void {
  const workload = sim.world.config.workload!;
  const delay = sim.rng('workload').rangeInclusive(workload.intervalMs[0], workload.intervalMs[1]);
  sim.schedule({ kind: 'client-issue', client, timeMs: sim.world.timeMs + Math.max(1, delay) });
}

/** Draws the next operation of the workload: unique write values keep histories checkable. */
function drawOperation(sim: Simulation): Operation {
  const workload = sim.world.config.workload!;
  const prng = sim.rng('workload');
  const key = prng.pick(workload.keys);
  const total = workload.mix.read + workload.mix.write + workload.mix.cas;
  const roll = prng.int(Math.max(1, total));
  if (roll < workload.mix.read) return { f: 'read', key };
  if (roll < workload.mix.read + workload.mix.write) return { f: 'write', key, value: sim.world.nextWriteValue++ };
  const expected = sim.world.nextWriteValue > 1 ? prng.rangeInclusive(1, sim.world.nextWriteValue - 1) : null;
  return { f: 'cas', key, value: [expected, sim.world.nextWriteValue++] };
}

export function clientIssue(sim: Simulation, clientId: ClientId): void {
  const client = sim.world.clients[clientId];
  if (!client || !client.workload) return;
  invoke(sim, client, client.process, drawOperation(sim), client.home);
}

/** A request from the person at the keyboard: a one-shot client beside the chosen node. */
export function userRequest(sim: Simulation, node: NodeId, op: Operation, clientId?: string): void {
  const world = sim.world;
  const existing = clientId ? world.clients[clientId] : undefined;
  const client = existing ?? { id: clientId ?? `u${node.slice(1)}`, home: node, process: 0, workload: false, pending: [] };
  if (!existing) addClient(sim, client);
  const filled: Operation = op.f === 'write' && op.value === undefined ? { ...op, value: world.nextWriteValue++ } : op;
  // Each user request gets its own process, so concurrent clicks stay a valid history.
  invoke(sim, client, world.nextUserProcess++, filled, node);
}

function invoke(sim: Simulation, client: ClientRecord, process: number, op: Operation, target: NodeId): void {
  const world = sim.world;
  const requestId = world.nextRequestId++;
  client.pending.push({ requestId, process, op, target, attempts: 1 });
  appendHistory(sim, { process, type: 'invoke', f: op.f, key: op.key, value: op.f === 'read' ? null : op.value, client: client.id });
  sim.record({ kind: 'request', node: client.id, to: target, text: `${client.id} asks ${target}: ${describeOperation(op)}` });
  sim.send(client.id, target, { type: 'ClientRequest', requestId, op });
  const timeoutMs = world.config.workload?.timeoutMs ?? 2000;
  sim.schedule({ kind: 'client-timeout', client: client.id, requestId, timeMs: world.timeMs + timeoutMs });
}

export function clientReceive(sim: Simulation, clientId: ClientId, from: string, payload: Message): void {
  if (payload.type !== 'ClientReply') return;
  const client = sim.world.clients[clientId];
  const index = client.pending.findIndex((p) => p.requestId === payload.requestId);
  if (index < 0) return; // a late reply to an operation that already timed out
  const pending = client.pending[index];
  const result = payload.result as ReplyResult;
  if (result.status === 'redirect') return retry(sim, client, pending, from, result.leaderHint);
  client.pending.splice(index, 1);
  const { op } = pending;
  const value = result.status === 'ok' ? okValue(op, result.value) : op.value;
  appendHistory(sim, { process: pending.process, type: result.status, f: op.f, key: op.key, value, client: clientId, node: from, mode: result.mode });
  const outcome = result.status === 'ok' ? `ok${op.f === 'read' ? ` (${JSON.stringify(value)})` : ''}` : `failed: ${result.error}`;
  sim.record({ kind: 'reply', node: clientId, from, text: `${clientId}: ${describeOperation(op)} ${outcome}` });
  if (client.workload) scheduleNextOperation(sim, clientId);
}

/** The value a completed operation records: a read's result, a cas's [expected, new]. */
function okValue(op: Operation, replied: unknown): unknown {
  if (op.f === 'read') return replied === undefined ? null : replied;
  // A cas whose compare failed is still an observation (the register did not hold the expected
  // value), so it stays `ok` with the value false rather than a `fail` the checkers would drop.
  if (op.f === 'cas' && replied === false) return false;
  return op.value;
}

/** A redirect is certain not to have applied the operation, so retrying elsewhere is safe. */
function retry(sim: Simulation, client: ClientRecord, pending: PendingOperation, from: string, hint?: NodeId): void {
  const nodeIds = sim.world.nodeIds;
  if (pending.attempts >= sim.world.limits.clientAttempts) return; // let the timeout decide
  pending.attempts++;
  const next = hint && hint !== from ? hint : nodeIds[(nodeIds.indexOf(from) + 1) % nodeIds.length];
  pending.target = next;
  sim.record({ kind: 'request', node: client.id, to: next, text: `${client.id} retries on ${next}` });
  sim.send(client.id, next, { type: 'ClientRequest', requestId: pending.requestId, op: pending.op });
}

export function clientTimeout(sim: Simulation, clientId: ClientId, requestId: number): void {
  const client = sim.world.clients[clientId];
  const index = client.pending.findIndex((p) => p.requestId === requestId);
  if (index < 0) return;
  const [pending] = client.pending.splice(index, 1);
  const { op } = pending;
  appendHistory(sim, { process: pending.process, type: 'info', f: op.f, key: op.key, value: op.f === 'read' ? null : op.value, client: clientId });
  sim.record({ kind: 'reply', node: clientId, text: `${clientId}: ${describeOperation(op)} timed out (outcome unknown)` });
  if (client.workload) {
    client.process += sim.world.config.workload!.clients; // Jepsen: a process that timed out never invokes again
    scheduleNextOperation(sim, clientId);
  }
}

function appendHistory(sim: Simulation, event: HistoryEvent): void {
  const world = sim.world;
  event.time = world.timeMs;
  if (world.history.length >= world.limits.historyEvents) {
    world.historyDropped++;
    world.limited = `history longer than ${world.limits.historyEvents} events: later operations not recorded`;
    return;
  }
  world.history.push(event);
}

export function describeOperation(op: Operation): string {
  const key = op.key ?? 'x';
  if (op.f === 'read') return `read ${key}`;
  if (op.f === 'write') return `write ${key}=${JSON.stringify(op.value)}`;
  const [expected, next] = op.value as [unknown, unknown];
  return `cas ${key} ${JSON.stringify(expected)}→${JSON.stringify(next)}`;
}

/** Stops every workload client from starting new operations (those in flight still finish):
 * how a check asks "would the replicas agree if the writes stopped now?". */
export function quiesceClients(sim: Simulation): void {
  for (const client of Object.values(sim.world.clients)) client.workload = false;
}
