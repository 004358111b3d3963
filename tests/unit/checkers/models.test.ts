// Each history model on hand-written histories: linearizable and not, unknown outcomes, and what
// the explanation says.

import { describe, expect, it } from 'vitest';
import { checkHistory, checkLinearizability, findModel, HISTORY_MODELS, pairOperations, queueModel, type HistoryModel } from '../../../src/checkers/index';
import type { HistoryEvent } from '../../../src/engine/types';

type Spec = [process: number, type: HistoryEvent['type'], f: string, value?: unknown, key?: string];

/** Events with clients c<process>, unless `clients` is false. */
function events(specs: Spec[], clients = true): HistoryEvent[] {
  return specs.map(([process, type, f, value, key]) => {
    const event: HistoryEvent = { process, type, f, value: value ?? null };
    if (key !== undefined) event.key = key;
    if (clients) event.client = `c${process}`;
    return event;
  });
}

function check(model: string | HistoryModel, specs: Spec[], options: { clients?: boolean; initialState?: 'nil' | 'unknown' } = {}) {
  const checked = checkHistory(events(specs, options.clients ?? true), { model, initialState: options.initialState });
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.linearizability;
}

const valid = (model: string, specs: Spec[], options?: { clients?: boolean; initialState?: 'nil' | 'unknown' }) => check(model, specs, options).valid;

describe('the model registry', () => {
  it('has the six models, each with its functions and one sentence', () => {
    expect(HISTORY_MODELS.map((m) => m.name)).toEqual(['register', 'kv', 'set', 'counter', 'queue', 'mutex']);
    for (const model of HISTORY_MODELS) {
      expect(model.functions.length).toBeGreaterThan(0);
      expect(model.summary).toMatch(/^[a-z].+[^.]$/);
      expect(findModel(model.name)).toBe(model);
    }
    expect(findModel('stack')).toBeUndefined();
  });

  it('refuses an unknown model name and an unknown start the model cannot represent', () => {
    expect(() => checkLinearizability([], { model: 'stack' })).toThrow(/unknown history model "stack".*register, kv, set/);
    const ops = pairOperations(events([[0, 'invoke', 'add', 1], [0, 'ok', 'add', 1]]), ['add', 'read']);
    expect(ops.ok && (() => checkLinearizability(ops.operations, { model: 'set', initialState: 'unknown' }))).toThrow(/set model cannot start from an unknown state/);
  });
});

describe('set', () => {
  it('reads all elements in any order', () => {
    expect(valid('set', [[0, 'invoke', 'add', 1], [1, 'invoke', 'add', 2], [0, 'ok', 'add', 1], [1, 'ok', 'add', 2], [2, 'invoke', 'read'], [2, 'ok', 'read', [2, 1]]])).toBe(true);
    // A read concurrent with an add may or may not see it.
    expect(valid('set', [[0, 'invoke', 'add', 1], [0, 'ok', 'add', 1], [1, 'invoke', 'add', 2], [2, 'invoke', 'read'], [2, 'ok', 'read', [1]], [1, 'ok', 'add', 2]])).toBe(true);
  });

  it('catches a lost element, an element nobody added and a repeated element', () => {
    const lost = check('set', [[0, 'invoke', 'add', 1], [0, 'ok', 'add', 1], [1, 'invoke', 'read'], [1, 'ok', 'read', []]]);
    expect(lost.valid).toBe(false);
    expect(lost.explanation?.sentence).toBe('No order of the 2 set operations matches what the clients saw: at best 1 of them fit, leaving the set {1}, and then c1 read {} (ok), invoked at event 3 and returned at event 4, cannot come next: it read {}, but the set held {1}.');
    expect(lost.explanation?.involved.map((op) => op.f)).toEqual(['read']);
    expect(valid('set', [[1, 'invoke', 'read'], [1, 'ok', 'read', [7]]])).toBe(false);
    expect(valid('set', [[0, 'invoke', 'add', 1], [0, 'ok', 'add', 1], [1, 'invoke', 'read'], [1, 'ok', 'read', [1, 1]]])).toBe(false);
  });

  it('lets an add of unknown outcome take effect, or not, but never undo itself', () => {
    expect(valid('set', [[0, 'invoke', 'add', 3], [0, 'info', 'add', 3], [1, 'invoke', 'read'], [1, 'ok', 'read', [3]]])).toBe(true);
    expect(valid('set', [[0, 'invoke', 'add', 3], [0, 'info', 'add', 3], [1, 'invoke', 'read'], [1, 'ok', 'read', []]])).toBe(true);
    expect(valid('set', [[0, 'invoke', 'add', 3], [0, 'info', 'add', 3], [1, 'invoke', 'read'], [1, 'ok', 'read', [3]], [1, 'invoke', 'read'], [1, 'ok', 'read', []]])).toBe(false);
    // A failed add certainly did not happen.
    expect(valid('set', [[0, 'invoke', 'add', 3], [0, 'fail', 'add', 3], [1, 'invoke', 'read'], [1, 'ok', 'read', [3]]])).toBe(false);
  });
});

