// One lab run on the page: the worker session, the playback machine, how far the timeline reaches,
// the fork rule and the link in the address bar. Components read its state and call its methods.
import type { Action, TimedAction } from '../engine/actions';
import type { Frame } from '../engine/frame';
import { DEFAULT_LAB_ID, findLab } from '../labs/registry';
import type { Scenario } from '../scenarios/scenario';
import { MAX_TIME_MS } from '../scenarios/validate';
import { encodeShareState, type ShareView } from '../share';
import { isClientWrite, WRITE_KEY } from './node-actions';
import { Playback, type PlaybackClock } from './playback.svelte';
import { Throttle } from './share/url-state';
import { NUDGE_MS } from './shortcuts';
import { SimulationSession, type AsyncSimulation, type FrameCause } from './simulation-session.svelte';

/** The address bar follows playback at most this often (wall time); actions and seeks update it at once. */
export const LINK_INTERVAL_MS = 500;

export type ScenarioFor = (lab: string, seed: number, nodes?: number) => Scenario;
export type FrameListener = (frame: Frame, cause: FrameCause) => void;

export interface LabRunOptions {
  connect: () => { client: AsyncSimulation; terminate: () => void };
  scenarioFor: ScenarioFor;
  clock?: PlaybackClock;
  /** Receives each new link query (from encodeShareState); the page writes it to the address bar. */
  writeLink?: (shareQuery: string) => void;
  /** How the viewer watches (speed, theme), carried in the link. */
  view?: () => ShareView;
  linkIntervalMs?: number;
}

export interface LoadOptions {
  /** Open paused at this virtual time. */
  cursorMs?: number;
  /** An invalid scenario leaves the running one alone and returns false. */
  keepOnInvalid?: boolean;
  /** For loadLab: the ids of the rules the new run breaks. By default a reload of the same lab keeps the current ones. */
  broken?: readonly string[];
  /** For loadLab: whether the run has client traffic (its workload). By default a reload of the same lab keeps the current setting. */
  traffic?: boolean;
}

export class LabRun {
  readonly playback: Playback;
  readonly session: SimulationSession;
  lab = $state(DEFAULT_LAB_ID);
  seed = $state(1);
  nodes = $state(5);
  /** The lab's rules this run breaks on purpose, from its params. */
  broken = $state<string[]>([]);
  /** Whether this run has client traffic (a workload). */
  traffic = $state(false);
  /** The timeline's end: the furthest virtual time this run has reached. */
  furthestMs = $state(0);
  nextWriteValue = $state(1);
  /** The link query now in the address bar, and the cursor it holds. */
  shareQuery = $state<string | null>(null);
  linkTimeMs = $state(-1);

  #terminate: () => void;
  #scenarioFor: ScenarioFor;
  #writeLink: (shareQuery: string) => void;
  #view: () => ShareView;
  #listeners = new Set<FrameListener>();
  #violationsSeen = 0;
  #linkThrottle: Throttle;
  #linkSequence = 0;
  #nudging = 0;
  #headingMs = 0;

