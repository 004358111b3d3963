// Applies one user action or fault to the world at the current virtual time. Every change is
// recorded in the trace with a sentence for the event log.
import type { Action, NodeRef } from './actions';
import { inFlightMessages } from './in-flight';
import { cutLink, healAll, healLink, partition } from './network';
import { ratioToPpm } from './prng';
import type { Simulation } from './simulation';
import type { NodeId } from './types';

/** Resolves "leader" to the current leader's id (or null when there is none). */
function resolveNode(sim: Simulation, ref: NodeRef): NodeId | null {
  if (ref !== 'leader') return Object.hasOwn(sim.world.nodes, ref) ? ref : null;
  return sim.currentLeader();
}

export function applyAction(sim: Simulation, action: Action): void {
  switch (action.do) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'timeout':
      return applyNodeFault(sim, action);
    case 'partition': {
      partition(sim.world.network, partitionUniverse(sim, action.groups), action.groups);
      markCutMessages(sim);
      const text = `network partitioned into ${action.groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`;
      return sim.record({ kind: 'partition', text, data: { groups: action.groups } });
    }
    case 'cut': {
      cutLink(sim.world.network, action.from, action.to, action.oneWay === true);
      markCutMessages(sim);
      const arrow = action.oneWay ? '→' : '–';
      return sim.record({ kind: 'cut', from: action.from, to: action.to, text: `link ${action.from}${arrow}${action.to} cut` });
    }
    case 'heal': {
      if (action.from && action.to) {
        healLink(sim.world.network, action.from, action.to, action.oneWay === true);
        const arrow = action.oneWay ? '→' : '–';
        return sim.record({ kind: 'heal', from: action.from, to: action.to, text: `link ${action.from}${arrow}${action.to} healed` });
      }
      healAll(sim.world.network);
      return sim.record({ kind: 'heal', text: 'all links healed' });
    }
    case 'request': {
      const node = resolveNode(sim, action.node);
      if (node === null) return sim.record({ kind: 'control', text: `request not sent: no ${action.node}` });
      if (!sim.system.userRequest) return sim.record({ kind: 'control', text: 'request not sent: this lab takes no requests from the keyboard' });
      return sim.system.userRequest(sim, node, action.op, action.client);
    }
    case 'network':
      return applyNetwork(sim, action);
    case 'skew': {
      sim.world.nodes[action.node].clockSkewMs = action.offsetMs;
      return sim.record({ kind: 'skew', node: action.node, text: `${action.node}'s clock skewed by ${action.offsetMs} ms` });
    }
    case 'lab':
      return applyLabAction(sim, action);
  }
}

function applyNodeFault(sim: Simulation, action: Extract<Action, { node: NodeRef }>): void {
  const id = resolveNode(sim, action.node);
  if (id === null) {
    sim.record({ kind: 'control', text: `${action.do} skipped: no ${action.node === 'leader' ? 'leader' : `node ${action.node}`}` });
    return;
  }
  const node = sim.world.nodes[id];
  if (action.do === 'crash') {
    if (!node.up) return sim.record({ kind: 'control', node: id, text: `${id} is already down` });
    sim.crash(id);
    return sim.record({ kind: 'crash', node: id, text: `${id} crashed` });
  }
  if (action.do === 'restart') {
    if (node.up) return sim.record({ kind: 'control', node: id, text: `${id} is already up` });
    sim.record({ kind: 'restart', node: id, text: `${id} restarted from its persisted state` });
    return sim.restart(id);
  }
  if (!node.up) return sim.record({ kind: 'control', node: id, text: `${action.do} skipped: ${id} is down` });
  if (action.do === 'pause') {
    const until = sim.world.timeMs + Math.max(1, action.durationMs);
    node.pausedUntilMs = Math.max(node.pausedUntilMs ?? 0, until);
    sim.schedule({ kind: 'resume', node: id, timeMs: node.pausedUntilMs });
    return sim.record({ kind: 'pause', node: id, text: `${id} paused for ${action.durationMs} ms (like a long GC pause)` });
  }
  // timeout: fire the election timer now, as if it had expired.
  const timer = sim.system.timeoutTimer;
  if (!timer || node.pausedUntilMs !== null || !sim.isServer(id)) return sim.record({ kind: 'control', node: id, text: `${id} cannot time out now` });
  node.timers.delete(timer);
  sim.record({ kind: 'timeout', node: id, text: `${id}'s election timer fired early` });
  sim.fireTimer(id, timer);
}

function applyNetwork(sim: Simulation, action: Extract<Action, { do: 'network' }>): void {
  const network = sim.world.network;
  if (action.latencyMs) network.latencyMs = [action.latencyMs[0], action.latencyMs[1]];
  if (action.drop !== undefined) network.dropPpm = ratioToPpm(action.drop);
  if (action.duplicate !== undefined) network.duplicatePpm = ratioToPpm(action.duplicate);
  const [minMs, maxMs] = network.latencyMs;
  sim.record({
    kind: 'network',
    text: `network: latency ${minMs}–${maxMs} ms, loss ${network.dropPpm / 10_000}%, duplication ${network.duplicatePpm / 10_000}%`,
  });
}

/** A lab's own action, handed to the lab (it was validated against the lab's schema). */
function applyLabAction(sim: Simulation, action: Extract<Action, { do: 'lab' }>): void {
  if (!sim.system.labAction) return sim.record({ kind: 'control', text: `lab action ${action.name} ignored: this lab has none` });
  sim.system.labAction(sim, action);
}

/** The servers, and any other actor a partition names: an actor it does not name keeps its links
 * (a client not listed is not cut off from everything). */
function partitionUniverse(sim: Simulation, groups: NodeId[][]): NodeId[] {
  const named = groups.flat().filter((id) => !sim.isServer(id) && Object.hasOwn(sim.world.nodes, id));
  return named.length === 0 ? sim.world.nodeIds : [...sim.world.nodeIds, ...new Set(named)];
}

/** Messages already on a link that is now cut will never arrive: show them as cut at once. */
function markCutMessages(sim: Simulation): void {
  const world = sim.world;
  for (const message of inFlightMessages(world)) {
    if ((message.fate !== 'in-flight' && message.fate !== 'duplicated') || message.deliverAtMs <= world.timeMs) continue;
    if (!sim.canReach(message.from, message.to)) message.fate = 'cut';
  }
}
