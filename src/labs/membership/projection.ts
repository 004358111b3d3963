// What the lab adds to a frame, computed in the worker from engine state: each member's presence
// as the others see it, every crash's detection timeline (first suspicion, first declaration,
// every live member knowing), the false-positive checker's judgements, and the load per member.
import type { TraceEvent } from '../../engine/frame';
import { metricSum } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { declarationsIn, faultIntervals, isFalsePositive, judge, type Judgement } from './declarations';
import { currentSettings } from './configure';
import { readParams, type LiveSettings } from './settings';
import type { MemberState } from './state';

export type Presence = 'online' | 'away' | 'offline';

export interface MemberPresence {
  id: string;
  up: boolean;
  paused: boolean;
  incarnation: number | null;
  /** How the running others see it. */
  believedAlive: number;
  believedSuspect: number;
  believedDead: number;
  /** online: every running member believes it alive; offline: every one believes it dead. */
  presence: Presence;
}

export interface CrashTimeline {
  node: string;
  atMs: number;
  firstSuspectedMs: number | null;
  firstDeclaredMs: number | null;
  /** When the last running member came to believe it dead; null until all do. */
  allKnowMs: number | null;
  knownBy: number;
  of: number;
  restartedMs: number | null;
  /** The member's next crash, which starts a timeline of its own. */
  untilMs: number;
}

export interface MembershipView {
  settings: LiveSettings;
  periodMs: number;
  suspicionMs: number;
  members: MemberPresence[];
  crashes: CrashTimeline[];
  declarations: number;
  judged: Record<Judgement, number>;
  falsePositives: number;
  recentFalse: string[];
  /** The false-positive window: a declaration is justified by a fault this long before it. */
  windowMs: number;
  suspected: number;
  refuted: number;
  rejoined: number;
  joinRetries: number;
  indirectAcks: number;
  /** Messages sent per member in the last whole second. */
  loadPerMember: number;
}

const KEPT_CRASHES = 8;
const KEPT_SENTENCES = 5;

/** How long before a declaration a fault still justifies it: the longest silence a detector
 * waits for plus two periods (the failed probe's period, and one for the suspicion to spread). */
export function judgementWindowMs(params: Record<string, unknown>): number {
  const p = readParams(params);
  return Math.max(p.suspicionMs, p.heartbeatTimeoutMs) + 2 * p.periodMs;
}

function running(sim: Simulation): { id: string; state: MemberState }[] {
  return sim.snapshots.filter((s) => s.up && s.state !== null).map((s) => ({ id: s.id, state: s.state as MemberState }));
}

function presenceOf(sim: Simulation, live: { id: string; state: MemberState }[]): MemberPresence[] {
  return sim.snapshots.map((snapshot) => {
    const record = sim.world.nodes[snapshot.id];
    let alive = 0;
    let suspect = 0;
    let dead = 0;
    for (const other of live) {
      if (other.id === snapshot.id) continue;
      const status = other.state.view[snapshot.id]?.status;
      if (status === 'alive') alive++;
      else if (status === 'suspect') suspect++;
      else if (status === 'dead') dead++;
    }
    const others = alive + suspect + dead;
    const presence: Presence = alive === others ? 'online' : dead === others ? 'offline' : 'away';
    return {
      id: snapshot.id, up: snapshot.up, paused: record.pausedUntilMs !== null,
      incarnation: snapshot.state ? (snapshot.state as MemberState).incarnation : null,
      believedAlive: alive, believedSuspect: suspect, believedDead: dead, presence,
    };
  });
}

/** Updates a crash's timeline from the members' records of deaths; frozen once complete. Members
 * running now count: one that restarted since has forgotten, and counts as not knowing. */
