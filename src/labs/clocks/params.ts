// The clocks lab's parameters, read with defaults (scenarios are validated before a run).
export type LwwStamp = 'physical' | 'hybrid';

export interface ClocksParams {
  /** Each process acts (a local write or a send) after a delay drawn from this range; [0, 0] never. */
  intervalMs: [number, number];
  /** Each physical clock starts up to this far off true time, either way. */
  skewMs: number;
  /** Each physical clock runs fast or slow by up to this many parts per million. */
  driftPpm: number;
  /** Which timestamp last-writer-wins compares. */
  lww: LwwStamp;
  /** A rule broken on purpose: Lamport's receive rule without the maximum. */
  bug: 'skip-receive-max' | null;
}

export const CLOCKS_DEFAULTS: ClocksParams = { intervalMs: [100, 400], skewMs: 250, driftPpm: 20_000, lww: 'physical', bug: null };

export function clocksParams(params: Record<string, unknown>): ClocksParams {
  const interval = params.intervalMs;
  return {
    intervalMs: Array.isArray(interval) && interval.length === 2 ? [Number(interval[0]), Number(interval[1])] : CLOCKS_DEFAULTS.intervalMs,
    skewMs: typeof params.skewMs === 'number' ? params.skewMs : CLOCKS_DEFAULTS.skewMs,
    driftPpm: typeof params.driftPpm === 'number' ? params.driftPpm : CLOCKS_DEFAULTS.driftPpm,
    lww: params.lww === 'hybrid' ? 'hybrid' : 'physical',
    bug: params.bug === 'skip-receive-max' ? 'skip-receive-max' : null,
  };
}
