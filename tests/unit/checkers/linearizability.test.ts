import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHistoryLinearizability, checkHistory, parseHistory } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';
import { generateHistory } from './generate';

type Spec = [process: number, type: HistoryEvent['type'], f: HistoryEvent['f'], value: unknown, time?: number, key?: string];
const history = (specs: Spec[], clients = true): HistoryEvent[] =>
  specs.map(([process, type, f, value, time, key]) => {
    const event: HistoryEvent = { process, type, f, value };
    if (time !== undefined) event.time = time;
    if (key !== undefined) event.key = key;
    if (clients) event.client = `c${process}`;
    return event;
  });

function check(events: HistoryEvent[], budgetSteps?: number) {
  const checked = checkHistoryLinearizability(events, { budgetSteps });
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.result;
}

describe('checkLinearizability', () => {
  it('accepts an empty history and a sequential one', () => {
    expect(check([]).valid).toBe(true);
    const result = check(history([[1, 'invoke', 'write', 1], [1, 'ok', 'write', 1], [2, 'invoke', 'read', null], [2, 'ok', 'read', 1]]));
    expect(result).toMatchObject({ valid: true, ops: 2 });
  });

  it('explains a stale read in one sentence with clients and seconds', () => {
    const result = check(
      history([
        [3, 'invoke', 'write', 1, 500, 'x'],
        [3, 'ok', 'write', 1, 1000, 'x'],
        [1, 'invoke', 'write', 2, 2500, 'x'],
        [1, 'ok', 'write', 2, 2900, 'x'],
        [2, 'invoke', 'read', null, 3200, 'x'],
        [2, 'ok', 'read', 1, 3300, 'x'],
      ]),
    );
    expect(result.valid).toBe(false);
    const explanation = result.explanation!;
    expect(explanation.sentence).toBe("c2 read x=1 at 3.2 s, but c1's write x=2 completed at 2.9 s and nothing wrote 1 after it");
    expect(explanation.key).toBe('x');
    expect(explanation.prefix.map((step) => step.description)).toEqual(['c3 write x=1 (ok)', 'c1 write x=2 (ok)']);
    expect(explanation.state).toBe(2);
    expect(explanation.stuck[0]).toMatchObject({ description: 'c2 read x=1 (ok)', reason: 'it read 1, but x held 2' });
  });

  it('names processes and events when there are no clients or times', () => {
    const result = check(history([[0, 'invoke', 'read', null], [0, 'ok', 'read', 7]], false));
    expect(result.explanation?.sentence).toBe('process 0 read 7 at event 1, but no operation wrote 7');
  });

  it('lets an unknown write take effect late, or never', () => {
    const late = history([[1, 'invoke', 'write', 1], [1, 'info', 'write', 1], [2, 'invoke', 'read', null], [2, 'ok', 'read', null], [2, 'invoke', 'read', null], [2, 'ok', 'read', 1]]);
    expect(check(late).valid).toBe(true);
    const never = history([[1, 'invoke', 'write', 1], [1, 'info', 'write', 1], [2, 'invoke', 'read', null], [2, 'ok', 'read', null]]);
    expect(check(never).valid).toBe(true);
    const back = history([[1, 'invoke', 'write', 1], [1, 'info', 'write', 1], [2, 'invoke', 'read', null], [2, 'ok', 'read', 1], [2, 'invoke', 'read', null], [2, 'ok', 'read', null]]);
    expect(check(back).valid).toBe(false);
  });

  it('drops failed operations and reads a cas that returned false as an observation', () => {
    const failed = history([[1, 'invoke', 'write', 1], [1, 'fail', 'write', 1], [2, 'invoke', 'read', null], [2, 'ok', 'read', 1]]);
    expect(check(failed).valid).toBe(false);
    const compareFailed = history([[1, 'invoke', 'write', 1], [1, 'ok', 'write', 1], [2, 'invoke', 'cas', [1, 2]], [2, 'ok', 'cas', false]], false);
    const result = check(compareFailed);
    expect(result.valid).toBe(false);
    expect(result.explanation?.sentence).toBe("process 2's cas 1→2 at event 3 returned false, but process 1's write 1 completed at event 2 and nothing changed the register before the cas returned");
    const swapped = history([[1, 'invoke', 'write', 1], [1, 'ok', 'write', 1], [2, 'invoke', 'cas', [1, 2]], [2, 'ok', 'cas', [1, 2]], [3, 'invoke', 'read', null], [3, 'ok', 'read', 2]]);
    expect(check(swapped).valid).toBe(true);
  });

  it('checks keys independently and reports each', () => {
    const events = history([
      [1, 'invoke', 'write', 1, undefined, 'x'],
      [1, 'ok', 'write', 1, undefined, 'x'],
      [2, 'invoke', 'read', null, undefined, 'y'],
      [2, 'ok', 'read', 1, undefined, 'y'],
    ]);
    const result = check(events);
    expect(result.valid).toBe(false);
    expect(result.perKey.map((k) => [k.key, k.valid])).toEqual([['x', true], ['y', false]]);
    expect(result.explanation?.key).toBe('y');
  });

  it('compares values by content', () => {
    const events = history([[1, 'invoke', 'write', { a: 1, b: [2] }], [1, 'ok', 'write', { a: 1, b: [2] }], [2, 'invoke', 'read', null], [2, 'ok', 'read', { b: [2], a: 1 }]]);
    expect(check(events).valid).toBe(true);
  });

  it('falls back to what the search found when no short proof exists', () => {
    // Two concurrent writes; the two readers see them in opposite orders.
    const events = history([
      [1, 'invoke', 'write', 1], [2, 'invoke', 'write', 2],
      [3, 'invoke', 'read', null], [3, 'ok', 'read', 1], [3, 'invoke', 'read', null], [3, 'ok', 'read', 2],
      [4, 'invoke', 'read', null], [4, 'ok', 'read', 2], [4, 'invoke', 'read', null], [4, 'ok', 'read', 1],
      [1, 'ok', 'write', 1], [2, 'ok', 'write', 2],
    ]);
    const result = check(events);
    expect(result.valid).toBe(false);
    expect(result.explanation?.sentence).toMatch(/^No order of the 6 operations matches what the clients saw: at best \d of them fit, leaving the register=\d, and then c\d read \d \(ok\), invoked at event \d+ and returned at event \d+, cannot come next\.$/);
    expect(result.explanation?.stuck.length).toBeGreaterThan(0);
  });
});

