// `cli experiment swim`: crash one random member at a random moment of a running group and time,
// in protocol periods, the first probe of it, its first suspicion (the first failed probe), the
// first declaration of its death and the moment every running member knows — each trial a real
// run of the lab's member protocol in the engine. Also counts false positives (declarations of
// members that never crashed) and the messages each member sends per second.
import { Prng } from '../../engine/prng';
import { metricTotal } from '../../engine/metrics';
import { Simulation } from '../../engine/simulation';
import type { ActorSystem } from '../../engine/system';
import type { WorldConfig } from '../../engine/world';
import type { ExperimentSpec } from '../define-lab';
import { membershipInvariants } from './invariants';
import { MEMBER_ROLE, memberProtocol } from './protocol';
import { DETECTORS, MEMBERSHIP_DEFAULTS, PROBE_ORDERS, type Detector, type ProbeOrder } from './settings';
import type { MemberState } from './state';

/** SWIM's expected first-detection time with uniform random targets and no loss, for large N. */
export const PAPER_FIRST_DETECTION_PERIODS = Math.E / (Math.E - 1);

const SYSTEM: ActorSystem = { protocols: { [MEMBER_ROLE]: memberProtocol }, serverRole: MEMBER_ROLE, invariants: membershipInvariants };
/** Periods the group runs before the crash, so every member is mid-rhythm. */
const WARMUP_PERIODS = 4;
/** A trial gives up when not every member knows after this many periods. */
const LIMIT_PERIODS = 60;
const POLL_MS = 5;

export interface TrialOptions {
  members: number;
  detector: Detector;
  probeOrder: ProbeOrder;
  suspicion: boolean;
  loss: number;
}

export interface TrialResult {
  victim: string;
  /** Periods from the crash; null when it did not happen within the limit. */
  firstProbe: number | null;
  firstSuspicion: number | null;
  firstDetection: number | null;
  allKnow: number | null;
  /** Live members declared dead: distinct (member, incarnation) pairs, however many declared it. */
  falsePositives: number;
  /** Every declaration of a live member (under suspicion, several members may each declare one). */
  falseDeclarations: number;
  messagesPerMemberPerSec: number;
}

function config(options: TrialOptions, seed: number): WorldConfig {
  return {
    lab: 'membership', seed,
    actors: Array.from({ length: options.members }, (_, i) => ({ id: `n${i + 1}`, role: MEMBER_ROLE })),
    params: { ...MEMBERSHIP_DEFAULTS, detector: options.detector, probeOrder: options.probeOrder, suspicion: options.suspicion },
    network: { latencyMs: [5, 30], drop: options.loss, duplicate: 0 },
  };
}

export function runTrial(options: TrialOptions, seed: number): TrialResult {
  const periodMs = MEMBERSHIP_DEFAULTS.periodMs;
  const draw = Prng.fromSeed(seed, 'membership-experiment');
  const victim = `n${1 + draw.int(options.members)}`;
  const crashAt = WARMUP_PERIODS * periodMs + draw.int(periodMs);
  const sim = Simulation.create(SYSTEM, config(options, seed), [{ at: crashAt, do: 'crash', node: victim }]);
  sim.runUntil(crashAt, Infinity, false);
  const members = () => sim.snapshots.filter((s) => s.up && s.state !== null && s.id !== victim).map((s) => s.state as MemberState);
  const seqAtCrash = new Map(sim.snapshots.map((s) => [s.id, (s.state as MemberState | null)?.seq ?? 0]));
  const periods = (ms: number) => (ms - crashAt) / periodMs;
  const result: TrialResult = { victim, firstProbe: null, firstSuspicion: null, firstDetection: null, allKnow: null, falsePositives: 0, falseDeclarations: 0, messagesPerMemberPerSec: 0 };
  // Declarations are read from the notable events as they come, so none is missed when the ring turns over.
  let seenSeq = -1;
  const wronglyDead = new Set<string>();
  const countFalse = () => {
    const fresh = sim.world.trace.notable.filter((event) => event.seq > seenSeq);
    if (fresh.length > 0) seenSeq = fresh[fresh.length - 1].seq;
    for (const event of fresh) {
      if (event.tag !== 'declared-dead' || event.data?.target === victim) continue;
      result.falseDeclarations++;
      wronglyDead.add(`${String(event.data?.target)}@${String(event.data?.incarnation)}`);
    }
    result.falsePositives = wronglyDead.size;
  };
  countFalse();
  for (let now = crashAt; now <= crashAt + LIMIT_PERIODS * periodMs && result.allKnow === null; now += POLL_MS) {
    sim.runUntil(now, Infinity, false);
    countFalse();
    const live = sim.snapshots.filter((s) => s.up && s.state !== null && s.id !== victim);
    let knowing = 0;
    for (const snapshot of live) {
      const state = snapshot.state as MemberState;
      const status = state.view[victim]?.status;
      if (result.firstProbe === null && state.probe?.target === victim && state.probe.seq > (seqAtCrash.get(snapshot.id) ?? 0)) result.firstProbe = periods(now);
      if (result.firstSuspicion === null && status !== 'alive') result.firstSuspicion = periods(now);
      if (result.firstDetection === null && status === 'dead') result.firstDetection = periods(now);
      if (status === 'dead') knowing++;
    }
    if (knowing === members().length) result.allKnow = periods(now);
  }
  result.messagesPerMemberPerSec = metricTotal(sim.world.metrics, 'load', 'rate') / (sim.world.timeMs / 1000);
  return result;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : round(present.reduce((a, b) => a + b, 0) / present.length);
}

