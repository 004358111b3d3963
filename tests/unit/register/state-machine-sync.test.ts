// The small addition to Raft's state machine for the register: a sync command that replaces the
// whole store when applied, and the optional stamp/request fields on log entries.
import { describe, expect, it } from 'vitest';
import { applyOp, isSupported, syncOf, syncOperation } from '../../../src/protocols/raft/state-machine';
import { opKey } from '../../../src/protocols/raft/log';

describe('sync command', () => {
  it('replaces every key of the store and answers ok', () => {
    const kv: Record<string, unknown> = { x: 1, y: 2 };
    const op = syncOperation({ x: 5, z: 7 }, { epoch: 2 });
    expect(applyOp(kv, op)).toEqual({ status: 'ok' });
    expect(kv).toEqual({ x: 5, z: 7 });
  });

  it('copies the store it is made from and carries the extra fields', () => {
    const store = { x: 1 };
    const op = syncOperation(store, { stamps: { x: { ms: 3, node: 'n1', seq: 1 } }, epoch: 4 });
    store.x = 9;
    expect(syncOf(op)).toEqual({ sync: { x: 1 }, stamps: { x: { ms: 3, node: 'n1', seq: 1 } }, epoch: 4 });
  });

  it('keeps keys like __proto__ as own properties', () => {
    const kv: Record<string, unknown> = {};
    applyOp(kv, syncOperation(JSON.parse('{"__proto__": 3}')));
    expect(Object.hasOwn(kv, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(kv)).toBe(Object.prototype);
  });

  it('is recognised only as a keyless write whose value has a store', () => {
    expect(syncOf(null)).toBeNull();
    expect(syncOf({ f: 'write', key: 'x', value: { sync: {} } })).toBeNull();
    expect(syncOf({ f: 'write', value: 3 })).toBeNull();
    expect(syncOf({ f: 'write', value: { sync: [1] } })).toBeNull();
    expect(syncOf({ f: 'read', value: { sync: {} } })).toBeNull();
    // A keyless write that is not a sync still changes nothing (the behaviour before the addition).
    const kv = { x: 1 };
    expect(applyOp(kv, { f: 'write', value: 3 })).toEqual({ status: 'ok' });
    expect(kv).toEqual({ x: 1 });
  });

  it('cannot be sent by a client, and compares like any command in the invariants', () => {
    const op = syncOperation({ x: 1 });
    expect(isSupported(op)).toBe(false);
    expect(opKey(op)).toBe(opKey(syncOperation({ x: 1 })));
    expect(opKey(op)).not.toBe(opKey(syncOperation({ x: 2 })));
  });
});
