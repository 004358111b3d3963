// Raft's tunables from the scenario's params, with the paper's usual defaults (Raft §9.3).
import type { RangeMs } from '../../engine/types';
import type { RaftParams, ReadMode } from './types';

const DEFAULTS: RaftParams = { electionTimeoutMs: [150, 300], heartbeatMs: 50, maxEntriesPerAppend: 16, bug: null, preVote: false, reads: 'log', snapshotEvery: 0 };

export const READ_MODES: readonly ReadMode[] = ['log', 'read-index', 'lease'];

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

const parsed = new WeakMap<Record<string, unknown>, RaftParams>();

/** Parsed once per params object (the engine passes the same one on every call). */
export function raftParams(params: Record<string, unknown>): RaftParams {
  let result = parsed.get(params);
  if (result === undefined) {
    result = parseParams(params);
    parsed.set(params, result);
  }
  return result;
}

function parseParams(params: Record<string, unknown>): RaftParams {
  const range = params.electionTimeoutMs;
  let electionTimeoutMs = DEFAULTS.electionTimeoutMs;
  if (Array.isArray(range) && range.length === 2) {
    const low = positiveInteger(range[0], 0);
    const high = positiveInteger(range[1], 0);
    if (low > 0 && high >= low) electionTimeoutMs = [low, high];
  }
  return {
    electionTimeoutMs,
    heartbeatMs: positiveInteger(params.heartbeatMs, DEFAULTS.heartbeatMs),
    maxEntriesPerAppend: positiveInteger(params.maxEntriesPerAppend, DEFAULTS.maxEntriesPerAppend),
    bug: params.bug === 'vote-twice' ? 'vote-twice' : null,
    preVote: params.preVote === true,
    reads: READ_MODES.find((mode) => mode === params.reads) ?? DEFAULTS.reads,
    snapshotEvery: positiveInteger(params.snapshotEvery, DEFAULTS.snapshotEvery),
  };
}

export function electionRange(params: RaftParams): RangeMs {
  return { minMs: params.electionTimeoutMs[0], maxMs: params.electionTimeoutMs[1] };
}

export function heartbeatRange(params: RaftParams): RangeMs {
  return { minMs: params.heartbeatMs, maxMs: params.heartbeatMs };
}

/** The minimum election timeout: how long a follower that has just heard from its leader waits
 * at least before it stands (Raft §5.2), the bound pre-vote and leases rely on. */
export function minElectionMs(params: RaftParams): number {
  return params.electionTimeoutMs[0];
}

/** Thesis §6.4.1: a lease shorter than the minimum election timeout, leaving a tenth of it as the
 * margin for clock drift. */
export function leaseMs(params: RaftParams): number {
  return minElectionMs(params) - Math.floor(minElectionMs(params) / 10);
}
