// The lab's parameters as the protocol reads them, and the placement settings an operator may
// change while a run goes on (scheme, virtual nodes, replicas, the clients' key choice).
import type { Scheme } from './placement';

export type Access = 'uniform' | 'zipf' | 'hot';
export const ACCESS_PATTERNS: readonly Access[] = ['uniform', 'zipf', 'hot'];

/** What decides where keys live and which keys clients ask for; changed by `configure`. */
export interface PlacementSettings {
  scheme: Scheme;
  /** Tokens per member on the ring (ignored by the other schemes). */
  vnodes: number;
  /** Replicas per key: the first R distinct members of its preference list. */
  replicas: number;
  access: Access;
}

export interface HashingParams extends PlacementSettings {
  /** Keys stored, k1…kK. */
  keys: number;
  /** The last `spares` nodes start outside the ring. */
  spares: number;
  /** When the spares join on their own (0: only when added). */
  joinAtMs: number;
  /** Client requests per second, per client. */
  rate: number;
}

export const HASHING_DEFAULTS: HashingParams = {
  scheme: 'ring', vnodes: 8, replicas: 1, access: 'uniform', keys: 200, spares: 1, joinAtMs: 1500, rate: 20,
};

export const LIMITS = { vnodes: 100, replicas: 5, keys: 1000, spares: 8, rate: 200 } as const;

export function readParams(params: Record<string, unknown>): HashingParams {
  const read = <K extends keyof HashingParams>(key: K): HashingParams[K] =>
    (params[key] !== undefined && typeof params[key] === typeof HASHING_DEFAULTS[key] ? params[key] : HASHING_DEFAULTS[key]) as HashingParams[K];
  return {
    scheme: read('scheme'), vnodes: read('vnodes'), replicas: read('replicas'), access: read('access'),
    keys: read('keys'), spares: read('spares'), joinAtMs: read('joinAtMs'), rate: read('rate'),
  };
}

export function placementSettings(params: HashingParams): PlacementSettings {
  return { scheme: params.scheme, vnodes: params.vnodes, replicas: params.replicas, access: params.access };
}

/** How many of `nodes` start outside the ring: at most all but two, so a ring always has a pair. */
export function spareCount(params: HashingParams, nodes: number): number {
  return Math.max(0, Math.min(params.spares, nodes - 2));
}

export function sameSettings(a: PlacementSettings, b: PlacementSettings): boolean {
  return a.scheme === b.scheme && a.vnodes === b.vnodes && a.replicas === b.replicas && a.access === b.access;
}

export function describeSettings(settings: PlacementSettings): string {
  const scheme = settings.scheme === 'ring' ? `a ring with ${settings.vnodes} token${settings.vnodes === 1 ? '' : 's'} per node`
    : settings.scheme === 'mod' ? 'hash mod N'
      : settings.scheme === 'rendezvous' ? 'rendezvous hashing' : 'jump consistent hash';
  return `${scheme}, ${settings.replicas} replica${settings.replicas === 1 ? '' : 's'} per key, ${settings.access} requests`;
}
