// The deterministic kernel: pops events in (timeMs, seq) order, hands them to the protocol,
// turns the returned effects into new events, applies scheduled actions between events, and
// runs every invariant after every event that changed a node.
import { applyAction } from './apply-action';
import { dropOldest } from './history-window';
import { EventQueue } from './event-queue';
import { sortByTime, type TimedAction } from './actions';
import { CutMatrix } from './cut-matrix';
import { isLinkUp, locationOf, noLinkCut } from './network';
import { createMetrics, recordMetric, type MetricKind } from './metrics';
import { Prng, ratioToPpm, seedState } from './prng';
import { createTrace, nameHash, recordEvent, recordFields, recordTrip, tripHashes, type TripKind } from './trace';
import type { TraceEvent } from './frame';
import type { ActorSpec, ActorSystem } from './system';
import type { Effect, HistoryEvent, Message, NodeContext, NodeId, NodeSnapshot, Protocol } from './types';
import { DEFAULT_LIMITS, type DeliveryEvent, type NodeRecord, type QueuedEvent, type RunningTimer, type TimerEvent, type World, type WorldConfig } from './world';

/** A queued event before the simulation gives it its sequence number. */
type Unsequenced = QueuedEvent extends infer E ? (E extends QueuedEvent ? Omit<E, 'seq'> : never) : never;

export type StopReason = 'time' | 'limit' | 'violation' | 'idle';

export class EngineError extends Error {
  constructor(message: string, readonly seed: number, readonly timeMs: number) {
    super(`${message} (seed ${seed}, t=${timeMs} ms)`);
  }
}

export function createWorld(config: WorldConfig): World {
  const limits = { ...DEFAULT_LIMITS, ...config.limits };
  const serverRole = config.actors[0]?.role;
  const world: World = {
    config, limits, actorIds: [], nodeIds: [], roster: {}, timeMs: 0, nextSeq: 0, nextToken: 1, nextMessageId: 1,
    eventCount: 0, nextActionIndex: 0, nodes: {}, home: {}, counters: {}, marks: {}, labState: {}, metrics: createMetrics(),
    network: {
      cut: {}, latencyMs: [config.network.latencyMs[0], config.network.latencyMs[1]],
      dropPpm: ratioToPpm(config.network.drop), duplicatePpm: ratioToPpm(config.network.duplicate),
    },
    inFlightCount: 0, queue: [], rng: {},
    trace: createTrace(limits.traceEvents), ghosts: [], violations: [], history: [], historyDropped: 0, historyDroppedOps: 0, limited: null,
  };
  for (const stream of ['network', 'timers', 'workload', 'faults']) world.rng[stream] = seedState(config.seed, stream);
  for (const actor of config.actors) addActorRecord(world, actor, actor.role === serverRole);
  return world;
}

function addActorRecord(world: World, actor: ActorSpec, server: boolean): void {
  const { id, role } = actor;
  const stream = actor.stream ?? `node:${id}`;
  world.actorIds.push(id);
  if (server) world.nodeIds.push(id);
  (world.roster[role] ??= []).push(id);
  if (actor.home) world.home[id] = actor.home;
  world.rng[stream] ??= seedState(world.config.seed, stream);
  world.nodes[id] = {
    id, role, home: actor.home ?? null, stream, up: true, state: null, persisted: null,
    pausedUntilMs: null, deferred: [], timers: new Map(), clockSkewMs: 0,
  };
}

/** What the hot path needs of one actor (see Simulation.slot). */
interface ActorSlot {
  id: NodeId;
  node: NodeRecord;
  protocol: Protocol<any, any>;
  context: NodeContext;
  /** Its entry among the server snapshots, or null for other roles. */
  snapshot: NodeSnapshot<unknown> | null;
  /** Its own stream, which its timers' delays are drawn from. */
  prng: Prng;
}

export class Simulation {
  readonly queue: EventQueue<QueuedEvent>;
  /** The server role's snapshots, in order: what invariants and the leader query read. */
  readonly snapshots: NodeSnapshot<unknown>[];
  private readonly streams = new Map<string, Prng>();
  /** One context object per actor, reused: peers never change, only the clock moves. */
  private readonly contexts = new Map<NodeId, NodeContext>();
  private readonly snapshotIndex = new Map<NodeId, number>();
  private readonly slots = new Map<NodeId, ActorSlot>();
  private readonly cutMatrix = new CutMatrix();
  /** The network's stream, drawn from twice per message: kept at hand rather than looked up. */
  private networkPrng: Prng | null = null;

