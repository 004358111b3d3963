// Random small histories for property tests: a real register is simulated with random
// linearization points (so the history is linearizable), then optionally one result is mutated
// (so it often is not). Deterministic in its choices, so fast-check can shrink them.

import type { HistoryEvent } from '../../../src/engine/types';

export interface GenerateOptions {
  processes: number;
  keys: number;
  operations: number;
  choices: number[];
  mutate: boolean;
  uniqueWrites: boolean;
  withTime: boolean;
}

interface Pending {
  event: HistoryEvent;
  applied: boolean;
  result: unknown;
}

const DOMAIN = [null, 0, 1, 2, 3];

export function generateHistory(options: GenerateOptions): HistoryEvent[] {
  let cursor = 0;
  const pick = (n: number): number => (n <= 1 ? 0 : (options.choices[cursor++ % Math.max(1, options.choices.length)] ?? 0) % n);
  const state = new Map<string, unknown>();
  const pending = new Map<number, Pending>();
  const history: HistoryEvent[] = [];
  let invoked = 0;
  let nextUnique = 10;
  const emit = (event: HistoryEvent): void => {
    if (options.withTime) event.time = history.length * 100;
    history.push(event);
  };
  let guard = 0;
  while ((invoked < options.operations || pending.size > 0) && guard++ < options.operations * 20 + 100) {
    const idle = [...Array(options.processes).keys()].filter((p) => !pending.has(p));
    const busy = [...pending.keys()];
    const actions: (() => void)[] = [];
    if (invoked < options.operations && idle.length > 0) {
      actions.push(() => {
        const process = idle[pick(idle.length)];
        const key = `k${pick(options.keys)}`;
        const f = (['read', 'write', 'cas'] as const)[pick(3)];
        const value = f === 'read' ? null : f === 'write' ? (options.uniqueWrites ? nextUnique++ : DOMAIN[1 + pick(4)]) : [DOMAIN[pick(5)], options.uniqueWrites ? nextUnique++ : DOMAIN[1 + pick(4)]];
        const event: HistoryEvent = { process, type: 'invoke', f, key, value, client: `c${process + 1}` };
        pending.set(process, { event, applied: false, result: undefined });
        invoked++;
        emit(event);
      });
    }
    for (const process of busy) {
      const p = pending.get(process)!;
      if (!p.applied) actions.push(() => linearize(p, state));
      actions.push(() => {
        complete(p, pick(10), emit);
        pending.delete(process);
      });
    }
    actions[pick(actions.length)]();
  }
  if (options.mutate) mutate(history, pick);
  return history;
}

function linearize(p: Pending, state: Map<string, unknown>): void {
  const { f, key, value } = p.event;
  const current = state.has(key!) ? state.get(key!) : null;
  p.applied = true;
  if (f === 'read') p.result = current;
  else if (f === 'write') state.set(key!, value);
  else {
    const [expected, next] = value as [unknown, unknown];
    const swapped = JSON.stringify(current) === JSON.stringify(expected);
    if (swapped) state.set(key!, next);
    p.result = swapped;
  }
}

function complete(p: Pending, roll: number, emit: (e: HistoryEvent) => void): void {
  const { process, f, key, value, client } = p.event;
  const base = { process, f, key, client };
  if (!p.applied) {
    emit({ ...base, type: roll < 5 ? 'info' : 'fail', value: f === 'read' ? null : value });
    return;
  }
  if (roll < 2) return emit({ ...base, type: 'info', value: f === 'read' ? null : value });
  if (f === 'read') return emit({ ...base, type: 'ok', value: p.result });
  if (f === 'write') return emit({ ...base, type: 'ok', value });
  if (p.result === true) return emit({ ...base, type: 'ok', value });
  // A compare that failed: an observed false, or (the JSON rule) a fail that changed nothing.
  emit({ ...base, type: roll < 6 ? 'ok' : 'fail', value: roll < 6 ? false : value });
}

function mutate(history: HistoryEvent[], pick: (n: number) => number): void {
  const candidates = history.map((e, i) => i).filter((i) => history[i].type !== 'invoke');
  if (candidates.length === 0) return;
  const event = history[candidates[pick(candidates.length)]];
  if (event.f === 'read' && event.type === 'ok') event.value = DOMAIN[pick(5)];
  else if (event.f === 'cas' && event.type === 'ok') event.value = event.value === false ? [0, 0] : false;
  else if (event.type === 'fail') event.type = 'ok';
  else if (event.type === 'info' && event.f === 'read') {
    event.type = 'ok';
    event.value = DOMAIN[pick(5)];
  }
}
