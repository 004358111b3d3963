// The deterministic kernel: pops events in (timeMs, seq) order, hands them to the protocol,
// turns the returned effects into new events, applies scheduled actions between events, and
// runs every invariant after every event that changed a node.
import { applyAction } from './apply-action';
import { clientIssue, clientReceive, clientTimeout, scheduleWorkload } from './clients';
import { EventQueue } from './event-queue';
import { sortByTime, type TimedAction } from './actions';
import { isLinkUp, locationOf } from './network';
import { Prng, ratioToPpm, seedState } from './prng';
import { createTrace, recordEvent } from './trace';
import type { TraceEvent } from './frame';
import type { Effect, Message, NodeContext, NodeId, NodeSnapshot, Protocol } from './types';
import { DEFAULT_LIMITS, type NodeRecord, type QueuedEvent, type World, type WorldConfig } from './world';

/** A queued event before the simulation gives it its sequence number. */
type Unsequenced = QueuedEvent extends infer E ? (E extends QueuedEvent ? Omit<E, 'seq'> : never) : never;

export type StopReason = 'time' | 'limit' | 'violation' | 'idle';

export class EngineError extends Error {
  constructor(message: string, readonly seed: number, readonly timeMs: number) {
    super(`${message} (seed ${seed}, t=${timeMs} ms)`);
  }
}

export function createWorld(config: WorldConfig): World {
  const nodeIds = Array.from({ length: config.nodes }, (_, i) => `n${i + 1}`);
  const limits = { ...DEFAULT_LIMITS, ...config.limits };
  const world: World = {
    config, limits, nodeIds, timeMs: 0, nextSeq: 0, nextToken: 1, nextMessageId: 1, nextRequestId: 1,
    nextUserProcess: 1000, nextWriteValue: 1, eventCount: 0, nextActionIndex: 0,
    nodes: {}, clients: {}, clientHome: {},
    network: {
      cut: {}, latencyMs: [config.network.latencyMs[0], config.network.latencyMs[1]],
      dropPpm: ratioToPpm(config.network.drop), duplicatePpm: ratioToPpm(config.network.duplicate),
    },
    inFlight: new Map(), queue: [], rng: {},
    trace: createTrace(limits.traceEvents), ghosts: [], violations: [], history: [], historyDropped: 0,
    mode: typeof config.params.mode === 'string' ? config.params.mode : null, modeSinceMs: 0, limited: null,
  };
  for (const stream of ['network', 'timers', 'workload', 'faults']) world.rng[stream] = seedState(config.seed, stream);
  for (const id of nodeIds) {
    world.rng[`node:${id}`] = seedState(config.seed, `node:${id}`);
    world.nodes[id] = { id, up: true, state: null, persisted: null, pausedUntilMs: null, deferred: [], timers: {}, clockSkewMs: 0 };
  }
  return world;
}

export class Simulation {
  readonly queue: EventQueue<QueuedEvent>;
  readonly snapshots: NodeSnapshot<unknown>[];
  private readonly streams = new Map<string, Prng>();
  /** One context object per node, reused: peers never change, only the clock moves. */
  private readonly contexts = new Map<NodeId, NodeContext>();
  private readonly snapshotIndex = new Map<NodeId, number>();

  /** Build a fresh run, or wrap a restored world (a checkpoint) when `world` is given. */
  constructor(
    readonly protocol: Protocol<any, any>,
    readonly world: World,
    readonly actions: TimedAction[],
    fresh: boolean,
  ) {
    this.queue = new EventQueue(world.queue);
    this.snapshots = world.nodeIds.map((id) => ({ id, up: world.nodes[id].up, state: world.nodes[id].up ? world.nodes[id].state : null }));
    world.nodeIds.forEach((id, index) => {
      this.snapshotIndex.set(id, index);
      this.contexts.set(id, { id, peers: world.nodeIds.filter((peer) => peer !== id), params: world.config.params, clockMs: 0 });
    });
    if (fresh) this.start();
  }

  /** A fresh run; the actions are put in time order (a Session passes its own live schedule to
   * the constructor instead, since it inserts into it). */
  static create(protocol: Protocol<any, any>, config: WorldConfig, actions: readonly TimedAction[]): Simulation {
    return new Simulation(protocol, createWorld(config), sortByTime(actions), true);
  }

