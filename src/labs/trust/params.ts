// The trust lab's parameters: what the attacker on the n1–n2 link does, whether nodes
// authenticate messages with a MAC, whether they reject replays (a session nonce from a
// challenge-response handshake, plus sequence numbers), and how often clients write.
import * as v from 'valibot';

export const ATTACKS = ['none', 'tamper', 'replay', 'drop', 'forge'] as const;
export type Attack = (typeof ATTACKS)[number];
export const AUTHS = ['none', 'mac'] as const;
export type Auth = (typeof AUTHS)[number];
export const REPLAY_PROTECTIONS = ['none', 'nonce'] as const;
export type ReplayProtection = (typeof REPLAY_PROTECTIONS)[number];

/** What the actors read at run time; a lab action may change it (see settings.ts). */
export interface TrustSettings {
  attack: Attack;
  auth: Auth;
  replayProtection: ReplayProtection;
}

export interface TrustParams extends TrustSettings {
  /** A client waits this long (drawn from the range) between writes. */
  writeEveryMs: [number, number];
  /** A client gives a write up as unknown after this long. */
  timeoutMs: number;
  /** The primary resends unacknowledged state and unfinished handshakes this often. */
  resendMs: number;
  /** A replaying or forging attacker strikes this often. */
  strikeEveryMs: number;
}

export const TRUST_DEFAULTS: TrustParams = {
  attack: 'none',
  auth: 'mac',
  replayProtection: 'nonce',
  writeEveryMs: [150, 350],
  timeoutMs: 1000,
  resendMs: 120,
  strikeEveryMs: 400,
};

export const attackSchema = v.picklist(ATTACKS);
export const authSchema = v.picklist(AUTHS);
export const replayProtectionSchema = v.picklist(REPLAY_PROTECTIONS);
const ms = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000));

export const TRUST_PARAM_SCHEMAS: Record<string, v.GenericSchema> = {
  attack: attackSchema,
  auth: authSchema,
  replayProtection: replayProtectionSchema,
  writeEveryMs: v.pipe(v.tuple([ms, ms]), v.check(([low, high]) => low <= high, 'the range must not run backwards')),
  timeoutMs: ms,
  resendMs: ms,
  strikeEveryMs: ms,
};

function pick<T extends string>(value: unknown, options: readonly T[], fallback: T): T {
  return options.includes(value as T) ? (value as T) : fallback;
}

function number(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The params of a run over the defaults (the engine hands them over unchecked by type). */
export function trustParams(params: Record<string, unknown>): TrustParams {
  const range = Array.isArray(params.writeEveryMs) && params.writeEveryMs.length === 2 ? (params.writeEveryMs as [number, number]) : TRUST_DEFAULTS.writeEveryMs;
  return {
    attack: pick(params.attack, ATTACKS, TRUST_DEFAULTS.attack),
    auth: pick(params.auth, AUTHS, TRUST_DEFAULTS.auth),
    replayProtection: pick(params.replayProtection, REPLAY_PROTECTIONS, TRUST_DEFAULTS.replayProtection),
    writeEveryMs: [range[0], range[1]],
    timeoutMs: number(params.timeoutMs, TRUST_DEFAULTS.timeoutMs),
    resendMs: number(params.resendMs, TRUST_DEFAULTS.resendMs),
    strikeEveryMs: number(params.strikeEveryMs, TRUST_DEFAULTS.strikeEveryMs),
  };
}

export function settingsOf(params: TrustParams): TrustSettings {
  return { attack: params.attack, auth: params.auth, replayProtection: params.replayProtection };
}
