// The register's own tunables from the scenario's params (Raft's are read by raft/params).
import type { RangeMs } from '../../engine/types';
import type { Mode, RegisterParams } from './types';

const DEFAULTS: RegisterParams = { mode: 'cp', antiEntropyMs: 150 };

const parsed = new WeakMap<Record<string, unknown>, RegisterParams>();

export function isMode(value: unknown): value is Mode {
  return value === 'cp' || value === 'ap';
}

/** Parsed once per params object (the engine passes the same one on every call). */
export function registerParams(params: Record<string, unknown>): RegisterParams {
  let result = parsed.get(params);
  if (result === undefined) {
    const ms = params.antiEntropyMs;
    result = {
      mode: isMode(params.mode) ? params.mode : DEFAULTS.mode,
      antiEntropyMs: typeof ms === 'number' && Number.isInteger(ms) && ms > 0 ? ms : DEFAULTS.antiEntropyMs,
    };
    parsed.set(params, result);
  }
  return result;
}

/** Anti-entropy rounds every antiEntropyMs plus up to half of it, so nodes do not gossip in step. */
export function antiEntropyRange(params: RegisterParams): RangeMs {
  return { minMs: params.antiEntropyMs, maxMs: params.antiEntropyMs + Math.floor(params.antiEntropyMs / 2) };
}
