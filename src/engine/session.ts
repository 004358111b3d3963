// A run you can move through: it owns the action schedule, takes a checkpoint (a structured clone
// of the world) every few thousand events, and seeks by restoring the nearest checkpoint at or
// before the target and replaying. Acting in the past forks: later user actions are dropped.
import { sortByTime, type Action, type TimedAction } from './actions';
import { createWorld, Simulation, type StopReason } from './simulation';
import type { ActorSystem } from './system';
import type { World, WorldConfig } from './world';

export interface SessionOptions {
  /** Events between checkpoints. */
  checkpointEveryEvents?: number;
  /** Checkpoints kept; past this, every other one is thinned out. */
  maxCheckpoints?: number;
  /** Actions the user recorded earlier (a shared run): replayed, but a fork drops later ones. */
  recorded?: TimedAction[];
}

/** A world at a moment, less its client history: the history only ever grows, and a checkpoint
 * is only restored to go back in time, so the live history's prefix is the checkpoint's history
 * and only its length needs keeping (long CAP runs would otherwise copy it into every one). */
interface Checkpoint {
  timeMs: number;
  eventCount: number;
  world: World;
  historyLength: number;
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

  constructor(readonly system: ActorSystem, readonly config: WorldConfig, actions: TimedAction[], options: SessionOptions = {}) {
    this.everyEvents = options.checkpointEveryEvents ?? 4000;
    this.maxCheckpoints = options.maxCheckpoints ?? 60;
    this.scripted = actions.slice();
    this.recorded.push(...(options.recorded ?? []));
    this.rebuildSchedule();
    this.sim = new Simulation(system, createWorld(config), this.actions, true);
    this.takeCheckpoint();
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
      if (this.sim.world.eventCount - this.lastCheckpoint().eventCount >= this.everyEvents) this.takeCheckpoint();
      if (reason !== 'limit' || remaining <= 0) return reason;
      this.sim.world.limited = null;
    }
  }

  /** Goes to any virtual time: forward by running, backward by restore and replay. */
  seek(timeMs: number): void {
    const target = Math.max(0, timeMs);
    if (target < this.sim.world.timeMs) {
      let index = this.checkpoints.length - 1;
      while (index > 0 && this.checkpoints[index].timeMs > target) index--;
      this.restore(this.checkpoints[index]);
    }
    this.sim.runUntil(target, Infinity, false);
  }

  /** Applies a user action now. At a past moment this forks: later user actions are dropped. */
  inject(action: Action): void {
    const now = this.sim.world.timeMs;
    for (let i = this.recorded.length - 1; i >= 0; i--) if (this.recorded[i].at > now) this.recorded.splice(i, 1);
    this.dropCheckpointsAfter(now);
    this.recorded.push({ ...action, at: now } as TimedAction);
    this.rebuildSchedule();
    this.sim.runUntil(now, Infinity, false);
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
    while (this.checkpoints.length > 1 && this.lastCheckpoint().timeMs > now) this.checkpoints.pop();
  }

  private lastCheckpoint(): Checkpoint {
    return this.checkpoints[this.checkpoints.length - 1];
  }

  private takeCheckpoint(): void {
    const world = this.sim.world;
    const history = world.history;
    world.history = [];
    const copy = structuredClone(world);
    world.history = history;
    this.checkpoints.push({ timeMs: world.timeMs, eventCount: world.eventCount, world: copy, historyLength: history.length });
    if (this.checkpoints.length > this.maxCheckpoints) {
      // Keep the first and every other one after it: density halves, history is still covered.
      const kept = this.checkpoints.filter((_, i) => i === 0 || i % 2 === 0 || i === this.checkpoints.length - 1);
      this.checkpoints.splice(0, this.checkpoints.length, ...kept);
    }
  }

  private restore(checkpoint: Checkpoint): void {
    const world = structuredClone(checkpoint.world);
    world.history = this.sim.world.history.slice(0, checkpoint.historyLength);
    this.sim = new Simulation(this.system, world, this.actions, false);
  }
}
