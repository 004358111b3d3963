// Share links: the state of a run (scenario with recorded actions, cursor, view) as a URL query,
// `v=1&lab=raft&s=<payload>`, and back. The payload is compact JSON, deflated, base64url-encoded,
// with an FNV-1a checksum so a damaged link says so. Decoding never throws.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { labById } from '../labs/registry';
import { LAB_IDS, defaultScenario } from '../scenarios/catalog';
import { MAX_TIME_MS, validateScenario } from '../scenarios/validate';
import { decodeBase64url, encodeBase64url } from './base64url';
import { bytesToUint32, fnv1a32, uint32ToBytes } from './checksum';
import { fromCompactPayload, toCompactPayload, type ShareState, type ShareView } from './compact-payload';
import { MAX_QUERY_CHARS, quote, queryReader, type QueryInput, type QueryReader } from './query';

export type { ShareState, ShareView } from './compact-payload';

export type DecodeResult =
  | { kind: 'none' }
  | { kind: 'ok'; state: ShareState }
  | { kind: 'error'; message: string };

/** The link format this build writes. */
export const CURRENT_VERSION = 1;
/** The link formats this build reads. An older version missing here is one that cannot be replayed. */
export const SUPPORTED_VERSIONS: readonly number[] = [1];

export const MAX_PAYLOAD_CHARS = 150_000;
export const MAX_PAYLOAD_JSON_BYTES = 1_000_000;
/** A simple link (`?seed=7&nodes=5`) without a seed starts from this one. */
export const SIMPLE_SEED_DEFAULT = 1;
const CHECKSUM_BYTES = 4;
const MAX_SPEED = 1000;
const SEPARATOR = new Uint8Array([0x0a]);

export function encodeShareState(state: ShareState): string {
  const lab = state.scenario.lab;
  const json = strToU8(JSON.stringify(toCompactPayload(state)));
  const deflated = deflateSync(json, { level: 9 });
  const payload = new Uint8Array(deflated.length + CHECKSUM_BYTES);
  payload.set(deflated);
  payload.set(uint32ToBytes(fnv1a32(strToU8(lab), SEPARATOR, json)), deflated.length);
  return `v=${CURRENT_VERSION}&lab=${encodeURIComponent(lab)}&s=${encodeBase64url(payload)}`;
}

export function decodeShareState(query: QueryInput): DecodeResult {
  try {
    if (typeof query === 'string' && query.length > MAX_QUERY_CHARS) {
      return fail(`This link is too long (${query.length} characters; at most ${MAX_QUERY_CHARS})`);
    }
    const read = queryReader(query);
    if (read('s') !== undefined || read('v') !== undefined) return decodePayloadForm(read);
    if (read('seed') !== undefined || read('nodes') !== undefined || read('lab') !== undefined) return decodeSimpleForm(read);
    return { kind: 'none' };
  } catch {
    return fail('This link could not be read');
  }
}

function fail(message: string): DecodeResult {
  return { kind: 'error', message };
}

function decodePayloadForm(read: QueryReader): DecodeResult {
  const versionProblem = checkVersion(read('v'));
  if (versionProblem) return fail(versionProblem);
  const lab = read('lab');
  const payload = read('s');
  if (payload === undefined || payload === '') return fail(`This link has a version (v=${read('v')}) but no payload (s=)`);
  if (lab === undefined || lab === '') return fail('This link has a payload but does not say which lab it is for (lab=)');
  if (lab.length > 40) return fail(`This link's lab name is too long (${lab.length} characters)`);
  if (payload.length > MAX_PAYLOAD_CHARS) return fail(`This link's payload is too long (${payload.length} characters; at most ${MAX_PAYLOAD_CHARS})`);
  const unpacked = unpackPayload(payload, lab);
  if (typeof unpacked === 'string') return fail(unpacked);
  if (!LAB_IDS.includes(lab)) return fail(`This link is for a lab this version does not have (${quote(lab)}); known labs: ${LAB_IDS.join(', ')}`);
  return checkState(fromCompactPayload(unpacked, lab));
}

function checkVersion(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return `This link has a payload but no version (v=); this version reads v=${CURRENT_VERSION}`;
  if (!/^\d{1,9}$/.test(text)) return `This link's version (v=${quote(text)}) is not a whole number`;
  const version = Number(text);
  if (SUPPORTED_VERSIONS.includes(version)) return undefined;
  if (version > CURRENT_VERSION) {
    return `This link was made by a newer version of Splitbrain (v=${version}); this version reads v=${SUPPORTED_VERSIONS.join(', v=')}`;
  }
  return `This link was made by an older version of Splitbrain (v=${version}) and cannot be replayed; this version reads v=${SUPPORTED_VERSIONS.join(', v=')}`;
}

