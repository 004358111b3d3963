// The page's side of the worker conversation: at most one advance in flight (the latest wanted time
// wins), every answer checked against the current load, and the newest Frame kept in $state.raw.
import type { Action } from '../engine/actions';
import type { Frame } from '../engine/frame';
import type { Scenario } from '../scenarios/scenario';
import type { SimulationApi, ValidationIssue } from '../worker/api';
import type { ImportAnswer } from '../worker/import-check';

/** The worker API as Comlink presents it: every method answers with a promise. */
export type AsyncSimulation = {
  [K in keyof SimulationApi]: (...args: Parameters<SimulationApi[K]>) => Promise<ReturnType<SimulationApi[K]>>;
};

export type FrameCause = 'load' | 'advance' | 'step' | 'inject' | 'seek';

export interface LoadOptions {
  /** An invalid scenario leaves the running one alone (imports, host commands, lab switches). */
  keepOnInvalid?: boolean;
  /** Actions from this index on are the user's recording, which a fork may drop (see the worker). */
  recordedFrom?: number;
}
export type SessionStatus = 'starting' | 'ready' | 'failed';

/** How long the first load may take before we say the worker did not start. */
export const START_TIMEOUT_MS = 20_000;

export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path || issue.code}: ${issue.message}`).join('; ');
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number | null, what: string): Promise<T> {
  if (timeoutMs === null) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

export class SimulationSession {
  frame = $state.raw<Frame | null>(null);
  status = $state<SessionStatus>('starting');
  error = $state<string | null>(null);
  /** While a long seek replays in slices: the time it is heading for. */
  seekingToMs = $state<number | null>(null);
  /** A refused action, shown briefly; not an error of the page. */
  notice = $state<string | null>(null);
  /** The worker's reasons when the last load was refused. */
  loadIssues = $state.raw<ValidationIssue[]>([]);

  #client: AsyncSimulation;
  #onFrame: (frame: Frame, cause: FrameCause) => void;
  #startTimeoutMs: number;
  #inFlight = 0;
  #wantedMs: number | null = null;
  #generation = 0;
  #seeking = false;
  #wantedSeekMs: number | null = null;
  /** The load in progress: later requests wait for it, so a seek right after a load (a host's
   * `load` then `seek` in one tick) cannot orphan the load's answer. */
  #loading: Promise<boolean> | null = null;

  constructor(
    client: AsyncSimulation,
    options: { onFrame?: (frame: Frame, cause: FrameCause) => void; startTimeoutMs?: number } = {},
  ) {
    this.#client = client;
    this.#onFrame = options.onFrame ?? (() => {});
    this.#startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  }

  /** True while any request is waiting for the worker. */
  get busy(): boolean {
    return this.#inFlight > 0;
  }

  load(scenario: Scenario, options: LoadOptions = {}): Promise<boolean> {
    const loading = this.#load(scenario, options);
    this.#loading = loading;
    void loading.finally(() => {
      if (this.#loading === loading) this.#loading = null;
    });
    return loading;
  }

  /** Resolves once no load is in progress. */
  async #afterLoad(): Promise<void> {
    while (this.#loading) await this.#loading.catch(() => false);
  }

  async #load(scenario: Scenario, options: LoadOptions): Promise<boolean> {
    const generation = ++this.#generation;
    this.#wantedMs = null;
    this.#wantedSeekMs = null;
    const keep = options.keepOnInvalid === true && this.status === 'ready';
    const timeoutMs = this.status === 'starting' ? this.#startTimeoutMs : null;
    const request = () => withTimeout(this.#client.load(scenario, { recordedFrom: options.recordedFrom }), timeoutMs, 'The simulation worker');
    let loaded = false;
    await this.#run(generation, request, (result) => {
      this.#wantedMs = null;
      this.loadIssues = result.ok ? [] : result.issues;
      if (!result.ok && keep) return;
      if (!result.ok) return this.fail(`The scenario is not valid: ${describeIssues(result.issues)}`);
      this.status = 'ready';
      this.error = null;
      this.notice = null;
      loaded = true;
      this.#accept(result.frame, 'load');
    });
    return loaded;
  }

  /** Ask for time `timeMs`; sent now if nothing is in flight, otherwise when the worker is free. */
  requestAdvance(timeMs: number): void {
    this.#wantedMs = timeMs;
    this.#pump();
  }

  async step(): Promise<void> {
    await this.#afterLoad();
    await this.#run(this.#generation, () => this.#client.step(), (frame) => this.#accept(frame, 'step'));
  }

  /** Run forward to `timeMs` now (not as playback): the frame counts as a step. */
  async advanceNow(timeMs: number): Promise<void> {
    await this.#afterLoad();
    this.#wantedMs = null;
    await this.#run(this.#generation, () => this.#client.advanceTo(timeMs), (frame) => this.#accept(frame, 'step'));
  }

  /**
   * Go to any virtual time. Answers to earlier advances are dropped; while a seek is in flight
   * only the latest wanted time is kept, so dragging the timeline never queues up work.
   */
  async seek(timeMs: number): Promise<void> {
    await this.#afterLoad();
    if (this.#seeking) {
      this.#wantedSeekMs = timeMs;
      return;
    }
    this.#seeking = true;
    const generation = ++this.#generation;
    this.#wantedMs = null;
    try {
      // A long seek comes back in slices; go on until it arrives, unless a newer seek or load
      // takes over (then the newer one is served next).
      let pending = true;
      let lastEvents = -1;
      while (pending && generation === this.#generation && this.#wantedSeekMs === null) {
        pending = false;
        await this.#run(generation, () => this.#client.seek(timeMs), (frame) => {
          // Go on only while the slices make progress (a stuck worker must not spin the page).
          pending = frame.seekingToMs !== undefined && frame.eventCount !== lastEvents;
          lastEvents = frame.eventCount;
          this.seekingToMs = frame.seekingToMs ?? null;
          this.#accept(frame, 'seek');
        });
      }
    } finally {
      this.#seeking = false;
      if (generation === this.#generation && this.#wantedSeekMs === null) this.seekingToMs = null;
    }
    const next = this.#wantedSeekMs;
    this.#wantedSeekMs = null;
    if (next !== null && generation === this.#generation) await this.seek(next);
  }

  /** Reads an imported file in the worker; an unreachable worker is a readable error. */
  async readImport(filename: string, text: string): Promise<ImportAnswer> {
    try {
      return await this.#client.readImport(filename, text);
    } catch (error) {
      return { kind: 'error', issues: [`${filename} could not be read: ${errorText(error)}`] };
    }
  }

  /** The scenario with every recorded action, for links and export; null before a load. */
  async recorded(): Promise<Scenario | null> {
    if (this.status !== 'ready') return null;
    try {
      return await this.#client.recorded();
    } catch {
      return null;
    }
  }

  async inject(action: Action): Promise<boolean> {
    await this.#afterLoad();
    let applied = false;
    await this.#run(this.#generation, () => this.#client.inject(action), (result) => {
      applied = result.ok;
      this.notice = result.ok ? null : result.error;
      this.#accept(result.frame, 'inject');
    });
    return applied;
  }

  #pump(): void {
    if (this.#inFlight > 0 || this.#wantedMs === null || this.status !== 'ready' || !this.frame) return;
    const target = this.#wantedMs;
    this.#wantedMs = null;
    if (target <= this.frame.timeMs) return;
    void this.#run(this.#generation, () => this.#client.advanceTo(target), (frame) => this.#accept(frame, 'advance'));
  }

  async #run<T>(generation: number, request: () => Promise<T>, accept: (value: T) => void): Promise<void> {
    this.#inFlight++;
    try {
      const value = await request();
      if (generation === this.#generation) accept(value);
    } catch (error) {
      if (generation === this.#generation) this.fail(errorText(error));
    } finally {
      this.#inFlight--;
      this.#pump();
    }
  }

  #accept(frame: Frame, cause: FrameCause): void {
    if (this.status !== 'ready') return;
    // A new violation stops playback on the violating event: advances wanted while this one was
    // in flight would run past it, so they are dropped (playing again asks anew).
    if (cause === 'advance' && frame.violations.length > (this.frame?.violations.length ?? 0)) this.#wantedMs = null;
    this.frame = frame;
    this.#onFrame(frame, cause);
  }

  /** Stop accepting frames and show `message` until the next successful load. */
  fail(message: string): void {
    this.status = 'failed';
    this.error = message;
  }
}