  private start(): void {
    this.world.ghosts = this.protocol.invariants.map((invariant) => invariant.initGhost());
    for (const id of this.world.nodeIds) {
      const [state, effects] = this.protocol.init(this.context(id));
      this.setState(id, state);
      this.apply(id, effects);
    }
    scheduleWorkload(this);
  }

  rng(stream: string): Prng {
    let prng = this.streams.get(stream);
    if (!prng) {
      prng = new Prng(this.world.rng[stream] ?? (this.world.rng[stream] = seedState(this.world.config.seed, stream)));
      this.streams.set(stream, prng);
    }
    return prng;
  }

  context(id: NodeId): NodeContext {
    const context = this.contexts.get(id)!;
    context.clockMs = this.world.timeMs + this.world.nodes[id].clockSkewMs;
    return context;
  }

  schedule(event: Unsequenced): void {
    (event as QueuedEvent).seq = this.world.nextSeq++;
    this.queue.push(event as QueuedEvent);
  }

  record(event: Omit<TraceEvent, 'seq' | 'timeMs'>): void {
    const full = event as TraceEvent;
    full.seq = this.world.trace.count;
    full.timeMs = this.world.timeMs;
    recordEvent(this.world.trace, full);
  }

  /** Time of the next thing that will happen: an event or a scheduled action. */
  nextMomentMs(): number | null {
    const event = this.queue.peek();
    const action = this.actions[this.world.nextActionIndex];
    if (!event && !action) return null;
    if (!event) return action.at;
    if (!action) return event.timeMs;
    return Math.min(event.timeMs, action.at);
  }

  /**
   * Runs every event with timeMs ≤ targetMs. An action at time A runs after every event at
   * times ≤ A, so a click at the current moment and its replay from a link agree exactly.
   * Stops early (at a time boundary) after maxEvents, or right after a new violation.
   */
  runUntil(targetMs: number, maxEvents = Infinity, stopOnViolation = true): StopReason {
    const world = this.world;
    const violationsBefore = world.violations.length;
    let processed = 0;
    for (;;) {
      const event = this.queue.peek();
      const action = this.actions[world.nextActionIndex];
      if (action && action.at <= targetMs && (!event || action.at < event.timeMs)) {
        world.timeMs = Math.max(world.timeMs, action.at);
        world.nextActionIndex++;
        applyAction(this, action);
        this.eventDone(null);
      } else if (event && event.timeMs <= targetMs) {
        if (processed >= maxEvents && event.timeMs > world.timeMs) {
          world.limited = `stopped after ${processed} events in one advance`;
          return 'limit';
        }
        this.queue.pop();
        world.timeMs = event.timeMs;
        if (this.dispatch(event)) processed++;
      } else {
        world.timeMs = Math.max(world.timeMs, targetMs);
        return 'time';
      }
      if (stopOnViolation && world.violations.length > violationsBefore) {
        this.finishMoment();
        return 'violation';
      }
    }
  }

  /** Completes every event of the current millisecond, so the world rests at a time boundary. */
  private finishMoment(): void {
    this.runUntil(this.world.timeMs, Infinity, false);
  }

  /** Handles one queued event; returns false for stale timers, which do not count. */
  private dispatch(event: QueuedEvent): boolean {
    switch (event.kind) {
      case 'deliver':
        this.deliver(event.messageId);
        return true;
      case 'timer': {
        const node = this.world.nodes[event.node];
        if (!node.up || node.timers[event.timer] !== event.token) return false;
        if (node.pausedUntilMs !== null) {
          node.deferred.push(event);
          return true;
        }
        delete node.timers[event.timer];
        this.world.eventCount++;
        this.record({ kind: 'timer', node: event.node, tag: event.timer });
        this.runHandler(event.node, (state, ctx) => this.protocol.onTimer(state, event.timer, ctx));
        return true;
      }
      case 'resume':
        this.resume(event.node);
        return true;
      case 'client-issue':
        this.world.eventCount++;
        clientIssue(this, event.client); // no node changes: nothing for the invariants to see
        return true;
      case 'client-timeout':
        this.world.eventCount++;
        clientTimeout(this, event.client, event.requestId);
        return true;
    }
  }