describe('counter', () => {
  it('sums concurrent adds in any order', () => {
    const history: Spec[] = [[0, 'invoke', 'add', 1], [1, 'invoke', 'add', 2], [2, 'invoke', 'read'], [2, 'ok', 'read', 2], [0, 'ok', 'add', 1], [1, 'ok', 'add', 2], [2, 'invoke', 'read'], [2, 'ok', 'read', 3]];
    expect(valid('counter', history)).toBe(true);
  });

  it('catches a read that misses a completed add', () => {
    const result = check('counter', [[0, 'invoke', 'add', 1], [0, 'ok', 'add', 1], [1, 'invoke', 'add', 2], [1, 'ok', 'add', 2], [2, 'invoke', 'read'], [2, 'ok', 'read', 2]]);
    expect(result.valid).toBe(false);
    expect(result.explanation?.stuck[0].reason).toBe('it read 2, but the counter was 3');
    expect(result.explanation?.state).toBe(3);
  });

  it('lets an add of unknown outcome count once or not at all', () => {
    expect(valid('counter', [[0, 'invoke', 'add', 5], [0, 'info', 'add', 5], [1, 'invoke', 'read'], [1, 'ok', 'read', 5]])).toBe(true);
    expect(valid('counter', [[0, 'invoke', 'add', 5], [0, 'info', 'add', 5], [1, 'invoke', 'read'], [1, 'ok', 'read', 10]])).toBe(false);
    expect(valid('counter', [[0, 'invoke', 'add', 5], [0, 'info', 'add', 5], [1, 'invoke', 'read'], [1, 'ok', 'read', 5], [1, 'invoke', 'read'], [1, 'ok', 'read', 0]])).toBe(false);
  });

  it('refuses an add that is not a whole number', () => {
    const paired = pairOperations(events([[0, 'invoke', 'add', 'x']]), findModel('counter'));
    expect(paired).toMatchObject({ ok: false, error: { code: 'bad-value', eventIndex: 0, message: 'event 1: a counter add needs a whole number, got "x"' } });
  });
});

