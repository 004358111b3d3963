// The register's state machine: a sync command that replaces the whole store (CP) or merges it
// by last-writer-wins (AP), and stamped operations applied in log order.
import { describe, expect, it } from 'vitest';
import { isSync, registerMachine, syncCommand, type RegisterMachine } from '../../../src/protocols/register/machine';

const stamp = (ms: number, node = 'n1', seq = 1) => ({ ms, node, seq });
const cp = (store: Record<string, unknown>, stamps = {}): RegisterMachine => ({ store, stamps, lww: false });

describe('sync command', () => {
  it('replaces every key of the store and its stamps in CP, and answers ok', () => {
    const before = cp({ x: 1, y: 2 }, { x: stamp(1), y: stamp(2) });
    const { machine, result } = registerMachine.apply(before, syncCommand({ x: 5, z: 7 }, { x: stamp(9) }, 2));
    expect(result).toEqual({ status: 'ok' });
    expect(machine.store).toEqual({ x: 5, z: 7 });
    expect(machine.stamps).toEqual({ x: stamp(9) });
    expect(before.store).toEqual({ x: 1, y: 2 }); // copy-on-write
  });

  it('merges by last writer wins in AP', () => {
    const before: RegisterMachine = { store: { x: 1 }, stamps: { x: stamp(50) }, lww: true };
    const { machine } = registerMachine.apply(before, syncCommand({ x: 5, y: 6 }, { x: stamp(10), y: stamp(11) }, 1));
    expect(machine.store).toEqual({ x: 1, y: 6 });
  });

  it('copies the store it is made from', () => {
    const store = { x: 1 };
    const command = syncCommand(store, { x: stamp(3) }, 4);
    store.x = 9;
    expect(command).toEqual({ sync: { x: 1 }, stamps: { x: stamp(3) }, epoch: 4 });
    expect(isSync(command)).toBe(true);
    expect(isSync({ op: { f: 'write', key: 'x', value: 1 } })).toBe(false);
    expect(isSync(null)).toBe(false);
  });

  it('keeps keys like __proto__ as own properties', () => {
    const { machine } = registerMachine.apply(cp({}), syncCommand(JSON.parse('{"__proto__": 3}'), {}, 1));
    expect(Object.hasOwn(machine.store, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(machine.store)).toBe(Object.prototype);
  });

  it('is not a query, and compares like any command in the invariants', () => {
    const command = syncCommand({ x: 1 }, {}, 1);
    expect(registerMachine.isQuery(command)).toBe(false);
    expect(registerMachine.key(command)).toBe(registerMachine.key(syncCommand({ x: 1 }, {}, 1)));
    expect(registerMachine.key(command)).not.toBe(registerMachine.key(syncCommand({ x: 2 }, {}, 1)));
  });
});

describe('operations', () => {
  it('apply in log order in CP, stamping the key with the entry stamp', () => {
    const { machine, result } = registerMachine.apply(cp({ x: 1 }, { x: stamp(100) }), { op: { f: 'write', key: 'x', value: 2 }, stamp: stamp(5) });
    expect(result).toEqual({ status: 'ok', value: 2 });
    expect(machine.store).toEqual({ x: 2 });
    expect(machine.stamps.x).toEqual(stamp(5));
  });

  it('merge by stamp in AP: an older committed write loses to a newer local one', () => {
    const before: RegisterMachine = { store: { x: 1 }, stamps: { x: stamp(100) }, lww: true };
    const { machine } = registerMachine.apply(before, { op: { f: 'write', key: 'x', value: 2 }, stamp: stamp(5) });
    expect(machine.store).toEqual({ x: 1 });
  });

  it('a client cannot send an unsupported operation; reads are queries', () => {
    expect(registerMachine.command({ f: 'write', value: 3 })).toEqual({ error: 'unsupported operation write' });
    const made = registerMachine.command({ f: 'read', key: 'x' });
    expect(made).toEqual({ command: { op: { f: 'read', key: 'x' } } });
    expect(registerMachine.isQuery((made as { command: unknown }).command)).toBe(true);
  });
});