/** base64url → deflate + checksum → JSON object, or the sentence that says what broke. */
function unpackPayload(payload: string, lab: string): object | string {
  const decoded = decodeBase64url(payload);
  if (!decoded.ok) return `This link's payload is not valid base64url (${decoded.problem})`;
  const bytes = decoded.bytes;
  if (bytes.length <= CHECKSUM_BYTES) return 'This link is truncated or was altered (its payload is too short)';
  const json = inflateBounded(bytes.subarray(0, bytes.length - CHECKSUM_BYTES));
  if (json === 'broken') return 'This link is truncated or was altered (its payload does not decompress)';
  if (json === 'too-large') return `This link's payload expands beyond ${MAX_PAYLOAD_JSON_BYTES} bytes`;
  const expected = bytesToUint32(bytes.subarray(bytes.length - CHECKSUM_BYTES));
  if (fnv1a32(strToU8(lab), SEPARATOR, json) !== expected) return 'This link is truncated or was altered (checksum mismatch)';
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(json));
  } catch {
    return "This link's payload is not valid JSON";
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return "This link's payload is not a scenario object";
  return parsed;
}

/** Inflates into a fixed buffer one byte larger than allowed, so a deflate bomb is caught, not obeyed. */
function inflateBounded(deflated: Uint8Array): Uint8Array | 'broken' | 'too-large' {
  try {
    const out = inflateSync(deflated, { out: new Uint8Array(MAX_PAYLOAD_JSON_BYTES + 1) });
    return out.length > MAX_PAYLOAD_JSON_BYTES ? 'too-large' : out;
  } catch {
    return 'broken';
  }
}

function checkState(expanded: { scenario: unknown; cursorMs: unknown; view: unknown }): DecodeResult {
  const validation = validateScenario(expanded.scenario, LAB_IDS);
  if (!validation.ok) return fail(invalidScenarioMessage(validation.issues));
  const { cursorMs } = expanded;
  if (typeof cursorMs !== 'number' || !Number.isInteger(cursorMs) || cursorMs < 0 || cursorMs > MAX_TIME_MS) {
    return fail(`This link's cursor (${JSON.stringify(cursorMs)?.slice(0, 24)}) must be a whole number of milliseconds from 0 to ${MAX_TIME_MS} (24 h)`);
  }
  const view = checkView(expanded.view);
  if (typeof view === 'string') return fail(view);
  const state: ShareState = { scenario: validation.scenario, cursorMs };
  if (view) state.view = view;
  return { kind: 'ok', state };
}

function invalidScenarioMessage(issues: readonly { message: string }[]): string {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `This link's scenario is invalid: ${issues[0]?.message ?? 'unknown problem'}${more}`;
}

function checkView(view: unknown): ShareView | undefined | string {
  if (view === undefined) return undefined;
  if (typeof view !== 'object' || view === null || Array.isArray(view)) return "This link's view settings are not an object";
  const { speed, theme } = view as Record<string, unknown>;
  const out: ShareView = {};
  if (speed !== undefined) {
    if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0 || speed > MAX_SPEED) {
      return `This link's playback speed must be a number above 0 and at most ${MAX_SPEED}`;
    }
    out.speed = speed;
  }
  if (theme !== undefined) {
    if (typeof theme !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(theme)) return "This link's theme must be a short name like \"dark\"";
    out.theme = theme;
  }
  return out;
}

/** `?seed=7&nodes=5&lab=raft`: the lab's default scenario, from the start. */
function decodeSimpleForm(read: QueryReader): DecodeResult {
  const lab = read('lab') ?? LAB_IDS[0];
  if (!LAB_IDS.includes(lab)) return fail(`This link names an unknown lab (${quote(lab)}); known labs: ${LAB_IDS.join(', ')}`);
  const seedText = read('seed');
  const seed = seedText === undefined ? SIMPLE_SEED_DEFAULT : parseWhole(seedText, 0, 0xffffffff);
  if (seed === undefined) return fail(`This link's seed (${quote(seedText ?? '')}) must be a whole number from 0 to ${0xffffffff}`);
  const nodesText = read('nodes');
  const { min, max } = labById(lab).roles[0];
  const nodes = nodesText === undefined ? undefined : parseWhole(nodesText, min, max);
  if (nodesText !== undefined && nodes === undefined) {
    return fail(`This link's node count (${quote(nodesText)}) must be a whole number from ${min} to ${max}`);
  }
  const validation = validateScenario(defaultScenario(lab, seed, nodes), LAB_IDS);
  if (!validation.ok) return fail(invalidScenarioMessage(validation.issues));
  return { kind: 'ok', state: { scenario: validation.scenario, cursorMs: 0 } };
}

function parseWhole(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,12}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}