  /** Build a fresh run, or wrap a restored world (a checkpoint) when `fresh` is false. */
  constructor(
    readonly system: ActorSystem,
    readonly world: World,
    readonly actions: TimedAction[],
    fresh: boolean,
  ) {
    this.queue = new EventQueue(world.queue);
    this.snapshots = world.nodeIds.map((id) => ({ id, up: world.nodes[id].up, state: world.nodes[id].up ? world.nodes[id].state : null }));
    world.nodeIds.forEach((id, index) => this.snapshotIndex.set(id, index));
    if (fresh) this.start();
  }

  /** A fresh run; the actions are put in time order (a Session passes its own live schedule to
   * the constructor instead, since it inserts into it). */
  static create(system: ActorSystem, config: WorldConfig, actions: readonly TimedAction[]): Simulation {
    return new Simulation(system, createWorld(config), sortByTime(actions), true);
  }

  private start(): void {
    this.world.ghosts = this.system.invariants.map((invariant) => invariant.initGhost());
    for (const id of this.world.actorIds.slice()) this.initActor(id);
  }

  private initActor(id: NodeId): void {
    const [state, effects] = this.protocolOf(id).init(this.context(id));
    this.setState(id, state);
    this.apply(id, effects);
  }

  /** Adds an actor during the run (a one-shot client the person at the keyboard asked for). */
  spawn(actor: ActorSpec): void {
    if (this.world.nodes[actor.id]) return;
    addActorRecord(this.world, actor, false);
    this.initActor(actor.id);
  }

  protocolOf(id: NodeId): Protocol<any, any> {
    const role = this.world.nodes[id].role;
    const protocol = this.system.protocols[role];
    if (!protocol) throw new EngineError(`no protocol for role "${role}" of ${id}`, this.world.config.seed, this.world.timeMs);
    return protocol;
  }

  isServer(id: NodeId): boolean {
    return this.snapshotIndex.has(id);
  }

  rng(stream: string): Prng {
    let prng = this.streams.get(stream);
    if (!prng) {
      prng = new Prng(this.world.rng[stream] ?? (this.world.rng[stream] = seedState(this.world.config.seed, stream)));
      this.streams.set(stream, prng);
    }
    return prng;
  }

  private networkRng(): Prng {
    return (this.networkPrng ??= this.rng('network'));
  }

  context(id: NodeId): NodeContext {
    let context = this.contexts.get(id);
    if (!context) {
      const world = this.world;
      const node = world.nodes[id];
      const counters = world.counters;
      context = {
        id,
        role: node.role,
        peers: (world.roster[node.role] ?? []).filter((peer) => peer !== id),
        roster: world.roster,
        servers: world.nodeIds,
        home: node.home,
        params: world.config.params,
        clockMs: 0,
        rng: this.rng(node.stream),
        next: (counter, start = 0) => {
          const value = counters[counter] ?? start;
          counters[counter] = value + 1;
          return value;
        },
        peek: (counter, start = 0) => counters[counter] ?? start,
      };
      this.contexts.set(id, context);
    }
    context.clockMs = this.world.timeMs + this.world.nodes[id].clockSkewMs;
    return context;
  }

  schedule(event: Unsequenced): void {
    (event as QueuedEvent).seq = this.world.nextSeq++;
    this.queue.push(event as QueuedEvent);
  }

  record(event: Omit<TraceEvent, 'seq' | 'timeMs'>): void {
    const full = event as TraceEvent;
    full.timeMs = this.world.timeMs;
    recordEvent(this.world.trace, full);
  }

