// Reference semantics of the generic models, written independently of src/checkers/models (plain
// JSON comparisons, no interning), and random small histories from a simulated object with random
// linearization points (so linearizable), optionally with one completion mutated (so often not).

import type { HistoryEvent } from '../../../src/engine/types';
import type { HistoryOperation } from '../../../src/checkers/operations';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sorted = (values: unknown[]): string[] => values.map((v) => JSON.stringify(v)).sort();

export interface ModelSpec {
  name: string;
  initial: () => unknown;
  /** A random invocation for `client`. */
  invoke(pick: (n: number) => number, client: string): { f: string; value: unknown };
  /** What the real object does: its result and next state, or undefined when it refuses (fail). */
  perform(state: unknown, f: string, value: unknown, client: string): { next: unknown; result: unknown } | undefined;
  /** The reference step for the brute-force checker: next state, or undefined if impossible. */
  reference(state: unknown, op: HistoryOperation): { next: unknown } | undefined;
  /** A random, possibly wrong, output for a completion of `f`. */
  wrongOutput(f: string, pick: (n: number) => number): unknown;
  /** Functions whose ok completion reports a result (others echo their input). */
  reports: string[];
}

const SMALL = [1, 2, 3];

export const setSpec: ModelSpec = {
  name: 'set',
  initial: () => [],
  invoke: (pick) => (pick(2) === 0 ? { f: 'add', value: SMALL[pick(3)] } : { f: 'read', value: null }),
  perform(state, f, value) {
    const elements = state as unknown[];
    if (f === 'read') return { next: elements, result: [...elements].reverse() }; // order must not matter
    return { next: elements.some((e) => same(e, value)) ? elements : [...elements, value], result: value };
  },
  reference(state, op) {
    const elements = state as unknown[];
    if (op.f === 'add') return { next: elements.some((e) => same(e, op.input)) ? elements : [...elements, op.input] };
    if (op.outcome === 'info') return { next: elements };
    return Array.isArray(op.output) && same(sorted(op.output), sorted(elements)) ? { next: elements } : undefined;
  },
  wrongOutput: (f, pick) => (f === 'read' ? SMALL.filter(() => pick(2) === 0) : SMALL[pick(3)]),
  reports: ['read'],
};

export const counterSpec: ModelSpec = {
  name: 'counter',
  initial: () => 0,
  invoke: (pick) => (pick(2) === 0 ? { f: 'add', value: [1, 2, -1][pick(3)] } : { f: 'read', value: null }),
  perform: (state, f, value) => (f === 'read' ? { next: state, result: state } : { next: (state as number) + (value as number), result: value }),
  reference(state, op) {
    if (op.f === 'add') return { next: (state as number) + (op.input as number) };
    if (op.outcome === 'info') return { next: state };
    return op.output === state ? { next: state } : undefined;
  },
  wrongOutput: (_f, pick) => pick(5) - 1,
  reports: ['read'],
};

export const queueSpec: ModelSpec = {
  name: 'queue',
  initial: () => [],
  invoke: (pick) => (pick(2) === 0 ? { f: 'enqueue', value: SMALL[pick(3)] } : { f: 'dequeue', value: null }),
  perform(state, f, value) {
    const items = state as unknown[];
    if (f === 'enqueue') return { next: [...items, value], result: value };
    return items.length === 0 ? { next: items, result: null } : { next: items.slice(1), result: items[0] };
  },
  reference(state, op) {
    const items = state as unknown[];
    if (op.f === 'enqueue') return { next: [...items, op.input] };
    if (op.outcome === 'info') return { next: items.slice(1) };
    if (items.length === 0) return op.output === null ? { next: items } : undefined;
    return op.output !== null && same(items[0], op.output) ? { next: items.slice(1) } : undefined;
  },
  wrongOutput: (_f, pick) => [null, ...SMALL][pick(4)],
  reports: ['dequeue'],
};

/** Holder: a client name, '' for a holder the history does not name, null when free. */
export const mutexSpec: ModelSpec = {
  name: 'mutex',
  initial: () => null,
  invoke: (pick) => ({ f: pick(2) === 0 ? 'acquire' : 'release', value: null }),
  perform(state, f, _value, client) {
    if (f === 'acquire') return state === null ? { next: client, result: null } : undefined;
    return state === client ? { next: null, result: null } : undefined;
  },
  reference(state, op) {
    const client = op.client ?? '';
    if (op.f === 'acquire') return state === null ? { next: client } : undefined;
    if (state === null) return undefined;
    return state === '' || client === '' || state === client ? { next: null } : undefined;
  },
  wrongOutput: () => null,
  reports: [],
};

