// The lab's parameters as the actors read them, and the three settings a run may change while it
// goes on (randomised backoff, Multi-Paxos, the forgetful-acceptor rule). DOM-free.
import * as v from 'valibot';

/** What the side panel and the tour switch at run time (the `configure` lab action). */
export interface PaxosSettings {
  /** Randomised exponential backoff before a pre-empted proposer retries. */
  backoff: boolean;
  /** A stable leader runs phase 1 once for every later slot and then only phase 2. */
  multiPaxos: boolean;
  /** Broken rule: an acceptor keeps nothing on disk, so a restart forgets its promise and votes. */
  forgetOnRestart: boolean;
}

export interface PaxosTiming {
  /** How long a proposer gathers promises before phase 2 (it hears every live acceptor). */
  collectMs: number;
  /** How long it waits for a majority of Accepted before it tries again. */
  acceptTimeoutMs: number;
  /** Without backoff: the fixed wait before a retry. */
  retryMs: number;
  /** With backoff: the first retry waits up to this long, each later one up to twice as long. */
  backoffMs: number;
  /** A proposer's first attempt starts at a random moment up to this late. */
  startSpreadMs: number;
  /** Multi-Paxos: the leader's heartbeat, the silence after which others campaign, and the gap
   * between slots. */
  heartbeatMs: number;
  leaderTimeoutMs: number;
  intervalMs: number;
  /** Multi-Paxos: how many slots the log has. */
  slots: number;
}

export const DEFAULT_PARAMS = {
  proposers: 2,
  backoff: true,
  multiPaxos: false,
  forgetOnRestart: false,
  slots: 6,
  collectMs: 250,
  acceptTimeoutMs: 120,
  retryMs: 10,
  backoffMs: 100,
  startSpreadMs: 100,
  heartbeatMs: 100,
  leaderTimeoutMs: 400,
  intervalMs: 250,
} as const;

const ms = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));

export const PARAM_SCHEMAS = {
  proposers: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4)),
  backoff: v.boolean(),
  multiPaxos: v.boolean(),
  forgetOnRestart: v.boolean(),
  slots: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)),
  collectMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)),
  acceptTimeoutMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)),
  retryMs: ms(5000),
  backoffMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)),
  startSpreadMs: ms(5000),
  heartbeatMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)),
  leaderTimeoutMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20_000)),
  intervalMs: ms(5000),
};

function read<K extends keyof typeof DEFAULT_PARAMS>(params: Record<string, unknown>, key: K): (typeof DEFAULT_PARAMS)[K] {
  const value = params[key];
  return (typeof value === typeof DEFAULT_PARAMS[key] ? value : DEFAULT_PARAMS[key]) as (typeof DEFAULT_PARAMS)[K];
}

export function readSettings(params: Record<string, unknown>): PaxosSettings {
  return { backoff: read(params, 'backoff'), multiPaxos: read(params, 'multiPaxos'), forgetOnRestart: read(params, 'forgetOnRestart') };
}

export function readTiming(params: Record<string, unknown>): PaxosTiming {
  return {
    collectMs: read(params, 'collectMs'), acceptTimeoutMs: read(params, 'acceptTimeoutMs'), retryMs: read(params, 'retryMs'),
    backoffMs: read(params, 'backoffMs'), startSpreadMs: read(params, 'startSpreadMs'), heartbeatMs: read(params, 'heartbeatMs'),
    leaderTimeoutMs: read(params, 'leaderTimeoutMs'), intervalMs: read(params, 'intervalMs'), slots: read(params, 'slots'),
  };
}

export function proposerCount(params: Record<string, unknown> | undefined): number {
  return read(params ?? {}, 'proposers');
}

export function sameSettings(a: PaxosSettings, b: PaxosSettings): boolean {
  return a.backoff === b.backoff && a.multiPaxos === b.multiPaxos && a.forgetOnRestart === b.forgetOnRestart;
}
