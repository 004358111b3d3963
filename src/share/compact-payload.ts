// The short form of a shared run inside a v1 link: one-letter keys, fields equal to the lab's
// v1 defaults left out, action times stored as gaps from the previous action.
// The defaults are each lab's frozen v1 defaults (`frozen[1]` in its lab.ts), not its current
// ones, so a v1 link means the same run even after a lab's defaults change.
import type { Scenario } from '../scenarios/scenario';
import { findLab } from '../labs/registry';
import { ownValue } from './query';

export interface ShareView {
  speed?: number;
  theme?: string;
}

/** What a link carries: the scenario (with recorded actions), where the viewer was, how they watched. */
export interface ShareState {
  scenario: Scenario;
  cursorMs: number;
  view?: ShareView;
}

type DefaultedField = 'nodes' | 'params' | 'network' | 'workload' | 'until';

const FIELD_KEYS: readonly (readonly [DefaultedField, string])[] = [
  ['nodes', 'n'], ['params', 'p'], ['network', 'w'], ['workload', 'k'], ['until', 'u'],
];

/** The version of the compact form this module writes. */
const LINK_VERSION = 1;

function defaultsFor(lab: string): Partial<Pick<Scenario, DefaultedField>> {
  const frozen = findLab(lab)?.frozen[LINK_VERSION];
  return frozen ? { nodes: frozen.nodes, params: frozen.params, network: frozen.network, workload: frozen.workload } : {};
}

/** The compact object: `s` seed, `a` actions, `c` cursor, `v` view, and the defaulted fields. */
export function toCompactPayload(state: ShareState): Record<string, unknown> {
  const { scenario } = state;
  const defaults = defaultsFor(scenario.lab);
  const payload: Record<string, unknown> = { s: scenario.seed };
  for (const [field, key] of FIELD_KEYS) {
    const value = scenario[field];
    if (jsonEqual(value, defaults[field])) continue;
    if (field === 'params') {
      const patch = paramsPatch(defaults.params, scenario.params);
      if (patch) {
        payload.q = patch;
        continue;
      }
    }
    payload[key] = value === undefined ? null : value;
  }
  if (scenario.actions.length > 0) payload.a = gapEncode(scenario.actions);
  if (state.cursorMs !== 0) payload.c = state.cursorMs;
  const view = compactView(state.view);
  if (view) payload.v = view;
  return payload;
}

/** The params as changes to the frozen ones (`q`), when they only add or change keys: a link
 * with one new param stays short. Null when a frozen key was removed (then `p` holds them all).
 * Links made before `q` existed never carry it, so they decode as they always did. */
function paramsPatch(frozen: Record<string, unknown> | undefined, params: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!frozen || !params) return null;
  if (Object.keys(frozen).some((key) => !Object.hasOwn(params, key))) return null;
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (!jsonEqual(value, frozen[key])) patch[key] = value;
  return patch;
}

function gapEncode(actions: Scenario['actions']): unknown[] {
  let previousMs = 0;
  return actions.map((action) => {
    const gap = { ...action, at: action.at - previousMs };
    previousMs = action.at;
    return gap;
  });
}

function compactView(view: ShareView | undefined): ShareView | undefined {
  if (!view) return undefined;
  const out: ShareView = {};
  if (view.speed !== undefined) out.speed = view.speed;
  if (view.theme !== undefined) out.theme = view.theme;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Unchecked expansion: whatever comes out still goes through validateScenario. */
export interface ExpandedPayload {
  scenario: Record<string, unknown>;
  cursorMs: unknown;
  view: unknown;
}

export function fromCompactPayload(payload: object, lab: string): ExpandedPayload {
  const defaults = defaultsFor(lab);
  const scenario: Record<string, unknown> = { lab, seed: ownValue(payload, 's') };
  for (const [field, key] of FIELD_KEYS) {
    const descriptor = Object.getOwnPropertyDescriptor(payload, key);
    const value = descriptor ? descriptor.value : structuredCopy(defaults[field]);
    if (value !== undefined && value !== null) scenario[field] = value;
  }
  const patch = ownValue(payload, 'q');
  if (typeof patch === 'object' && patch !== null && !Array.isArray(patch) && !Object.hasOwn(payload, 'p')) {
    scenario.params = { ...(scenario.params as object | undefined), ...patch };
  }
  const actions = ownValue(payload, 'a');
  scenario.actions = actions === undefined ? [] : gapDecode(actions);
  const cursor = ownValue(payload, 'c');
  return { scenario, cursorMs: cursor === undefined ? 0 : cursor, view: ownValue(payload, 'v') };
}

function gapDecode(actions: unknown): unknown {
  if (!Array.isArray(actions)) return actions;
  let previousMs = 0;
  return actions.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) return item;
    const gap = ownValue(item, 'at');
    if (typeof gap !== 'number') return item;
    previousMs += gap;
    return { ...item, at: previousMs };
  });
}

function structuredCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Equality of JSON-like data; a missing key equals an undefined one. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!jsonEqual(left[key], right[key])) return false;
  return true;
}
