// The locks lab's settings: which lock service the clients use, whether the storage checks
// fencing tokens, how long a lease lasts and how long a client works between its read and its
// write. Scenario params give the first ones; the `configure` lab action changes them during a
// run, and every actor holds the settings it was last handed (a restarted one is handed them
// again), so a protocol never reads anything but its own state and context.
import * as v from 'valibot';

export type LockService = 'single' | 'redlock';

export interface LocksSettings {
  service: LockService;
  /** The storage rejects a request whose token is lower than the highest it has seen. */
  fencing: boolean;
  /** How long a lease lasts on the lock node's own clock. */
  leaseMs: number;
  /** A client's work between reading the counter and writing it back (where a pause hurts). */
  workMs: number;
}

export const SETTINGS_DEFAULTS: LocksSettings = { service: 'single', fencing: true, leaseMs: 500, workMs: 100 };

const ms = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const SETTINGS_SCHEMA = {
  service: v.picklist(['single', 'redlock']),
  fencing: v.boolean(),
  leaseMs: ms(100, 10_000),
  workMs: ms(1, 5000),
};

/** The settings a scenario's params mean (missing or malformed ones fall back to the defaults). */
export function settingsFrom(params: Record<string, unknown>): LocksSettings {
  const pick = <K extends keyof LocksSettings>(key: K): LocksSettings[K] =>
    v.safeParse(SETTINGS_SCHEMA[key], params[key]).success ? (params[key] as LocksSettings[K]) : SETTINGS_DEFAULTS[key];
  return { service: pick('service'), fencing: pick('fencing'), leaseMs: pick('leaseMs'), workMs: pick('workMs') };
}

/** Whether lock nodes keep their leases and token counters across a crash (a rule may break it). */
export function durableLocks(params: Record<string, unknown>): boolean {
  return params.durableLocks !== false;
}

/** The lock nodes a client asks: the first alone, or every one of them for Redlock. */
export function lockTargets(settings: LocksSettings, lockNodes: readonly string[]): string[] {
  return settings.service === 'single' ? lockNodes.slice(0, 1) : lockNodes.slice();
}

/** Redlock's majority of the lock nodes it asks. */
export function majorityOf(count: number): number {
  return Math.floor(count / 2) + 1;
}

/** Redlock's allowance for clock drift: 1% of the lease plus 2 ms. */
export function driftMs(leaseMs: number): number {
  return Math.floor(leaseMs / 100) + 2;
}

export function describeSettings(settings: LocksSettings): string {
  return `${settings.service === 'single' ? 'one lock node' : 'Redlock over every lock node'}, fencing ${settings.fencing ? 'on' : 'off'}, lease ${settings.leaseMs} ms, work ${settings.workMs} ms`;
}
