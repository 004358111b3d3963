// The contract between the page and the simulation worker. Every value is plain data.
import type { Action } from '../engine/actions';
import type { Frame } from '../engine/frame';
import type { Scenario } from '../scenarios/scenario';
import type { FrameCursor, FramePatch } from './frame-delta';
import type { ImportAnswer } from './import-check';

export interface ValidationIssue {
  /** Stable code, e.g. "nodes.range" or "actions.3.node.unknown". */
  code: string;
  path: string;
  message: string;
}

export type LoadResult = { ok: true; frame: Frame } | { ok: false; issues: ValidationIssue[] };
export type InjectResult = { ok: true; frame: Frame } | { ok: false; error: string; frame: Frame };

export interface LoadOptions {
  /** Actions from this index on count as the user's own (a shared run's recording): acting
   * before them forks them away. Earlier ones are the lab's script and always happen.
   * Default: all actions are the script. */
  recordedFrom?: number;
}

export interface SimulationApi {
  /** Validate and start a scenario; never throws. */
  load(scenario: unknown, options?: LoadOptions): LoadResult;
  /** Run every event up to timeMs (bounded work: may stop earlier, see frame.limited). */
  advanceTo(timeMs: number): Frame;
  /** Run up to and including the next moment at which something happens. */
  step(): Frame;
  /** Move to any past or future virtual time (checkpoint + replay). */
  seek(timeMs: number): Frame;
  /** Apply a user action now; recorded so the run stays replayable. Acting in the past forks. */
  inject(action: Action): InjectResult;
  frame(): Frame;
  /** The scenario with every recorded user action: what a share link or export holds. */
  recorded(): Scenario;
  /** Reads an imported file: a scenario to load, or a history with the checkers' verdicts. */
  readImport(filename: string, text: string): ImportAnswer;
}

/** A call that answers with a frame, as the page makes it when it wants a patch instead. */
export type FrameRequest =
  | { do: 'advanceTo'; timeMs: number }
  | { do: 'step' }
  | { do: 'seek'; timeMs: number }
  | { do: 'inject'; action: Action }
  | { do: 'frame' };

/** The answer: the frame as a patch on what the page holds, and an injected action's refusal. */
export interface PatchReply {
  patch: FramePatch;
  /** Set when an injected action was refused (the patch is the unchanged run's frame). */
  error?: string;
}

/** What the worker adds for the page (src/worker/delta-client.ts): the same calls, each answered
 * with only what changed since the frame the page holds (see frame-delta.ts). */
export interface FramePatchApi {
  /** Runs `request` and answers with its frame as a patch on `since`; never throws. */
  patched(request: FrameRequest, since: FrameCursor): PatchReply;
}
