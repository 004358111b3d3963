// Projects a world into the Frame the UI draws: views of nodes, links, messages in flight and
// the recent notable events. Bounded: at most `maxMessages` messages and `maxHistory` events.
import type { Frame, LinkFrame } from './frame';
import { isLinkUp } from './network';
import type { Simulation } from './simulation';
import type { Message } from './types';
import { traceHash } from './trace';

export interface FrameOptions {
  maxMessages?: number;
  maxNotable?: number;
  maxHistory?: number;
}

export function buildFrame(sim: Simulation, options: FrameOptions = {}): Frame {
  const { maxMessages = 400, maxNotable = 200, maxHistory = 4000 } = options;
  const world = sim.world;
  const nodes = world.nodeIds.map((id) => {
    const node = world.nodes[id];
    const view = node.up && node.state !== null
      ? sim.protocol.view(node.state)
      : { role: 'crashed', summary: 'crashed', details: { up: false } };
    return { id, up: node.up, paused: node.pausedUntilMs !== null, pausedUntilMs: node.pausedUntilMs, clockSkewMs: node.clockSkewMs, view };
  });
  const links: LinkFrame[] = [];
  for (const from of world.nodeIds) {
    for (const to of world.nodeIds) {
      if (from !== to) links.push({ from, to, up: isLinkUp(world.network, from, to) });
    }
  }
  const messages = [];
  for (const wire of world.inFlight.values()) {
    if (messages.length >= maxMessages) break;
    const { payload, ...message } = wire;
    messages.push({ ...message, label: messageLabel(payload) });
  }
  const clients = Object.values(world.clients).map((client) => ({
    id: client.id,
    attachedTo: client.home,
    pending: client.pending.length > 0 ? client.pending[0].op.f : null,
  }));
  const notable = world.trace.notable.slice(-maxNotable);
  return {
    lab: world.config.lab,
    seed: world.config.seed,
    timeMs: world.timeMs,
    eventCount: world.eventCount,
    traceHash: traceHash(world.trace),
    nodes,
    links,
    clients,
    messages,
    notable,
    faults: world.trace.faults.slice(-maxNotable),
    violations: world.violations.slice(),
    leader: sim.currentLeader(),
    nextEventAtMs: sim.nextMomentMs(),
    history: world.history.length > maxHistory ? world.history.slice(-maxHistory) : world.history.slice(),
    historyOffset: Math.max(0, world.history.length - maxHistory),
    limited: world.limited,
    mode: world.mode,
    checks: null,
  };
}

/** A short label for the stage: the type plus, for appends, how many entries it carries. */
export function messageLabel(payload: Message): string {
  const entries = payload.entries;
  if (Array.isArray(entries)) return entries.length > 0 ? `${payload.type} (${entries.length})` : `${payload.type} (heartbeat)`;
  if (payload.type.endsWith('Reply') && typeof payload.voteGranted === 'boolean') return `${payload.type} ${payload.voteGranted ? '✓' : '✗'}`;
  if (payload.type.endsWith('Reply') && typeof payload.success === 'boolean') return `${payload.type} ${payload.success ? '✓' : '✗'}`;
  return payload.type;
}