  constructor(options: LabRunOptions) {
    this.playback = new Playback({ clock: options.clock });
    const worker = options.connect();
    this.#terminate = worker.terminate;
    this.#scenarioFor = options.scenarioFor;
    this.#writeLink = options.writeLink ?? (() => {});
    this.#view = options.view ?? (() => ({}));
    this.session = new SimulationSession(worker.client, { onFrame: (frame, cause) => this.#onFrame(frame, cause) });
    this.#linkThrottle = new Throttle(() => void this.#updateLink(), options.linkIntervalMs ?? LINK_INTERVAL_MS);
    this.playback.on('advance', (event) => this.session.requestAdvance(event.timeMs));
    this.playback.on('step', () => void this.session.step());
  }

  get frame(): Frame | null {
    return this.session.frame;
  }

  get ready(): boolean {
    return this.session.status === 'ready';
  }

  /** Called with every accepted frame (the host bridge listens here). */
  subscribe(listener: FrameListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #onFrame(next: Frame, cause: FrameCause): void {
    if (cause === 'load' || cause === 'seek') this.#violationsSeen = next.violations.length;
    if (cause === 'load' || cause === 'step' || cause === 'seek' || (cause === 'advance' && next.limited)) {
      this.playback.send({ type: 'SYNC', timeMs: next.timeMs });
    } else {
      this.playback.send({ type: 'FRAME', timeMs: next.timeMs });
    }
    if (next.violations.length > this.#violationsSeen) {
      // Stop on the violating event itself, whatever the speed: the display time comes back to it.
      this.#violationsSeen = next.violations.length;
      // SYNC first: pausing asks for one last advance to the display time, which must be this moment.
      this.playback.send({ type: 'SYNC', timeMs: next.timeMs });
      this.playback.send({ type: 'PAUSE' });
    }
    this.furthestMs = cause === 'load' ? next.timeMs : Math.max(this.furthestMs, next.timeMs);
    for (const listener of this.#listeners) listener(next, cause);
    if (cause === 'advance' && this.playback.playing) this.#linkThrottle.request();
    else this.#linkThrottle.flush();
  }

  async #updateLink(): Promise<void> {
    const sequence = ++this.#linkSequence;
    const frame = this.session.frame;
    if (!frame) return;
    const scenario = await this.session.recorded();
    if (!scenario || sequence !== this.#linkSequence) return;
    const cursorMs = Math.min(MAX_TIME_MS, Math.max(0, Math.floor(frame.timeMs)));
    try {
      const query = encodeShareState({ scenario, cursorMs, view: this.#view() });
      this.shareQuery = query;
      this.linkTimeMs = cursorMs;
      this.#writeLink(query);
    } catch (error) {
      console.warn('Splitbrain could not update the link:', error);
    }
  }

  /** Rewrites the link now (after a change of view, e.g. the theme). */
  refreshLink(): void {
    this.#linkThrottle.flush();
  }

  /** The lab's default scenario for a seed and size. */
  async loadLab(lab: string, seed: number, nodes: number, options: LoadOptions = {}): Promise<boolean> {
    let scenario: Scenario;
    try {
      scenario = this.#scenarioFor(lab, seed, nodes);
    } catch (error) {
      const message = `Could not build the scenario: ${error instanceof Error ? error.message : String(error)}`;
      if (options.keepOnInvalid && this.ready) throw new Error(message);
      this.session.fail(message);
      return false;
    }
    if (scenario.lab !== lab) throw new Error(`The ${lab.toUpperCase()} lab is not available in this version yet.`);
    const broken = options.broken ?? (lab === this.lab ? this.broken : []);
    const traffic = options.traffic ?? (lab === this.lab ? this.traffic : true);
    return this.loadScenario(withTraffic(withRules(scenario, broken), traffic), options);
  }

  /** Turns the lab's default client traffic on or off: a new run of the same lab, seed and size. */
  async setTraffic(on: boolean): Promise<boolean> {
    if (on === this.traffic) return false;
    return this.loadLab(this.lab, this.seed, this.nodes, { traffic: on, keepOnInvalid: true });
  }

  /** Breaks (or restores) one of the lab's rules: a change of params is a new run of the same lab, seed and size. */
  async setRule(id: string, broken: boolean): Promise<boolean> {
    if (broken === this.broken.includes(id)) return false;
    const next = broken ? [...this.broken, id] : this.broken.filter((rule) => rule !== id);
    return this.loadLab(this.lab, this.seed, this.nodes, { broken: next, keepOnInvalid: true });
  }

  async loadScenario(scenario: Scenario, options: LoadOptions = {}): Promise<boolean> {
    const cursorMs = options.cursorMs ?? 0;
    if (cursorMs > 0) this.playback.send({ type: 'PAUSE' });
    // The lab's own script always happens; everything after it is a recording a fork may drop.
    const recordedFrom = this.#labScript(scenario).length;
    const loaded = await this.session.load(scenario, { keepOnInvalid: options.keepOnInvalid, recordedFrom });
    if (!loaded) return false;
    this.lab = scenario.lab;
    this.seed = scenario.seed;
    this.nodes = scenario.nodes;
    this.broken = rulesBroken(scenario);
    this.traffic = scenario.workload !== undefined;
    this.nextWriteValue = nextWriteValue(scenario.actions);
    if (cursorMs > 0) await this.session.seek(cursorMs);
    return true;
  }

  #labScript(scenario: Scenario): TimedAction[] {
    try {
      return this.#scenarioFor(scenario.lab, scenario.seed, scenario.nodes).actions;
    } catch {
      return [];
    }
  }

  /** Acts now; at a past moment this forks the run, and the link records the fork. */
  async inject(action: Action): Promise<boolean> {
    if (isClientWrite(action)) this.nextWriteValue += 1;
    const frame = this.session.frame;
    // The worker forks: user actions after this moment are dropped, and the link records that.
    if (frame && frame.timeMs < this.furthestMs) this.furthestMs = frame.timeMs;
    return this.session.inject(action);
  }

  play(): void {
    if (this.ready) this.playback.send({ type: 'PLAY' });
  }

  pause(): void {
    this.playback.send({ type: 'PAUSE' });
  }

  toggle(): void {
    if (this.ready) this.playback.send({ type: 'TOGGLE' });
  }

  step(): void {
    if (this.ready) this.playback.send({ type: 'STEP' });
  }

  /** Scrubbing and time jumps pause playback: the viewer is looking at one moment. */
  async seek(timeMs: number): Promise<void> {
    if (!this.ready) return;
    this.pause();
    await this.session.seek(Math.min(MAX_TIME_MS, Math.max(0, Math.round(timeMs))));
  }

  /** Nudges add up: pressing → five times quickly goes 500 ms forward, even before the worker answers. */
  async forward(byMs = NUDGE_MS): Promise<void> {
    const frame = this.session.frame;
    if (!frame || !this.ready) return;
    const from = this.#nudging > 0 ? this.#headingMs : Math.max(frame.timeMs, Math.floor(this.playback.displayTimeMs));
    await this.#nudge(Math.min(MAX_TIME_MS, from + byMs), (target) => this.session.advanceNow(target));
  }

  async back(byMs = NUDGE_MS): Promise<void> {
    const frame = this.session.frame;
    if (!frame || !this.ready) return;
    const from = this.#nudging > 0 ? this.#headingMs : frame.timeMs;
    await this.#nudge(Math.max(0, from - byMs), (target) => this.session.seek(target));
  }

  async #nudge(targetMs: number, go: (targetMs: number) => Promise<void>): Promise<void> {
    this.#headingMs = targetMs;
    this.#nudging++;
    try {
      this.pause();
      await go(targetMs);
    } finally {
      this.#nudging--;
    }
  }

  setSpeed(speed: number): void {
    this.playback.send({ type: 'SET_SPEED', speed });
    this.refreshLink();
  }

  dispose(): void {
    this.#linkThrottle.cancel();
    this.playback.stop();
    this.#terminate();
  }
}

/** The scenario without its workload when traffic is off (a default scenario brings the lab's). */
function withTraffic(scenario: Scenario, on: boolean): Scenario {
  if (on || scenario.workload === undefined) return scenario;
  const { workload: _off, ...quiet } = scenario;
  return quiet;
}

/** The ids of the lab's rules the scenario's params break. */
function rulesBroken(scenario: Scenario): string[] {
  const rules = findLab(scenario.lab)?.rules ?? [];
  return rules.filter((rule) => scenario.params?.[rule.param] === rule.value).map((rule) => rule.id);
}

/** The scenario with exactly the given rules broken (their params set, the others' removed). */
function withRules(scenario: Scenario, broken: readonly string[]): Scenario {
  const rules = findLab(scenario.lab)?.rules ?? [];
  const current = rulesBroken(scenario);
  if (current.length === broken.length && current.every((id) => broken.includes(id))) return scenario;
  const params = { ...scenario.params };
  for (const rule of rules) {
    if (broken.includes(rule.id)) params[rule.param] = rule.value;
    else if (params[rule.param] === rule.value) delete params[rule.param];
  }
  return { ...scenario, params };
}

/** After a run with writes x=1…x=4 the node menu offers x=5. */
export function nextWriteValue(actions: readonly TimedAction[]): number {
  let highest = 0;
  for (const action of actions) {
    if (action.do !== 'request' || action.op.f !== 'write' || action.op.key !== WRITE_KEY) continue;
    if (typeof action.op.value === 'number' && Number.isFinite(action.op.value)) highest = Math.max(highest, action.op.value);
  }
  return Math.floor(highest) + 1;
}
