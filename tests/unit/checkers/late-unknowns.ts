// Random register histories whose operations of unknown outcome may take effect long after they
// timed out (the client gave up, the write went through later), as a partitioned cluster's do: an
// incremental checker must carry them across every quiet point of the history. A real register is
// simulated, so unmutated histories are linearizable; one mutated result makes most of them not.
// Deterministic in its choices, so fast-check can shrink them.

import type { HistoryEvent } from '../../../src/engine/types';

export interface LateUnknownsOptions {
  processes: number;
  operations: number;
  choices: number[];
  /** Unique written values (as the labs' clients write), or a small domain of 1..domain. */
  unique: boolean;
  domain: number;
  mutate: boolean;
  /** Keys x0, x1, …: one register each. */
  keys: number;
}

interface Pending {
  event: HistoryEvent;
  applied: boolean;
  result: unknown;
}

export function lateUnknownsHistory(options: LateUnknownsOptions): HistoryEvent[] {
  let cursor = 0;
  const pick = (n: number): number => (n <= 1 ? 0 : (options.choices[cursor++ % Math.max(1, options.choices.length)] ?? 0) % n);
  const state = new Map<string, unknown>();
  let nextValue = 10;
  const value = (): number => (options.unique ? nextValue++ : 1 + pick(options.domain));
  const history: HistoryEvent[] = [];
  const pending = new Map<number, Pending>();
  // Timed out and not applied yet: may still take effect.
  const late: Pending[] = [];
  const idle = Array.from({ length: options.processes }, (_, i) => i);
  let freshProcess = options.processes;
  let invoked = 0;
  const apply = (p: Pending): void => {
    const { f, key, value: input } = p.event;
    const current = state.has(key!) ? state.get(key!) : null;
    p.applied = true;
    if (f === 'read') p.result = current;
    else if (f === 'write') state.set(key!, input);
    else {
      const [expected, next] = input as [unknown, unknown];
      const swapped = JSON.stringify(current) === JSON.stringify(expected);
      if (swapped) state.set(key!, next);
      p.result = swapped;
    }
  };
  let guard = 0;
  while ((invoked < options.operations || pending.size > 0) && guard++ < options.operations * 40 + 100) {
    const actions: (() => void)[] = [];
    if (invoked < options.operations && idle.length > 0) {
      actions.push(() => {
        const process = idle.splice(pick(idle.length), 1)[0];
        const key = `x${pick(options.keys)}`;
        const f = (['read', 'write', 'cas', 'write', 'read'] as const)[pick(5)];
        const expected = pick(3) === 0 ? null : options.unique ? 10 + pick(Math.max(1, nextValue - 10)) : 1 + pick(options.domain);
        const input = f === 'read' ? null : f === 'write' ? value() : [expected, value()];
        const event: HistoryEvent = { process, type: 'invoke', f, key, value: input };
        pending.set(process, { event, applied: false, result: undefined });
        invoked++;
        history.push(event);
      });
    }
    for (const [process, p] of pending) {
      if (!p.applied) actions.push(() => apply(p));
      actions.push(() => complete(process, p));
    }
    if (late.length > 0) actions.push(() => apply(late.splice(pick(late.length), 1)[0]));
    actions[pick(actions.length)]();
  }
  function complete(process: number, p: Pending): void {
    pending.delete(process);
    const { f, key, value: input } = p.event;
    const base = { process, f, key };
    if (pick(10) < 3) {
      // Timed out: the process is done (as a Jepsen client takes a fresh one).
      history.push({ ...base, type: 'info', value: input });
      if (!p.applied && f !== 'read') late.push(p);
      idle.push(freshProcess++);
      return;
    }
    if (!p.applied) apply(p);
    if (f === 'read') history.push({ ...base, type: 'ok', value: p.result });
    else if (f === 'write') history.push({ ...base, type: 'ok', value: input });
    else history.push({ ...base, type: 'ok', value: p.result ? input : false });
    idle.push(process);
  }
  if (options.mutate) mutate(history, pick, options);
  return history;
}

function mutate(history: HistoryEvent[], pick: (n: number) => number, options: LateUnknownsOptions): void {
  const completions = history.map((_, i) => i).filter((i) => history[i].type === 'ok');
  if (completions.length === 0) return;
  const at = completions[pick(completions.length)];
  const event = history[at];
  if (event.f === 'read') event.value = pick(3) === 0 ? null : (options.unique ? 9 : 0) + 1 + pick(options.domain);
  else if (event.f === 'cas') {
    let invoke = at - 1;
    while (history[invoke].process !== event.process) invoke--;
    event.value = event.value === false ? history[invoke].value : false;
  } else event.type = 'fail';
}