export function summarize(options: TrialOptions, trials: number): Record<string, unknown> {
  const results = Array.from({ length: trials }, (_, i) => runTrial(options, i + 1));
  return {
    members: options.members,
    trials,
    detector: options.detector,
    probeOrder: options.probeOrder,
    suspicion: options.suspicion,
    loss: options.loss,
    meanFirstProbePeriods: options.detector === 'swim' ? mean(results.map((r) => r.firstProbe)) : null,
    meanFirstSuspicionPeriods: mean(results.map((r) => r.firstSuspicion)),
    meanFirstDetectionPeriods: mean(results.map((r) => r.firstDetection)),
    meanAllKnowPeriods: mean(results.map((r) => r.allKnow)),
    paperFirstDetectionPeriods: round(PAPER_FIRST_DETECTION_PERIODS),
    neverAllKnew: results.filter((r) => r.allKnow === null).length,
    falsePositives: results.reduce((sum, r) => sum + r.falsePositives, 0),
    falseDeclarations: results.reduce((sum, r) => sum + r.falseDeclarations, 0),
    messagesPerMemberPerSec: mean(results.map((r) => r.messagesPerMemberPerSec)),
  };
}

function integer(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`expected a whole number from ${min} to ${max}, got "${text}"`);
    return value;
  };
}

function list<T>(parse: (text: string) => T) {
  return (text: string): T[] => {
    const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (items.length === 0) throw new Error('expected a comma-separated list');
    return items.map(parse);
  };
}

function oneOf<T extends string>(known: readonly T[]) {
  return (text: string): T => {
    if (!(known as readonly string[]).includes(text)) throw new Error(`expected one of ${known.join(', ')}, got "${text}"`);
    return text as T;
  };
}

function ratio(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 0.5) throw new Error(`expected a loss ratio from 0 to 0.5, got "${text}"`);
  return value;
}

export const swimExperiment: ExperimentSpec = {
  description: 'Crash one random member at a random moment: periods to the first probe, first suspicion, first declaration and until every member knows; false positives; messages per member per second (SWIM against all-to-all heartbeats)',
  options: {
    members: { description: 'group sizes, comma-separated (8–64)', default: '32', parse: list(integer(8, 64)) },
    trials: { description: 'trials per row', default: '200', parse: integer(1, 10_000) },
    detector: { description: `detectors, comma-separated (${DETECTORS.join(', ')})`, default: 'swim', parse: list(oneOf(DETECTORS)) },
    order: { description: `probe target order (${PROBE_ORDERS.join(', ')})`, default: 'round-robin', parse: oneOf(PROBE_ORDERS) },
    suspicion: { description: 'suspicion before death (on, off)', default: 'on', parse: (text) => oneOf(['on', 'off'] as const)(text) === 'on' },
    loss: { description: 'message loss ratio', default: '0', parse: ratio },
  },
  run(options, print) {
    for (const detector of options.detector as Detector[]) {
      for (const members of options.members as number[]) {
        const trial: TrialOptions = { members, detector, probeOrder: options.order as ProbeOrder, suspicion: options.suspicion as boolean, loss: options.loss as number };
        print(summarize(trial, options.trials as number));
      }
    }
  },
};