  /** A queued message's trip (delivery or drop) into the trace, field by field: no object is
   * made for the most frequent events of a run. */
  private recordQueuedTrip(kind: TripKind, message: DeliveryEvent, tag?: string): void {
    recordTrip(this.world.trace, this.world.timeMs, kind, message.from, message.to, message.id, message.type, message, tag);
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
        this.deliver(event);
        return true;
      case 'timer': {
        const node = this.world.nodes[event.node];
        if (!node.up) return false;
        const running = node.timers.get(event.timer);
        if (running === undefined || running.entry !== event) return false; // cancelled or replaced
        if (running.token !== event.token) {
          this.moveTimerEntry(event, running); // set again for later since it was queued
          return false;
        }
        if (node.pausedUntilMs !== null) {
          running.entry = null;
          node.deferred.push(event);
          return true;
        }
        node.timers.delete(event.timer);
        this.world.eventCount++;
        if (!event.quiet) recordFields(this.world.trace, this.world.timeMs, 'timer', event.node, undefined, undefined, undefined, undefined, event.timer, undefined);
        this.fireTimer(event.node, event.timer);
        return true;
      }
      case 'resume':
        this.resume(event.node);
        return true;
    }
  }

  /** Runs an actor's timer handler (also the `timeout` fault's way of firing one early). */
  fireTimer(id: NodeId, timer: string): void {
    const slot = this.slot(id);
    const before = slot.node.state;
    this.stepTaken(slot, before, slot.protocol.onTimer(before, timer, this.clocked(slot)));
  }

  /** An actor's record, protocol, context and snapshot, found once and kept: a message or a
   * timer then costs one lookup instead of one per piece. */
  private slot(id: NodeId): ActorSlot {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      const index = this.snapshotIndex.get(id);
      const node = this.world.nodes[id];
      slot = { id, node, protocol: this.protocolOf(id), context: this.context(id), snapshot: index === undefined ? null : this.snapshots[index], prng: this.rng(node.stream) };
      this.slots.set(id, slot);
    }
    return slot;
  }

  /** The actor's context with its clock set to now. */
  private clocked(slot: ActorSlot): NodeContext {
    slot.context.clockMs = this.world.timeMs + slot.node.clockSkewMs;
    return slot.context;
  }

  private deliver(message: DeliveryEvent): void {
    const world = this.world;
    world.eventCount++;
    const to = message.to;
    if (message.fate !== 'in-flight' && message.fate !== 'duplicated') {
      world.inFlightCount--;
      this.recordQueuedTrip('drop', message, message.fate);
      return;
    }
    const node = world.nodes[to];
    if (!node || !node.up) {
      world.inFlightCount--;
      this.recordQueuedTrip('drop', message, 'node-down');
      return;
    }
    if (node.pausedUntilMs !== null) {
      node.deferred.push(message); // held in the paused node's socket buffer
      return;
    }
    world.inFlightCount--;
    this.recordQueuedTrip('deliver', message);
    this.handleMessage(to, message.from, message.payload);
  }

  private handleMessage(to: NodeId, from: string, payload: Message): void {
    const slot = this.slot(to);
    const before = slot.node.state;
    this.stepTaken(slot, before, slot.protocol.onMessage(before, from, payload, this.clocked(slot)));
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
        this.world.inFlightCount--;
        this.recordQueuedTrip('deliver', event, 'late');
        this.handleMessage(id, event.from, event.payload);
      } else if (event.kind === 'timer' && node.timers.get(event.timer)?.token === event.token) {
        node.timers.delete(event.timer);
        if (!event.quiet) recordFields(this.world.trace, this.world.timeMs, 'timer', id, undefined, undefined, undefined, undefined, event.timer, 'late');
        this.fireTimer(id, event.timer);
      }
    }
  }

  runHandler(id: NodeId, handler: (state: any, ctx: NodeContext) => [unknown, Effect[]]): void {
    const before = this.world.nodes[id].state;
    this.afterHandler(id, before, handler(before, this.context(id)));
  }

  /** Takes a handler's step. Messages and timers call the protocol directly rather than through
   * runHandler: a closure per event is an allocation on the hottest path. */
  private afterHandler(id: NodeId, before: unknown, step: [unknown, Effect[]]): void {
    this.stepTaken(this.slot(id), before, step);
  }

  private stepTaken(slot: ActorSlot, before: unknown, step: [unknown, Effect[]]): void {
    const state = step[0];
    const node = slot.node;
    node.state = state;
    const snapshot = slot.snapshot;
    if (snapshot !== null) {
      snapshot.state = node.up ? state : null;
      snapshot.up = node.up;
    }
    this.applyEffects(slot, step[1]);
    // Invariants are properties of the servers' states: a handler that returned its state
    // unchanged (copy-on-write, see Protocol), or changed a client, cannot have broken one.
    if (state !== before && snapshot !== null) this.eventDone(slot.id);
  }

  setState(id: NodeId, state: unknown): void {
    const node = this.world.nodes[id];
    node.state = state;
    const index = this.snapshotIndex.get(id);
    if (index === undefined) return;
    const snapshot = this.snapshots[index];
    snapshot.state = node.up ? state : null;
    snapshot.up = node.up;
  }

  /** Invariants after every event that changed a node (TigerBeetle's `defer self.invariants()`). */
  eventDone(changed: NodeId | null): void {
    const invariants = this.system.invariants;
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
    this.applyEffects(this.slot(id), effects);
  }

  private applyEffects(slot: ActorSlot, effects: Effect[]): void {
    const { id, node } = slot;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'send':
          this.send(id, effect.to, effect.message);
          break;
        case 'set-timer': {
          const token = this.world.nextToken++;
          const delay = 'range' in effect ? slot.prng.rangeInclusive(effect.range.minMs, effect.range.maxMs) : effect.afterMs;
          this.setTimer(id, node, effect.timer, token, this.world.timeMs + Math.max(1, delay), effect.quiet === true);
          break;
        }
        case 'cancel-timer':
          node.timers.delete(effect.timer);
          break;
        case 'note':
          this.world.marks[effect.tag] = (this.world.marks[effect.tag] ?? 0) + 1;
          this.record({ kind: 'note', node: id, tag: effect.tag, text: effect.text, data: effect.data });
          break;
        case 'history':
          this.appendHistory(effect.event);
          break;
        case 'metric':
          this.metric(effect.name, effect.metric, effect.value ?? 1);
          break;
        case 'trace':
          this.record(effect.as === 'request'
            ? { kind: 'request', node: id, to: effect.to, text: effect.text }
            : { kind: 'reply', node: id, from: effect.from, text: effect.text });
          break;
        default:
          throw new EngineError(`unknown effect ${(effect as { kind: string }).kind}`, this.world.config.seed, this.world.timeMs);
      }
    }
  }

  /**
   * Sets (or sets again) a timer. It fires exactly as if every setting queued an event of its own
   * at (dueAtMs, seq) and an earlier one were ignored: a setting that falls no earlier than the
   * timer's queued event only rewrites the record, and the event, when it comes up, moves to the
   * record's (dueAtMs, seq) — a key later than any popped so far, so the order of events is the
   * same as with one event per setting.
   */
  private setTimer(id: NodeId, node: NodeRecord, name: string, token: number, dueAtMs: number, quiet: boolean): void {
    const world = this.world;
    const seq = world.nextSeq++;
    const running = node.timers.get(name);
    if (running !== undefined && running.entry !== null && running.entry.timeMs <= dueAtMs) {
      running.token = token;
      running.seq = seq;
      running.setAtMs = world.timeMs;
      running.dueAtMs = dueAtMs;
      running.quiet = quiet;
      return;
    }
    const entry: TimerEvent = { timeMs: dueAtMs, seq, kind: 'timer', node: id, timer: name, token, quiet };
    this.queue.push(entry);
    node.timers.set(name, { token, setAtMs: world.timeMs, dueAtMs, seq, quiet, entry });
  }

  /** A timer's queued event came up, but the timer was set again for later: requeue it there. */
  private moveTimerEntry(entry: TimerEvent, running: RunningTimer): void {
    entry.timeMs = running.dueAtMs;
    entry.seq = running.seq;
    entry.token = running.token;
    entry.quiet = running.quiet;
    this.queue.push(entry);
  }

  /** Files a figure for the lab's charts at the current virtual time (lab hooks call it too). */
  metric(name: string, kind: MetricKind, value = 1): void {
    recordMetric(this.world.metrics, this.world.timeMs, name, kind, value);
  }

  private appendHistory(event: HistoryEvent): void {
    const world = this.world;
    const stamped = { ...event, time: world.timeMs };
    if (world.history.length >= world.limits.historyEvents) {
      const dropped = dropOldest(world.history, Math.ceil(world.limits.historyEvents / 4));
      world.historyDropped += dropped.events;
      world.historyDroppedOps += dropped.operations;
    }
    world.history.push(stamped);
  }

  /** Whether a message from one actor can reach another now: their own link and, for actors
   * that sit beside another, the link between their homes. */
  canReach(from: NodeId, to: NodeId): boolean {
    const network = this.world.network;
    if (noLinkCut(network)) return true;
    const known = this.cutMatrix.canReach(network, this.world.actorIds, this.world.home, from, to);
    if (known !== null) return known;
    if (!isLinkUp(network, from, to)) return false;
    const home = this.world.home;
    return isLinkUp(network, locationOf(from, home), locationOf(to, home));
  }

  /** Puts a message on the wire: lost, duplicated or delayed as the network's dice say. */
  send(from: string, to: string, payload: Message): void {
    const world = this.world;
    const network = world.network;
    const id = world.nextMessageId++;
    if (!this.canReach(from, to)) {
      this.dropUnsent(from, to, id, payload.type, 'cut');
      return;
    }
    if (world.inFlightCount >= world.limits.inFlightMessages) {
      world.limited = `more than ${world.limits.inFlightMessages} messages in flight: extra messages dropped`;
      this.dropUnsent(from, to, id, payload.type, 'overflow');
      return;
    }
    const prng = this.networkRng();
    const lost = prng.chancePpm(network.dropPpm);
    const sent = this.enqueueMessage(id, from, to, payload, lost ? 'dropped' : 'in-flight', null);
    this.recordQueuedTrip('send', sent);
    if (!lost && prng.chancePpm(network.duplicatePpm) && world.inFlightCount < world.limits.inFlightMessages) {
      this.enqueueMessage(world.nextMessageId++, from, to, payload, 'duplicated', sent);
    }
  }

  /** A message that never made it onto the wire (a cut link, a full network). */
  private dropUnsent(from: string, to: string, id: number, type: string, reason: string): void {
    recordTrip(this.world.trace, this.world.timeMs, 'drop', from, to, id, type, tripHashes(from, to, type), reason);
  }

  /** Queues a message's delivery; a duplicate shares its original's name hashes. */
  private enqueueMessage(id: number, from: string, to: string, payload: Message, fate: 'in-flight' | 'dropped' | 'duplicated', original: DeliveryEvent | null): DeliveryEvent {
    const world = this.world;
    const [minMs, maxMs] = world.network.latencyMs;
    const deliverAtMs = world.timeMs + Math.max(1, this.networkRng().rangeInclusive(minMs, maxMs));
    world.inFlightCount++;
    const delivery: DeliveryEvent = {
      timeMs: deliverAtMs, seq: world.nextSeq++, kind: 'deliver', id, from, to, type: payload.type, sentAtMs: world.timeMs, deliverAtMs, fate, payload,
      duplicate: original !== null,
      fromHash: original === null ? nameHash(from) : original.fromHash,
      toHash: original === null ? nameHash(to) : original.toHash,
      typeHash: original === null ? nameHash(payload.type) : original.typeHash,
    };
    this.queue.push(delivery);
    return delivery;
  }

  currentLeader(): NodeId | null {
    return this.system.leader ? this.system.leader(this.snapshots) : null;
  }

  /** Marks a node crashed: volatile state gone, persisted state kept, timers and pause dropped. */
  crash(id: NodeId): void {
    const node: NodeRecord = this.world.nodes[id];
    node.persisted = this.protocolOf(id).persisted(node.state);
    node.up = false;
    node.timers = new Map();
    node.pausedUntilMs = null;
    for (const event of node.deferred) {
      if (event.kind === 'deliver') this.world.inFlightCount--;
    }
    node.deferred = [];
    this.setState(id, null);
  }

  restart(id: NodeId): void {
    const node = this.world.nodes[id];
    node.up = true;
    const [state, effects] = this.protocolOf(id).recover(node.persisted, this.context(id));
    this.setState(id, state);
    this.apply(id, effects);
    this.system.afterRestart?.(this, id);
  }
}