describe('step budget', () => {
  it('returns unknown when the budget runs out, and counts steps', () => {
    const events = history([[1, 'invoke', 'write', 1], [2, 'invoke', 'write', 2], [1, 'ok', 'write', 1], [2, 'ok', 'write', 2], [3, 'invoke', 'read', null], [3, 'ok', 'read', 2]]);
    expect(check(events, 1)).toMatchObject({ valid: 'unknown', steps: 1 });
    expect(check(events, 1).explanation).toBeUndefined();
    expect(check(events).valid).toBe(true);
  });

  const hard = path.resolve(process.cwd(), '../shared/conformance/jepsen-etcd/etcd_002.log');
  it.skipIf(!existsSync(hard))('stops a hard history at the budget instead of hanging, and the second opinion settles it in a tenth more', () => {
    const parsed = parseHistory(hard, readFileSync(hard, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const result = checkHistory(parsed.history, { budgetSteps: 10_000 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.linearizability.valid).toBe(true);
    expect(result.linearizability.steps).toBeGreaterThan(10_000);
    expect(result.linearizability.steps).toBeLessThanOrEqual(11_000);
  });
});

describe('long histories', () => {
  const long = generateHistory({ processes: 8, keys: 1, operations: 3000, choices: Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1000), mutate: false, uniqueWrites: true, withTime: true });

  it('checks a long concurrent history', () => {
    expect(check(long).valid).toBe(true);
  });

  it('settles a late stale read by proof, where refuting by search alone would take long', () => {
    const stale = long.find((e) => e.type === 'ok' && e.f === 'read' && e.value !== null)!;
    const events = [...long, { process: 99, type: 'invoke', f: 'read', key: 'k0', value: null } as HistoryEvent, { process: 99, type: 'ok', f: 'read', key: 'k0', value: stale.value } as HistoryEvent];
    const result = check(events, 1_000_000);
    expect(result.valid).toBe(false);
    expect(result.explanation?.sentence).toMatch(new RegExp(`^process 99 read k0=${stale.value} at event \\d+, but c\\d's (write k0=|cas k0 )\\S+ completed at [\\d.]+ s and nothing wrote ${stale.value} after it$`));
  });
});