/** kv: single-key read/write/cas on x and y, and txns over both. */
export const kvSpec: ModelSpec = {
  name: 'kv',
  initial: () => ({}),
  invoke(pick) {
    const key = ['x', 'y'][pick(2)];
    switch (pick(4)) {
      case 0:
        return { f: 'read', value: { key } };
      case 1:
        return { f: 'write', value: { key, value: SMALL[pick(3)] } };
      case 2:
        return { f: 'cas', value: { key, value: [[null, ...SMALL][pick(4)], SMALL[pick(3)]] } };
      default:
        return { f: 'txn', value: [0, 1].map(() => (pick(2) === 0 ? ['read', ['x', 'y'][pick(2)], null] : ['write', ['x', 'y'][pick(2)], SMALL[pick(3)]])) };
    }
  },
  perform(state, f, value) {
    const map = { ...(state as Record<string, unknown>) };
    if (f === 'txn') {
      const result = (value as [string, string, unknown][]).map(([mf, k, v]) => {
        if (mf === 'write') map[k] = v;
        return mf === 'read' ? [mf, k, map[k] ?? null] : [mf, k, v];
      });
      return { next: map, result };
    }
    const { key, value: v } = value as { key: string; value: unknown };
    if (f === 'read') return { next: map, result: map[key] ?? null };
    if (f === 'write') return { next: { ...map, [key]: v }, result: v };
    const [expected, next] = v as [unknown, unknown];
    return same(map[key], expected) ? { next: { ...map, [key]: next }, result: true } : { next: map, result: false };
  },
  reference(state, op) {
    const map = { ...(state as Record<string, unknown>) };
    if (op.f === 'txn') {
      const input = op.input as [string, string, unknown][];
      const output = op.outcome === 'ok' ? (op.output as [string, string, unknown][]) : null;
      for (let j = 0; j < input.length; j++) {
        const [mf, k, v] = input[j];
        if (mf === 'write') map[k] = v;
        else if (output && !same(map[k], output[j][2])) return undefined;
      }
      return { next: map };
    }
    const key = op.key!;
    if (op.f === 'read') return op.outcome === 'info' || same(map[key], op.output) ? { next: map } : undefined;
    if (op.f === 'write') return { next: { ...map, [key]: op.input } };
    const [expected, next] = op.input as [unknown, unknown];
    const matches = same(map[key], expected);
    if (op.outcome === 'info') return { next: matches ? { ...map, [key]: next } : map };
    if (op.output === false) return matches ? undefined : { next: map };
    return matches ? { next: { ...map, [key]: next } } : undefined;
  },
  wrongOutput: (f, pick) => (f === 'txn' ? null : f === 'cas' ? pick(2) === 0 : [null, ...SMALL][pick(4)]),
  reports: ['read', 'cas', 'txn'],
};

export interface GenerateModelOptions {
  processes: number;
  operations: number;
  choices: number[];
  mutate: boolean;
  /** Whether events name their client (the mutex's holder check needs it). */
  clients: boolean;
}

interface Pending {
  event: HistoryEvent;
  applied: boolean;
  refused: boolean;
  result: unknown;
}

export function generateModelHistory(spec: ModelSpec, options: GenerateModelOptions): HistoryEvent[] {
  let cursor = 0;
  const pick = (n: number): number => (n <= 1 ? 0 : (options.choices[cursor++ % Math.max(1, options.choices.length)] ?? 0) % n);
  let state = spec.initial();
  const pending = new Map<number, Pending>();
  const history: HistoryEvent[] = [];
  let invoked = 0;
  let guard = 0;
  while ((invoked < options.operations || pending.size > 0) && guard++ < options.operations * 20 + 100) {
    const idle = [...Array(options.processes).keys()].filter((p) => !pending.has(p));
    const actions: (() => void)[] = [];
    if (invoked < options.operations && idle.length > 0) {
      actions.push(() => {
        const process = idle[pick(idle.length)];
        const { f, value } = spec.invoke(pick, `c${process}`);
        const event = makeEvent(spec, process, 'invoke', f, value, options.clients);
        pending.set(process, { event, applied: false, refused: false, result: undefined });
        invoked++;
        history.push(event);
      });
    }
    for (const [process, p] of pending) {
      if (!p.applied && !p.refused) {
        actions.push(() => {
          const done = spec.perform(state, p.event.f, rawValue(spec, p.event), `c${process}`);
          if (!done) p.refused = true;
          else [state, p.applied, p.result] = [done.next, true, done.result];
        });
      }
      actions.push(() => {
        history.push(completion(spec, p, pick(10), options.clients));
        pending.delete(process);
      });
    }
    actions[pick(actions.length)]();
  }
  if (options.mutate) mutate(spec, history, pick);
  return history;
}

/** The generator's invocation value: kv single-key operations carry their key alongside. */
function rawValue(spec: ModelSpec, event: HistoryEvent): unknown {
  return spec.name === 'kv' && event.f !== 'txn' ? { key: event.key, value: event.value } : event.value;
}

function makeEvent(spec: ModelSpec, process: number, type: HistoryEvent['type'], f: string, value: unknown, clients: boolean): HistoryEvent {
  const event: HistoryEvent = { process, type, f, value };
  if (spec.name === 'kv' && f !== 'txn') {
    const { key, value: inner } = value as { key: string; value: unknown };
    event.key = key;
    event.value = inner ?? null;
  }
  if (clients) event.client = `c${process}`;
  return event;
}

function completion(spec: ModelSpec, p: Pending, roll: number, clients: boolean): HistoryEvent {
  const { process, f, key, value } = p.event;
  const base: HistoryEvent = { process, type: 'ok', f, value };
  if (key !== undefined) base.key = key;
  if (clients) base.client = `c${process}`;
  if (!p.applied) return { ...base, type: roll < 5 || p.refused ? 'fail' : 'info' };
  if (roll < 2) return { ...base, type: 'info' };
  return { ...base, value: spec.reports.includes(f) ? p.result : value };
}

function mutate(spec: ModelSpec, history: HistoryEvent[], pick: (n: number) => number): void {
  const candidates = history.map((_, i) => i).filter((i) => history[i].type !== 'invoke');
  if (candidates.length === 0) return;
  const event = history[candidates[pick(candidates.length)]];
  if (event.type === 'fail' || (event.type === 'info' && pick(2) === 0)) event.type = 'ok';
  else if (event.type !== 'ok') return;
  if (!spec.reports.includes(event.f)) return;
  if (event.f === 'txn' && Array.isArray(event.value)) {
    event.value = (event.value as [string, string, unknown][]).map(([mf, k, v]) => [mf, k, mf === 'read' ? [null, ...SMALL][pick(4)] : v]);
  } else event.value = spec.wrongOutput(event.f, pick);
}