function followCrash(timeline: CrashTimeline, live: { id: string; state: MemberState }[], notes: readonly TraceEvent[]): void {
  if (timeline.allKnowMs !== null) return;
  for (const note of notes) {
    if (note.timeMs < timeline.atMs || note.timeMs >= timeline.untilMs || note.data?.target !== timeline.node) continue;
    if (note.tag === 'suspected' && timeline.firstSuspectedMs === null) timeline.firstSuspectedMs = note.timeMs;
    if (note.tag === 'declared-dead' && timeline.firstDeclaredMs === null) timeline.firstDeclaredMs = note.timeMs;
  }
  const others = live.filter((m) => m.id !== timeline.node);
  let known = 0;
  let lastMs = timeline.atMs;
  for (const member of others) {
    const diedAt = member.state.deaths[timeline.node];
    if (diedAt === undefined || diedAt < timeline.atMs || diedAt >= timeline.untilMs) continue;
    known++;
    lastMs = Math.max(lastMs, diedAt);
  }
  timeline.knownBy = known;
  timeline.of = others.length;
  if (known === others.length && others.length > 0) timeline.allKnowMs = lastMs;
}

/** The projection for one session: remembers crash timelines and judgements between frames,
 * and starts over when time goes backwards (a seek or a fork). */
export function createMembershipProjection(): (sim: Simulation) => MembershipView {
  let lastTimeMs = -1;
  let lastNoteSeq = -1;
  let crashes = new Map<number, CrashTimeline>();
  let judged: Record<Judgement, number> = { crashed: 0, 'cut-off': 0, paused: 0, loss: 0 };
  let recentFalse: string[] = [];
  return (sim) => {
    const world = sim.world;
    if (world.timeMs < lastTimeMs) {
      lastNoteSeq = -1;
      crashes = new Map();
      judged = { crashed: 0, 'cut-off': 0, paused: 0, loss: 0 };
      recentFalse = [];
    }
    lastTimeMs = world.timeMs;
    const live = running(sim);
    const notes = world.trace.notable.filter((event) => event.seq > lastNoteSeq);
    const windowMs = judgementWindowMs(world.config.params);
    const intervals = faultIntervals(world.trace.faults);
    for (const declaration of declarationsIn(notes)) {
      const verdict = judge(declaration, intervals, windowMs);
      judged[verdict.judgement]++;
      if (isFalsePositive(verdict.judgement)) recentFalse = [...recentFalse, verdict.sentence].slice(-KEPT_SENTENCES);
    }
    for (const fault of notes) {
      if (fault.kind === 'crash' && fault.node) {
        for (const timeline of crashes.values()) if (timeline.node === fault.node && timeline.untilMs === Infinity) timeline.untilMs = fault.timeMs;
        crashes.set(fault.seq, { node: fault.node, atMs: fault.timeMs, firstSuspectedMs: null, firstDeclaredMs: null, allKnowMs: null, knownBy: 0, of: 0, restartedMs: null, untilMs: Infinity });
      }
      if (fault.kind === 'restart' && fault.node) {
        for (const timeline of crashes.values()) if (timeline.node === fault.node && timeline.restartedMs === null) timeline.restartedMs = fault.timeMs;
      }
    }
    for (const timeline of crashes.values()) followCrash(timeline, live, notes);
    while (crashes.size > KEPT_CRASHES) crashes.delete(crashes.keys().next().value as number);
    if (notes.length > 0) lastNoteSeq = notes[notes.length - 1].seq;
    const params = readParams(world.config.params);
    const second = Math.floor(world.timeMs / 1000);
    const marks = world.marks;
    return {
      settings: currentSettings(sim),
      periodMs: params.periodMs,
      suspicionMs: params.suspicionMs,
      members: presenceOf(sim, live),
      crashes: [...crashes.values()].map((timeline) => ({ ...timeline, untilMs: Number.isFinite(timeline.untilMs) ? timeline.untilMs : -1 })),
      declarations: judged.crashed + judged['cut-off'] + judged.paused + judged.loss,
      judged: { ...judged },
      falsePositives: judged.paused + judged.loss,
      recentFalse,
      windowMs,
      suspected: marks.suspected ?? 0,
      refuted: marks.refuted ?? 0,
      rejoined: marks.rejoined ?? 0,
      joinRetries: marks['join-retry'] ?? 0,
      indirectAcks: marks['indirect-ack'] ?? 0,
      loadPerMember: second >= 1 ? Math.round(metricSum(world.metrics, 'load', second - 1, second) * 100) / 100 : 0,
    };
  };
}
