// The membership lab's parameters as the members read them, and the settings an operator may
// change while a run goes on (the detector, suspicion on or off, indirect probes).
export type Detector = 'swim' | 'heartbeat';
export const DETECTORS: readonly Detector[] = ['swim', 'heartbeat'];
export type ProbeOrder = 'round-robin' | 'random';
export const PROBE_ORDERS: readonly ProbeOrder[] = ['round-robin', 'random'];

/** What `configure` may change live. */
export interface LiveSettings {
  detector: Detector;
  /** Off: a failed probe declares the target dead at once (the "break a rule" switch). */
  suspicion: boolean;
  /** Members asked to ping the target on a missed ack (ping-req); 0 turns indirect probes off. */
  indirectK: number;
}

export interface MembershipParams extends LiveSettings {
  /** SWIM's protocol period T: one probe per member per period; also the heartbeat interval. */
  periodMs: number;
  /** How long a direct ping waits for its ack before the indirect probes go out. */
  ackTimeoutMs: number;
  /** How long a suspect has to refute before it is declared dead. */
  suspicionMs: number;
  probeOrder: ProbeOrder;
  /** λ: each update is piggybacked λ·⌈log2(N+1)⌉ times by each member that learns it. */
  lambda: number;
  /** All-to-all heartbeats: silence this long declares a member dead. */
  heartbeatTimeoutMs: number;
}

export const MEMBERSHIP_DEFAULTS: MembershipParams = {
  detector: 'swim', suspicion: true, indirectK: 3,
  periodMs: 300, ackTimeoutMs: 80, suspicionMs: 900, probeOrder: 'round-robin', lambda: 2, heartbeatTimeoutMs: 900,
};

export const LIMITS = { indirectK: 8, lambda: 8 } as const;

/** Updates one message carries at most (the rest wait for the next message). */
export const MAX_PIGGYBACK = 6;

/** Params objects are fixed for a run: read each once (handlers ask on every event). */
const cache = new WeakMap<Record<string, unknown>, MembershipParams>();

export function readParams(params: Record<string, unknown>): MembershipParams {
  let read = cache.get(params);
  if (read === undefined) {
    read = parseParams(params);
    cache.set(params, read);
  }
  return read;
}

function parseParams(params: Record<string, unknown>): MembershipParams {
  const read = <K extends keyof MembershipParams>(key: K): MembershipParams[K] =>
    (params[key] !== undefined && typeof params[key] === typeof MEMBERSHIP_DEFAULTS[key] ? params[key] : MEMBERSHIP_DEFAULTS[key]) as MembershipParams[K];
  return {
    detector: read('detector'), suspicion: read('suspicion'), indirectK: read('indirectK'),
    periodMs: read('periodMs'), ackTimeoutMs: read('ackTimeoutMs'), suspicionMs: read('suspicionMs'),
    probeOrder: read('probeOrder'), lambda: read('lambda'), heartbeatTimeoutMs: read('heartbeatTimeoutMs'),
  };
}

/** How many times a member passes each update on: λ·⌈log2(N+1)⌉, the paper's λ log N. */
export function retransmitLimit(lambda: number, members: number): number {
  return Math.max(1, lambda * Math.ceil(Math.log2(members + 1)));
}

/** Heartbeat periods of silence that declare a member dead. */
export function heartbeatTimeoutTicks(params: MembershipParams): number {
  return Math.max(1, Math.ceil(params.heartbeatTimeoutMs / params.periodMs));
}

export function describeSettings(settings: LiveSettings): string {
  if (settings.detector === 'heartbeat') return 'all-to-all heartbeats with a timeout';
  const indirect = settings.indirectK > 0 ? `${settings.indirectK} indirect probes` : 'no indirect probes';
  return `SWIM, ${indirect}, ${settings.suspicion ? 'suspicion before death' : 'no suspicion: dead at once'}`;
}
