// Random small register histories for the consistency map's property tests: processes invoke and
// complete interleaved; writes and cas write unique values; a read returns nil or any value some
// write already invoked (so stale, future-free and "went back" reads all happen); outcomes may be
// ok, fail or info. Deterministic in its choices, so fast-check can shrink them.

import fc from 'fast-check';
import type { HistoryEvent } from '../../../src/engine/types';

export interface WeakHistoryOptions {
  processes: number;
  keys: number;
  operations: number;
  choices: number[];
}

export function generateWeakHistory(options: WeakHistoryOptions): HistoryEvent[] {
  let cursor = 0;
  const pick = (n: number): number => (n <= 1 ? 0 : (options.choices[cursor++ % Math.max(1, options.choices.length)] ?? 0) % n);
  const history: HistoryEvent[] = [];
  const pending = new Map<number, HistoryEvent>();
  const written: { key: string; value: number }[] = [];
  let invoked = 0;
  let next = 1;
  let guard = 0;
  while ((invoked < options.operations || pending.size > 0) && guard++ < 1000) {
    const idle = [...Array(options.processes).keys()].filter((p) => !pending.has(p));
    const canInvoke = invoked < options.operations && idle.length > 0;
    if (canInvoke && (pending.size === 0 || pick(2) === 0)) {
      const process = idle[pick(idle.length)];
      const key = `k${pick(options.keys)}`;
      const f = (['read', 'read', 'write', 'write', 'cas'] as const)[pick(5)];
      let value: unknown = null;
      if (f === 'write') value = next++;
      if (f === 'cas') value = [readable(key, written, pick), next++];
      if (f !== 'read') written.push({ key, value: f === 'write' ? (value as number) : (value as number[])[1] });
      const event: HistoryEvent = { process, type: 'invoke', f, key, value, client: `c${process + 1}` };
      pending.set(process, event);
      history.push(event);
      invoked++;
      continue;
    }
    const busy = [...pending.keys()];
    const process = busy[pick(busy.length)];
    const call = pending.get(process)!;
    pending.delete(process);
    const roll = pick(10);
    const type = roll < 7 ? 'ok' : roll < 9 ? 'info' : 'fail';
    let value = call.value;
    if (type === 'ok' && call.f === 'read') value = readable(call.key!, written, pick);
    if (type === 'ok' && call.f === 'cas' && pick(4) === 0) value = false;
    history.push({ process, type, f: call.f, key: call.key, value, client: call.client });
  }
  return history;
}

function readable(key: string, written: { key: string; value: number }[], pick: (n: number) => number): number | null {
  const values = written.filter((w) => w.key === key).map((w) => w.value);
  const choice = pick(values.length + 1);
  return choice === values.length ? null : values[choice];
}

export const weakHistoryArbitrary = (maxOperations = 7) =>
  fc.record({
    processes: fc.integer({ min: 1, max: 3 }),
    keys: fc.integer({ min: 1, max: 2 }),
    operations: fc.integer({ min: 1, max: maxOperations }),
    choices: fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }),
  });
