// A run you can move through: it owns the action schedule, takes a checkpoint (a structured clone
// of the world) every few thousand events, and seeks by restoring the nearest checkpoint at or
// before the target and replaying. Acting in the past forks: later user actions are dropped.
import { sortByTime, type Action, type TimedAction } from './actions';
import { createWorld, Simulation, type StopReason } from './simulation';
import type { ActorSystem } from './system';
import type { World, WorldConfig } from './world';
import { retainedCount } from './trace';

export interface SessionOptions {
  /** Events between checkpoints. */
  checkpointEveryEvents?: number;
  /** Checkpoints kept; past this, every other one is thinned out. */
  maxCheckpoints?: number;
  /** Actions the user recorded earlier (a shared run): replayed, but a fork drops later ones. */
  recorded?: TimedAction[];
}

/** A world at a moment, less its client history: on one timeline the history only grows (at the
 * end; a long run drops its oldest events), so a checkpoint's history is a stretch of the
 * furthest history reached and only where it ends needs keeping (long CAP runs would otherwise
 * copy it into every one). */
interface Checkpoint {
  timeMs: number;
  eventCount: number;
  world: World;
  /** Events ever appended to the history at this moment (dropped ones included). */
  historyEnd: number;
}

export interface SessionFootprint {
  checkpoints: number;
  oldestCheckpointMs: number;
  historyEvents: number;
  historyDroppedOps: number;
  traceEvents: number;
  metricSeries: number;
}

export class Session {
  private sim: Simulation;
  private readonly checkpoints: Checkpoint[] = [];
  private readonly everyEvents: number;
  private readonly maxCheckpoints: number;
  /** The full schedule (scenario actions, then the user's, merged by time); shared with the
   * simulation, so it is only ever changed in place. */
  readonly actions: TimedAction[] = [];
  private readonly scripted: TimedAction[];
  private readonly recorded: TimedAction[] = [];
  /** The world at the furthest point reached on this timeline (checkpoints' histories are
   * stretches of its history), and that point's event count. */
  private timeline: Pick<World, 'history' | 'historyDropped'>;
  private furthestEvents = 0;

  constructor(readonly system: ActorSystem, readonly config: WorldConfig, actions: TimedAction[], options: SessionOptions = {}) {
    this.everyEvents = options.checkpointEveryEvents ?? 4000;
    this.maxCheckpoints = options.maxCheckpoints ?? 60;
    this.scripted = actions.slice();
    this.recorded.push(...(options.recorded ?? []));
    this.rebuildSchedule();
    this.sim = new Simulation(system, createWorld(config), this.actions, true);
    this.timeline = this.sim.world;
    this.checkpoints.push(this.snapshot());
  }

  get simulation(): Simulation {
    return this.sim;
  }

  get timeMs(): number {
    return this.sim.world.timeMs;
  }

  /** Runs to timeMs, checkpointing as it goes; stops early after maxEvents or a violation. */
  advanceTo(timeMs: number, maxEvents = Infinity): StopReason {
    let remaining = maxEvents;
    for (;;) {
      const before = this.sim.world.eventCount;
      const reason = this.sim.runUntil(timeMs, Math.min(remaining, this.everyEvents));
      remaining -= this.sim.world.eventCount - before;
      this.progressed();
      if (reason !== 'limit' || remaining <= 0) return reason;
      this.sim.world.limited = null;
    }
  }

  /**
   * Goes to any virtual time from the nearest checkpoint at or before it — backward, or forward
   * past where the run now stands (after a seek back, the checkpoints ahead are still good) —
   * then replays, checkpointing as it goes. At most `maxEvents` events per call: 'limit' means
   * call again to go on (the page shows progress and may seek elsewhere meanwhile).
   */
  seek(timeMs: number, maxEvents = Infinity): StopReason {
    const target = Math.max(0, timeMs);
    const now = this.sim.world.timeMs;
    const nearest = this.checkpointAtOrBefore(target);
    if (target < now || nearest.timeMs > now) this.restore(nearest);
    this.lastSeek = { fromMs: this.sim.world.timeMs, events: 0 };
    const startEvents = this.sim.world.eventCount;
    try {
      return this.replayTo(target, maxEvents);
    } finally {
      this.lastSeek.events = this.sim.world.eventCount - startEvents;
    }
  }

  /** Where the last seek started replaying from and how many events it replayed. */
  lastSeek = { fromMs: 0, events: 0 };

