// The quorum settings from a run's params, clamped to what the cluster can do (N ≤ servers,
// W and R ≤ N), so every server and the lab's panels agree on the effective values.
import type { QuorumConfig, Versioning } from './types';

export const DEFAULT_QUORUM: QuorumConfig = {
  n: 3, w: 2, r: 2, versioning: 'lww', readRepair: true, hintedHandoff: true, sloppyQuorum: true, antiEntropy: true,
};

/** Timing of the protocol's own timers, in virtual ms. */
export const TIMING = {
  /** A coordinator gives up on a request after this long (reads fail; writes stay unknown). */
  requestTimeoutMs: 500,
  /** Replicas silent this long are presumed down: hints and fallbacks start (§4.6). */
  presumeDownMs: 80,
  /** How often a node tries to hand its hints off (real systems take seconds to notice a node is back). */
  handoffMs: { minMs: 2000, maxMs: 3000 },
  /** How often a node compares a key range with a peer. */
  antiEntropyMs: { minMs: 600, maxMs: 1000 },
} as const;

const FLAGS = ['readRepair', 'hintedHandoff', 'sloppyQuorum', 'antiEntropy'] as const;

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
}

/** Settings from params (missing or malformed fields keep the defaults), clamped to `servers`. */
export function readQuorumConfig(params: Record<string, unknown>, servers: number): QuorumConfig {
  const versioning: Versioning = params.versioning === 'vv' ? 'vv' : 'lww';
  const config: QuorumConfig = { ...DEFAULT_QUORUM, n: count(params.n, DEFAULT_QUORUM.n), w: count(params.w, DEFAULT_QUORUM.w), r: count(params.r, DEFAULT_QUORUM.r), versioning };
  for (const flag of FLAGS) if (typeof params[flag] === 'boolean') config[flag] = params[flag] as boolean;
  return clampConfig(config, servers);
}

export function clampConfig(config: QuorumConfig, servers: number): QuorumConfig {
  const n = Math.max(1, Math.min(config.n, servers));
  return { ...config, n, w: Math.max(1, Math.min(config.w, n)), r: Math.max(1, Math.min(config.r, n)) };
}

/** True when every read quorum meets every write quorum (W + R > N), strictly counted. */
export function quorumsOverlap(config: Pick<QuorumConfig, 'n' | 'w' | 'r'>): boolean {
  return config.w + config.r > config.n;
}