  private deliver(messageId: number): void {
    const world = this.world;
    const message = world.inFlight.get(messageId);
    if (!message) return;
    world.inFlight.delete(messageId);
    world.eventCount++;
    const to = message.to;
    if (message.fate !== 'in-flight' && message.fate !== 'duplicated') {
      this.record({ kind: 'drop', from: message.from, to, messageId, messageType: message.type, tag: message.fate });
      return;
    }
    if (world.clients[to]) {
      this.record({ kind: 'deliver', from: message.from, to, messageId, messageType: message.type });
      clientReceive(this, to, message.from, message.payload);
      return;
    }
    const node = world.nodes[to];
    if (!node.up) {
      this.record({ kind: 'drop', from: message.from, to, messageId, messageType: message.type, tag: 'node-down' });
      return;
    }
    if (node.pausedUntilMs !== null) {
      world.inFlight.set(messageId, message); // held in the paused node's socket buffer
      node.deferred.push({ timeMs: world.timeMs, seq: -1, kind: 'deliver', messageId });
      return;
    }
    this.record({ kind: 'deliver', from: message.from, to, messageId, messageType: message.type });
    this.handleMessage(to, message.from, message.payload);
  }

  private handleMessage(to: NodeId, from: string, payload: Message): void {
    if (payload.type === 'ClientRequest') {
      const request = { requestId: payload.requestId as number, client: from, op: payload.op as never };
      this.runHandler(to, (state, ctx) => this.protocol.onRequest(state, request, ctx));
    } else {
      this.runHandler(to, (state, ctx) => this.protocol.onMessage(state, from, payload, ctx));
    }
  }

  /** A paused node wakes: timers that expired and messages that arrived are handled now. */
  resume(id: NodeId): void {
    const node = this.world.nodes[id];
    if (node.pausedUntilMs === null || node.pausedUntilMs > this.world.timeMs) return;
    node.pausedUntilMs = null;
    this.record({ kind: 'resume', node: id, text: `${id} resumed after its pause` });
    const deferred = node.deferred;
    node.deferred = [];
    for (const event of deferred) {
      if (!node.up || node.pausedUntilMs !== null) break;
      if (event.kind === 'deliver') {
        const message = this.world.inFlight.get(event.messageId);
        if (!message) continue;
        this.world.inFlight.delete(event.messageId);
        this.record({ kind: 'deliver', from: message.from, to: id, messageId: message.id, messageType: message.type, tag: 'late' });
        this.handleMessage(id, message.from, message.payload);
      } else if (event.kind === 'timer' && node.timers[event.timer] === event.token) {
        delete node.timers[event.timer];
        this.record({ kind: 'timer', node: id, tag: event.timer, text: 'late' });
        this.runHandler(id, (state, ctx) => this.protocol.onTimer(state, event.timer, ctx));
      }
    }
  }

  runHandler(id: NodeId, handler: (state: any, ctx: NodeContext) => [unknown, Effect[]]): void {
    const before = this.world.nodes[id].state;
    const [state, effects] = handler(before, this.context(id));
    this.setState(id, state);
    this.apply(id, effects);
    // Invariants are properties of node states: a handler that returned its state unchanged
    // (copy-on-write, see Protocol) cannot have broken one.
    if (state !== before) this.eventDone(id);
  }

  setState(id: NodeId, state: unknown): void {
    const node = this.world.nodes[id];
    node.state = state;
    const snapshot = this.snapshots[this.snapshotIndex.get(id)!];
    snapshot.state = node.up ? state : null;
    snapshot.up = node.up;
  }

  /** Invariants after every event that changed a node (TigerBeetle's `defer self.invariants()`). */
  eventDone(changed: NodeId | null): void {
    const invariants = this.protocol.invariants;
    for (let i = 0; i < invariants.length; i++) {
      const invariant = invariants[i];
      const message = invariant.check(this.snapshots, this.world.ghosts[i], changed);
      if (message !== null && !this.world.violations.some((v) => v.invariant === invariant.name)) {
        this.world.violations.push({ invariant: invariant.name, message, timeMs: this.world.timeMs, seed: this.world.config.seed });
        this.record({ kind: 'violation', tag: invariant.name, text: `Invariant violated — ${invariant.name}: ${message}` });
      }
    }
  }