describe('queue', () => {
  const twoEnqueued: Spec[] = [[0, 'invoke', 'enqueue', 1], [0, 'ok', 'enqueue', 1], [0, 'invoke', 'enqueue', 2], [0, 'ok', 'enqueue', 2]];

  it('dequeues the oldest element, and nil only when empty', () => {
    expect(valid('queue', [...twoEnqueued, [1, 'invoke', 'dequeue'], [1, 'ok', 'dequeue', 1], [1, 'invoke', 'dequeue'], [1, 'ok', 'dequeue', 2], [1, 'invoke', 'dequeue'], [1, 'ok', 'dequeue', null]])).toBe(true);
    const jumped = check('queue', [...twoEnqueued, [1, 'invoke', 'dequeue'], [1, 'ok', 'dequeue', 2]]);
    expect(jumped.valid).toBe(false);
    expect(jumped.explanation?.sentence).toMatch(/leaving the queue \[1, 2\] \(oldest first\), and then c1 dequeue → 2 \(ok\).*cannot come next: it dequeued 2, but the oldest element was 1\.$/);
    expect(valid('queue', [...twoEnqueued, [1, 'invoke', 'dequeue'], [1, 'ok', 'dequeue', null]])).toBe(false);
  });

  it('orders concurrent enqueues either way', () => {
    const concurrent: Spec[] = [[0, 'invoke', 'enqueue', 1], [1, 'invoke', 'enqueue', 2], [0, 'ok', 'enqueue', 1], [1, 'ok', 'enqueue', 2]];
    expect(valid('queue', [...concurrent, [2, 'invoke', 'dequeue'], [2, 'ok', 'dequeue', 2], [2, 'invoke', 'dequeue'], [2, 'ok', 'dequeue', 1]])).toBe(true);
    expect(valid('queue', [...concurrent, [2, 'invoke', 'dequeue'], [2, 'ok', 'dequeue', 2], [2, 'invoke', 'dequeue'], [2, 'ok', 'dequeue', 2]])).toBe(false);
  });

  it('lets a dequeue of unknown outcome take the oldest element, or nothing', () => {
    const lost: Spec[] = [...twoEnqueued, [2, 'invoke', 'dequeue'], [2, 'info', 'dequeue']];
    expect(valid('queue', [...lost, [1, 'invoke', 'dequeue'], [1, 'ok', 'dequeue', 2]])).toBe(true);
    expect(valid('queue', [...lost, [1, 'invoke', 'dequeue'], [1, 'ok', 'dequeue', 1]])).toBe(true);
    expect(valid('queue', [...twoEnqueued, [1, 'invoke', 'dequeue'], [1, 'ok', 'dequeue', 2]])).toBe(false);
  });
});

describe('mutex', () => {
  it('never grants a held lock', () => {
    expect(valid('mutex', [[1, 'invoke', 'acquire'], [1, 'ok', 'acquire'], [1, 'invoke', 'release'], [1, 'ok', 'release'], [2, 'invoke', 'acquire'], [2, 'ok', 'acquire']])).toBe(true);
    const twice = check('mutex', [[1, 'invoke', 'acquire'], [1, 'ok', 'acquire'], [2, 'invoke', 'acquire'], [2, 'ok', 'acquire']]);
    expect(twice.valid).toBe(false);
    expect(twice.explanation?.stuck[0].reason).toBe('the lock was already held by c1');
    // Overlapping acquires cannot both succeed either.
    expect(valid('mutex', [[1, 'invoke', 'acquire'], [2, 'invoke', 'acquire'], [1, 'ok', 'acquire'], [2, 'ok', 'acquire']])).toBe(false);
  });

  it('lets only the holder release when clients are named; any process as in Knossos otherwise', () => {
    const stolen: Spec[] = [[1, 'invoke', 'acquire'], [1, 'ok', 'acquire'], [2, 'invoke', 'release'], [2, 'ok', 'release']];
    const result = check('mutex', stolen);
    expect(result.valid).toBe(false);
    expect(result.explanation?.stuck[0].reason).toBe('the lock was held by c1, not by c2');
    expect(valid('mutex', stolen, { clients: false })).toBe(true);
    expect(valid('mutex', [[1, 'invoke', 'release'], [1, 'ok', 'release']], { clients: false })).toBe(false);
  });

  it('lets an acquire of unknown outcome hold the lock, or not', () => {
    const unknown: Spec[] = [[1, 'invoke', 'acquire'], [1, 'info', 'acquire']];
    expect(valid('mutex', [...unknown, [2, 'invoke', 'acquire'], [2, 'ok', 'acquire']])).toBe(true);
    expect(valid('mutex', [...unknown, [1, 'invoke', 'release'], [1, 'ok', 'release']])).toBe(true);
    expect(valid('mutex', [...unknown, [2, 'invoke', 'release'], [2, 'ok', 'release']])).toBe(false);
  });
});