  private replayTo(target: number, maxEvents: number): StopReason {
    let remaining = maxEvents;
    for (;;) {
      const before = this.sim.world.eventCount;
      const reason = this.sim.runUntil(target, Math.min(remaining, this.everyEvents), false);
      remaining -= this.sim.world.eventCount - before;
      this.progressed();
      if (reason !== 'limit') return reason;
      this.sim.world.limited = null;
      if (remaining <= 0) return 'limit';
    }
  }

  private checkpointAtOrBefore(timeMs: number): Checkpoint {
    let index = this.checkpoints.length - 1;
    while (index > 0 && this.checkpoints[index].timeMs > timeMs) index--;
    return this.checkpoints[index];
  }

  /** Applies a user action now. At a past moment this forks: later user actions are dropped. */
  inject(action: Action): void {
    const now = this.sim.world.timeMs;
    for (let i = this.recorded.length - 1; i >= 0; i--) if (this.recorded[i].at > now) this.recorded.splice(i, 1);
    this.dropCheckpointsAfter(now);
    // A new timeline from here: what lay ahead on the old one is gone.
    this.timeline = this.sim.world;
    this.furthestEvents = this.sim.world.eventCount;
    this.recorded.push({ ...action, at: now } as TimedAction);
    this.rebuildSchedule();
    this.sim.runUntil(now, Infinity, false);
    this.progressed();
  }

  /** What this session holds in memory, each within a fixed budget: checkpoints (at most
   * `maxCheckpoints`, thinned as time goes on), the history window and the trace ring. */
  footprint(): SessionFootprint {
    const world = this.sim.world;
    return {
      checkpoints: this.checkpoints.length,
      oldestCheckpointMs: this.checkpoints[0].timeMs,
      historyEvents: this.timeline.history.length,
      historyDroppedOps: world.historyDroppedOps,
      traceEvents: retainedCount(world.trace),
      metricSeries: Object.keys(world.metrics.series).length,
    };
  }

  /** The user's recorded actions, in the order they were made. */
  recordedActions(): TimedAction[] {
    return this.recorded.slice();
  }

  /** Scenario actions first, then the user's, stably by time: the same order a replay uses. */
  private rebuildSchedule(): void {
    const merged = sortByTime([...this.scripted, ...this.recorded]);
    this.actions.splice(0, this.actions.length, ...merged);
  }

  private dropCheckpointsAfter(now: number): void {
    while (this.checkpoints.length > 1 && this.checkpoints[this.checkpoints.length - 1].timeMs > now) this.checkpoints.pop();
  }

  /** After running: remember the furthest history, and checkpoint where none is near. */
  private progressed(): void {
    const world = this.sim.world;
    if (world.eventCount >= this.furthestEvents) {
      this.furthestEvents = world.eventCount;
      this.timeline = world;
    }
    const count = world.eventCount;
    let index = this.checkpoints.length - 1;
    while (index > 0 && this.checkpoints[index].eventCount > count) index--;
    const next = this.checkpoints[index + 1];
    if (count - this.checkpoints[index].eventCount < this.everyEvents) return;
    if (next && next.eventCount - count < this.everyEvents / 2) return;
    this.checkpoints.splice(index + 1, 0, this.snapshot());
    if (this.checkpoints.length > this.maxCheckpoints) this.thin();
  }

  /** Keep the first, the last and every other one between: density halves, time is still covered. */
  private thin(): void {
    const kept = this.checkpoints.filter((_, i) => i === 0 || i % 2 === 0 || i === this.checkpoints.length - 1);
    this.checkpoints.splice(0, this.checkpoints.length, ...kept);
  }

  private snapshot(): Checkpoint {
    const world = this.sim.world;
    const history = world.history;
    world.history = [];
    const copy = structuredClone(world);
    world.history = history;
    return { timeMs: world.timeMs, eventCount: world.eventCount, world: copy, historyEnd: world.historyDropped + history.length };
  }

  private restore(checkpoint: Checkpoint): void {
    const world = structuredClone(checkpoint.world);
    const base = this.timeline.historyDropped;
    const end = Math.max(0, checkpoint.historyEnd - base);
    if (world.historyDropped >= base) {
      world.history = this.timeline.history.slice(world.historyDropped - base, end);
    } else {
      // The timeline has since dropped the start of this checkpoint's window: it resumes with
      // what is left, and says that much more was dropped.
      world.history = this.timeline.history.slice(0, end);
      world.historyDroppedOps += Math.ceil((base - world.historyDropped) / 2);
      world.historyDropped = base;
    }
    this.sim = new Simulation(this.system, world, this.actions, false);
  }
}