  apply(id: NodeId, effects: Effect[]): void {
    const node = this.world.nodes[id];
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
          this.send(id, effect.to, effect.message);
          break;
        case 'reply':
          this.send(id, effect.to, { type: 'ClientReply', requestId: effect.requestId, result: effect.result });
          break;
        case 'set-timer': {
          const token = this.world.nextToken++;
          node.timers[effect.timer] = token;
          const delay = this.rng(`node:${id}`).rangeInclusive(effect.range.minMs, effect.range.maxMs);
          this.schedule({ kind: 'timer', node: id, timer: effect.timer, token, timeMs: this.world.timeMs + Math.max(1, delay) });
          break;
        }
        case 'cancel-timer':
          delete node.timers[effect.timer];
          break;
        case 'note':
          this.record({ kind: 'note', node: id, tag: effect.tag, text: effect.text, data: effect.data });
          break;
        default:
          throw new EngineError(`unknown effect ${(effect as { kind: string }).kind}`, this.world.config.seed, this.world.timeMs);
      }
    }
  }

  /** Puts a message on the wire: lost, duplicated or delayed as the network's dice say. */
  send(from: string, to: string, payload: Message): void {
    const world = this.world;
    const network = world.network;
    const fromAt = locationOf(from, world.clientHome);
    const toAt = locationOf(to, world.clientHome);
    const id = world.nextMessageId++;
    if (!isLinkUp(network, fromAt, toAt)) {
      this.record({ kind: 'drop', from, to, messageId: id, messageType: payload.type, tag: 'cut' });
      return;
    }
    if (world.inFlight.size >= world.limits.inFlightMessages) {
      world.limited = `more than ${world.limits.inFlightMessages} messages in flight: extra messages dropped`;
      this.record({ kind: 'drop', from, to, messageId: id, messageType: payload.type, tag: 'overflow' });
      return;
    }
    const prng = this.rng('network');
    const lost = prng.chancePpm(network.dropPpm);
    this.record({ kind: 'send', from, to, messageId: id, messageType: payload.type });
    this.enqueueMessage(id, from, to, payload, lost ? 'dropped' : 'in-flight', false);
    if (!lost && prng.chancePpm(network.duplicatePpm) && world.inFlight.size < world.limits.inFlightMessages) {
      this.enqueueMessage(world.nextMessageId++, from, to, payload, 'duplicated', true);
    }
  }

  private enqueueMessage(id: number, from: string, to: string, payload: Message, fate: 'in-flight' | 'dropped' | 'duplicated', duplicate: boolean): void {
    const world = this.world;
    const [minMs, maxMs] = world.network.latencyMs;
    const deliverAtMs = world.timeMs + Math.max(1, this.rng('network').rangeInclusive(minMs, maxMs));
    world.inFlight.set(id, { id, from, to, type: payload.type, sentAtMs: world.timeMs, deliverAtMs, fate, payload, duplicate });
    this.schedule({ kind: 'deliver', messageId: id, timeMs: deliverAtMs });
  }

  currentLeader(): NodeId | null {
    return this.protocol.currentLeader ? this.protocol.currentLeader(this.snapshots) : null;
  }

  /** Marks a node crashed: volatile state gone, persisted state kept, timers and pause dropped. */
  crash(id: NodeId): void {
    const node: NodeRecord = this.world.nodes[id];
    node.persisted = this.protocol.persisted(node.state);
    node.up = false;
    node.timers = {};
    node.pausedUntilMs = null;
    for (const event of node.deferred) {
      if (event.kind === 'deliver') this.world.inFlight.delete(event.messageId);
    }
    node.deferred = [];
    this.setState(id, null);
  }

  restart(id: NodeId): void {
    const node = this.world.nodes[id];
    node.up = true;
    const [state, effects] = this.protocol.recover(node.persisted, this.context(id));
    this.setState(id, state);
    this.apply(id, effects);
    // A lab-wide mode switched while the node was down reaches it now, like any operator setting.
    const onControl = this.protocol.onControl;
    if (this.world.mode !== null && onControl) {
      const control = { do: 'setMode', mode: this.world.mode };
      this.runHandler(id, (current, ctx) => onControl(current, control, ctx));
    }
  }
}
