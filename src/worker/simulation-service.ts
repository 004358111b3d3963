// The simulation behind the worker boundary, as a plain class so Node tests can drive it
// directly or over a MessageChannel. Every method returns plain data and never throws.
import type { Action } from '../engine/actions';
import { buildFrame } from '../engine/frame-builder';
import type { Frame } from '../engine/frame';
import { Session } from '../engine/session';
import type { LabDefinition } from '../labs/define-lab';
import { DEFAULT_LAB_ID, labById, LAB_IDS } from '../labs/registry';
import { defaultScenario, toWorldConfig } from '../scenarios/catalog';
import type { Scenario } from '../scenarios/scenario';
import { MAX_TIME_MS, validateScenario } from '../scenarios/validate';
import type { FramePatchApi, FrameRequest, InjectResult, LoadOptions, LoadResult, PatchReply, SimulationApi } from './api';
import { makeDelta, readCursor, worldEpoch } from './frame-delta';
import { readImport, type ImportAnswer } from './import-check';

/** Work per call is bounded so the worker always answers promptly (DESIGN §1.8). */
export const MAX_EVENTS_PER_ADVANCE = 200_000;

export class SimulationService implements SimulationApi, FramePatchApi {
  private session: Session | null = null;
  private scenario: Scenario | null = null;
  private lab: LabDefinition | null = null;
  private projection: ((sim: Session['simulation']) => unknown) | null = null;

  load(input: unknown, options: LoadOptions = {}): LoadResult {
    const result = validateScenario(input, LAB_IDS);
    if (!result.ok) return { ok: false, issues: result.issues };
    try {
      const actions = result.scenario.actions;
      const from = Number.isFinite(options.recordedFrom) ? Math.floor(options.recordedFrom!) : actions.length;
      const split = Math.max(0, Math.min(actions.length, from));
      const lab = labById(result.scenario.lab);
      const scenario = { ...result.scenario, actions: actions.slice(0, split) };
      // Built aside first: an engine that throws here leaves the previous run whole.
      const session = new Session(lab.system, toWorldConfig(result.scenario), scenario.actions, { recorded: actions.slice(split) });
      const projection = lab.createProjection?.() ?? null;
      this.scenario = scenario;
      this.session = session;
      this.lab = lab;
      this.projection = projection;
      return { ok: true, frame: this.frame() };
    } catch (error) {
      return { ok: false, issues: [{ code: 'engine.error', path: '', message: errorMessage(error) }] };
    }
  }

  /** Runs towards `timeMs`, never past the time limit (a frame says so when it is reached). */
  advanceTo(timeMs: number): Frame {
    const session = this.requireSession();
    const target = Math.min(MAX_TIME_MS, Math.floor(timeMs));
    if (Number.isFinite(timeMs) && target > session.timeMs) this.guard(() => session.advanceTo(target, MAX_EVENTS_PER_ADVANCE));
    const frame = this.frame();
    if (frame.timeMs >= MAX_TIME_MS && frame.limited === null) frame.limited = `reached the ${MAX_TIME_MS / 3_600_000} h limit of a run`;
    return frame;
  }

  step(): Frame {
    const session = this.requireSession();
    const next = session.simulation.nextMomentMs();
    if (next !== null) this.guard(() => session.advanceTo(Math.max(next, session.timeMs), MAX_EVENTS_PER_ADVANCE));
    return this.frame();
  }

  /** Moves towards `timeMs`, at most MAX_EVENTS_PER_ADVANCE events per call: a frame with
   * `seekingToMs` set asks the caller to call again (and show progress meanwhile). */
  seek(timeMs: number): Frame {
    const session = this.requireSession();
    if (!Number.isFinite(timeMs)) return this.frame();
    const target = Math.min(MAX_TIME_MS, Math.max(0, Math.floor(timeMs)));
    let reason: string | undefined;
    this.guard(() => (reason = session.seek(target, MAX_EVENTS_PER_ADVANCE)));
    if (reason !== 'limit') return this.frame();
    // Part way through a long seek: the live checks wait for the moment it arrives at.
    const frame = this.frame(false);
    frame.seekingToMs = target;
    return frame;
  }

  inject(action: Action): InjectResult {
    const session = this.requireSession();
    const checked = validateScenario({ ...this.scenario!, actions: [{ ...action, at: 0 }] }, LAB_IDS);
    if (!checked.ok) return { ok: false, error: checked.issues.map((issue) => issue.message).join('; '), frame: this.frame() };
    const { at: _at, ...clean } = checked.scenario.actions[0];
    const error = this.guard(() => session.inject(clean as Action));
    return error ? { ok: false, error, frame: this.frame() } : { ok: true, frame: this.frame() };
  }

  /** The current frame; `withLabView` false leaves out the lab's projection (its live checks). */
  frame(withLabView = true): Frame {
    const session = this.requireSession();
    const simulation = session.simulation;
    const frame = buildFrame(simulation, this.lab!.describeMessage);
    frame.footprint = session.footprint();
    if (this.projection && withLabView) frame.labView = this.projection(simulation);
    return frame;
  }

  /** Any frame call, answered with only what changed since the frame the page holds (`since`):
   * a full patch when the page holds nothing of this world (see frame-delta.ts). */
  patched(request: FrameRequest, since: unknown): PatchReply {
    let frame: Frame;
    let error: string | undefined;
    switch (request?.do) {
      case 'advanceTo': frame = this.advanceTo(request.timeMs); break;
      case 'step': frame = this.step(); break;
      case 'seek': frame = this.seek(request.timeMs); break;
      case 'inject': {
        const result = this.inject(request.action);
        frame = result.frame;
        if (!result.ok) error = result.error;
        break;
      }
      default: frame = this.frame();
    }
    const world = this.session!.simulation.world;
    const patch = makeDelta(frame, { epoch: worldEpoch(world), historyDropped: world.historyDropped }, readCursor(since));
    return error === undefined ? { patch } : { patch, error };
  }

  readImport(filename: string, text: string): ImportAnswer {
    try {
      return readImport(String(filename), String(text));
    } catch (error) {
      return { kind: 'error', issues: [`${filename} could not be read: ${errorMessage(error)}`] };
    }
  }

  recorded(): Scenario {
    const session = this.requireSession();
    return { ...this.scenario!, actions: [...this.scenario!.actions, ...session.recordedActions()] };
  }

  private requireSession(): Session {
    if (!this.session) this.load(defaultScenario(DEFAULT_LAB_ID, 1));
    return this.session!;
  }

  /** An engine bug becomes a recorded message on the frame, never a dead worker. */
  private guard(run: () => unknown): string | null {
    try {
      run();
      return null;
    } catch (error) {
      const message = errorMessage(error);
      this.session!.simulation.world.limited = `engine error: ${message}`;
      return message;
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
