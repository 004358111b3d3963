// Projects a world into the Frame the UI draws: views of every actor, cut links, messages in
// flight, recent traffic and notable events. Bounded: at most `maxMessages` messages,
// `maxTraffic` traffic records and `maxHistory` history events.
import type { Frame, LinkFrame, NodeFrame } from './frame';
import type { NodeRecord } from './world';
import type { Simulation } from './simulation';
import type { Message, NodeView } from './types';
import { inFlightMessages } from './in-flight';
import { recentEventsOfKinds, traceHash } from './trace';
import { metricPoints, type MetricsStore } from './metrics';

export interface FrameOptions {
  maxMessages?: number;
  maxNotable?: number;
  maxHistory?: number;
  maxTraffic?: number;
  /** Seconds of metrics a frame carries (the charts' window). */
  metricSeconds?: number;
}

/** How a lab names and classes its messages on the stage. */
export type DescribeMessage = (payload: Message) => { label: string; kind: string };

const CRASHED_VIEW: NodeView = { role: 'crashed', summary: 'crashed', details: { up: false } };

export function buildFrame(sim: Simulation, describe: DescribeMessage, options: FrameOptions = {}): Frame {
  const { maxMessages = 400, maxNotable = 200, maxHistory = 4000, maxTraffic = 1500, metricSeconds = 120 } = options;
  const world = sim.world;
  const nodes = world.actorIds.map((id) => {
    const node = world.nodes[id];
    const view = node.up && node.state !== null ? sim.protocolOf(id).view(node.state) : CRASHED_VIEW;
    return {
      id, role: node.role, home: node.home, up: node.up, paused: node.pausedUntilMs !== null,
      pausedUntilMs: node.pausedUntilMs, clockSkewMs: node.clockSkewMs, view, timers: runningTimers(node),
    };
  });
  const messages = [];
  for (const wire of inFlightMessages(world)) {
    if (messages.length >= maxMessages) break;
    const { id, from, to, type, sentAtMs, deliverAtMs, fate, duplicate } = wire;
    messages.push({ id, from, to, type, sentAtMs, deliverAtMs, fate, duplicate, ...describe(wire.payload) });
  }
  return {
    lab: world.config.lab,
    seed: world.config.seed,
    timeMs: world.timeMs,
    eventCount: world.eventCount,
    traceHash: traceHash(world.trace),
    nodes,
    links: cutLinks(world.network.cut),
    messages,
    traffic: recentEventsOfKinds(world.trace, TRAFFIC, maxTraffic),
    notable: world.trace.notable.slice(-maxNotable),
    faults: world.trace.faults.slice(-maxNotable),
    violations: world.violations.slice(),
    leader: sim.currentLeader(),
    nextEventAtMs: sim.nextMomentMs(),
    history: world.history.length > maxHistory ? world.history.slice(-maxHistory) : world.history.slice(),
    historyOffset: Math.max(0, world.history.length - maxHistory),
    historyDroppedOps: world.historyDroppedOps,
    limited: world.limited,
    labView: null,
    metrics: recentMetrics(world.metrics, world.timeMs, metricSeconds),
  };
}

function recentMetrics(store: MetricsStore, timeMs: number, seconds: number): Frame['metrics'] {
  if (Object.keys(store.series).length === 0) return {};
  const nowSec = Math.floor(timeMs / 1000);
  return metricPoints(store, Math.max(0, nowSec - seconds + 1), nowSec);
}

function runningTimers(node: NodeRecord): NodeFrame['timers'] {
  const timers: NodeFrame['timers'] = [];
  if (!node.up) return timers;
  for (const [name, timer] of node.timers) timers.push({ name, setAtMs: timer.setAtMs, dueAtMs: timer.dueAtMs });
  return timers;
}

function cutLinks(cut: Record<string, true>): LinkFrame[] {
  return Object.keys(cut).map((key) => {
    const [from, to] = key.split('>');
    return { from, to, up: false };
  });
}

const TRAFFIC: ReadonlySet<string> = new Set(['send', 'deliver', 'drop']);