describe('kv', () => {
  it('checks single-key operations as the register does, key by key', () => {
    const stale: Spec[] = [[0, 'invoke', 'write', 1, 'x'], [0, 'ok', 'write', 1, 'x'], [1, 'invoke', 'write', 5, 'y'], [1, 'ok', 'write', 5, 'y'], [2, 'invoke', 'read', null, 'x'], [2, 'ok', 'read', null, 'x']];
    const asKv = check('kv', stale);
    const asRegister = check('register', stale);
    expect(asKv.valid).toBe(false);
    expect(asKv.perKey.map((k) => [k.key, k.valid])).toEqual([['x', false], ['y', true]]);
    expect(asKv.explanation?.sentence).toBe(asRegister.explanation?.sentence);
  });

  it('joins the keys of a txn into one part and checks it atomically', () => {
    const write: Spec[] = [[0, 'invoke', 'txn', [['write', 'x', 1], ['write', 'y', 1]]], [0, 'ok', 'txn', [['write', 'x', 1], ['write', 'y', 1]]]];
    const read = (x: unknown, y: unknown): Spec[] => [[1, 'invoke', 'txn', [['read', 'x', null], ['read', 'y', null]]], [1, 'ok', 'txn', [['read', 'x', x], ['read', 'y', y]]]];
    const other: Spec[] = [[2, 'invoke', 'write', 3, 'z'], [2, 'ok', 'write', 3, 'z']];
    const whole = check('kv', [...write, ...other, ...read(1, 1)]);
    expect(whole.valid).toBe(true);
    expect(whole.perKey.map((k) => k.key)).toEqual(['x, y', 'z']);
    const torn = check('kv', [...write, ...read(1, null)]);
    expect(torn.valid).toBe(false);
    expect(torn.explanation?.stuck[0].reason).toBe('it read y=nil, but y held 1');
    expect(torn.explanation?.sentence).toMatch(/^No order of the 2 kv operations on x, y .*leaving the map \{x=1, y=1\}, and then c1 txn \[read x=1, read y=nil\] \(ok\)/);
  });

  it('lets a txn of unknown outcome apply its writes, or not, and starts from an unknown map when asked', () => {
    const unknown: Spec[] = [[0, 'invoke', 'txn', [['write', 'x', 1], ['read', 'y', null]]], [0, 'info', 'txn']];
    expect(valid('kv', [...unknown, [1, 'invoke', 'txn', [['read', 'x', null]]], [1, 'ok', 'txn', [['read', 'x', 1]]]])).toBe(true);
    expect(valid('kv', [...unknown, [1, 'invoke', 'txn', [['read', 'x', null]]], [1, 'ok', 'txn', [['read', 'x', 2]]]])).toBe(false);
    const midRun: Spec[] = [[1, 'invoke', 'txn', [['read', 'x', null], ['read', 'y', null]]], [1, 'ok', 'txn', [['read', 'x', 4], ['read', 'y', 5]]]];
    expect(valid('kv', midRun)).toBe(false);
    expect(valid('kv', midRun, { initialState: 'unknown' })).toBe(true);
  });

  it('refuses a txn that is not a list of [read|write, key, value]', () => {
    const paired = pairOperations(events([[0, 'invoke', 'txn', [['append', 'x', 1]]]]), findModel('kv'));
    expect(paired).toMatchObject({ ok: false, error: { code: 'bad-value', message: expect.stringMatching(/^event 1: a txn value must be a list of \[read\|write, key, value\]/) } });
  });
});

describe('pairOperations with a model', () => {
  const history = events([[0, 'invoke', 'enqueue', 1], [0, 'ok', 'enqueue', 1]]);

  it('keeps the register as its default, with the same message', () => {
    expect(pairOperations(history)).toMatchObject({ ok: false, error: { code: 'bad-event', message: 'event 1: f must be read, write or cas, got "enqueue"' } });
  });

  it('accepts the functions of the model, or of a list', () => {
    expect(pairOperations(history, queueModel).ok).toBe(true);
    expect(pairOperations(history, ['enqueue', 'dequeue']).ok).toBe(true);
    expect(pairOperations(history, findModel('set'))).toMatchObject({ ok: false, error: { message: 'event 1: f must be one of add, read (the set model), got "enqueue"' } });
  });

  it('keeps the output of other functions: a dequeue returns its value', () => {
    const paired = pairOperations(events([[0, 'invoke', 'dequeue'], [0, 'ok', 'dequeue', 4]]), queueModel);
    expect(paired.ok && paired.operations[0]).toMatchObject({ f: 'dequeue', input: null, output: 4, outcome: 'ok' });
  });
});
