// Primary-backup's parameters, read from a scenario's params with defaults, and their schemas.
import * as v from 'valibot';
import type { Failover, ReadTarget, ReplicationMode } from './types';

export interface PrimaryBackupParams {
  mode: ReplicationMode;
  reads: ReadTarget;
  failover: Failover;
  /** Epochs checked and leases honoured; off, an old primary keeps accepting writes. */
  fencing: boolean;
  heartbeatMs: number;
  /** Auto failover: a follower that has not heard from the primary for this long runs. */
  electionTimeoutMs: [number, number];
  /** How long a primary may act on a majority's last answer, and a follower's promise lasts. */
  leaseMs: number;
  /** How long a follower takes to apply what it received (its reads lag by this much). */
  applyDelayMs: [number, number];
}

export const PRIMARY_BACKUP_DEFAULTS: PrimaryBackupParams = {
  mode: 'async',
  reads: 'primary',
  failover: 'auto',
  fencing: true,
  heartbeatMs: 50,
  electionTimeoutMs: [300, 500],
  leaseMs: 200,
  applyDelayMs: [50, 500],
};

export const MODES = ['async', 'semi-sync', 'sync'] as const;
export const READ_TARGETS = ['primary', 'followers'] as const;
export const FAILOVERS = ['manual', 'auto'] as const;

const ms = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000));
const range = v.pipe(v.tuple([ms, ms]), v.check(([low, high]) => low <= high, 'the first number must not exceed the second'));

export const primaryBackupParamSchemas: Record<string, v.GenericSchema> = {
  mode: v.picklist(MODES),
  reads: v.picklist(READ_TARGETS),
  failover: v.picklist(FAILOVERS),
  fencing: v.boolean(),
  heartbeatMs: ms,
  electionTimeoutMs: range,
  leaseMs: ms,
  applyDelayMs: range,
};

const parsed = new WeakMap<object, PrimaryBackupParams>();

function pick<T>(value: unknown, ok: (value: unknown) => boolean, fallback: T): T {
  return ok(value) ? (value as T) : fallback;
}

const isMs = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value > 0;
const isRange = (value: unknown) => Array.isArray(value) && value.length === 2 && isMs(value[0]) && isMs(value[1]) && value[0] <= value[1];

/** The params with defaults filled in (cached per params object: handlers read them often). */
export function primaryBackupParams(params: Record<string, unknown>): PrimaryBackupParams {
  let result = parsed.get(params);
  if (!result) {
    const d = PRIMARY_BACKUP_DEFAULTS;
    result = {
      mode: pick(params.mode, (x) => (MODES as readonly unknown[]).includes(x), d.mode),
      reads: pick(params.reads, (x) => (READ_TARGETS as readonly unknown[]).includes(x), d.reads),
      failover: pick(params.failover, (x) => (FAILOVERS as readonly unknown[]).includes(x), d.failover),
      fencing: pick(params.fencing, (x) => typeof x === 'boolean', d.fencing),
      heartbeatMs: pick(params.heartbeatMs, isMs, d.heartbeatMs),
      electionTimeoutMs: pick(params.electionTimeoutMs, isRange, d.electionTimeoutMs),
      leaseMs: pick(params.leaseMs, isMs, d.leaseMs),
      applyDelayMs: pick(params.applyDelayMs, isRange, d.applyDelayMs),
    };
    parsed.set(params, result);
  }
  return result;
}
