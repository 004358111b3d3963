// The register over compacted Raft logs (Raft §7): its CP state machine (store, stamps, the last
// sync) survives snapshots, InstallSnapshot and restarts; a sync entry compacted into a snapshot
// still counts, so a leader does not append another; a repeated request is answered from the
// session table after its entry was compacted, marked CP.
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../../src/engine/actions';
import { requestMessage } from '../../../src/protocols/client/messages';
import { register, registerMachine, type RegisterMachine, type RegisterState } from '../../../src/protocols/register';
import { lastSyncEpoch } from '../../../src/protocols/register/cp';
import { allEqual, capConfig, context, quiesce, replies, simulate, state, stores } from './helpers';

const stamp = (ms: number, node = 'n1', seq = 1) => ({ ms, node, seq });

function compactingConfig(seed: number, every = 5) {
  const config = capConfig(seed, 'cp');
  return { ...config, params: { ...config.params, snapshotEvery: every } };
}

function countNotes(sim: ReturnType<typeof simulate>, tag: string): number {
  return sim.world.trace.notable.filter((event) => event.kind === 'note' && event.tag === tag).length;
}

describe('register snapshots', () => {
  it('a sync entry compacted into a snapshot still counts: one sync per switch back to CP', () => {
    const flips: TimedAction[] = [
      { at: 1000, do: 'lab', name: 'setMode', mode: 'ap' },
      { at: 2000, do: 'lab', name: 'setMode', mode: 'cp' },
    ];
    const sim = simulate(compactingConfig(3), flips);
    sim.runUntil(8000);
    expect(sim.world.violations).toEqual([]);
    expect(countNotes(sim, 'sync')).toBe(1);
    for (const id of sim.world.nodeIds) {
      const raft = state(sim, id).raft;
      expect(raft.snapshot).not.toBeNull();
      expect(raft.log.some((entry) => (entry.command as { sync?: unknown } | null)?.sync !== undefined)).toBe(false); // compacted
      expect(lastSyncEpoch(raft)).toBe(2);
    }
    quiesce(sim);
    sim.runUntil(9500);
    expect(allEqual(stores(sim))).toBe(true);
    const stamps = sim.world.nodeIds.map((id) => state(sim, id).raft.machine.stamps);
    expect(stamps.every((s) => JSON.stringify(s) === JSON.stringify(stamps[0]))).toBe(true);
  });

  it('a replica that was down catches up by snapshot with the same store and stamps, and a restart starts from its own', () => {
    const actions: TimedAction[] = [
      { at: 500, do: 'crash', node: 'n4' },
      { at: 5000, do: 'restart', node: 'n4' },
      { at: 6000, do: 'crash', node: 'n5' },
      { at: 6500, do: 'restart', node: 'n5' },
    ];
    const sim = simulate(compactingConfig(5), actions);
    sim.runUntil(7000);
    quiesce(sim);
    sim.runUntil(8500);
    expect(sim.world.violations).toEqual([]);
    expect(sim.world.trace.notable.some((event) => event.tag === 'snapshot-installed' && event.text?.startsWith('n4 '))).toBe(true);
    const machines = sim.world.nodeIds.map((id) => state(sim, id).raft.machine);
    for (const machine of machines) {
      expect(machine.store).toEqual(machines[0].store);
      expect(machine.stamps).toEqual(machines[0].stamps);
    }
  });

  it('restores a snapshot as the node’s mode says: replaced in CP, merged by stamps in AP', () => {
    const snapshot: RegisterMachine = { store: { x: 5, y: 6 }, stamps: { x: stamp(10), y: stamp(11) }, lww: false, syncEpoch: 3 };
    const restore = registerMachine.restore!;
    expect(restore(snapshot, { store: { x: 1, z: 2 }, stamps: { x: stamp(50), z: stamp(1) }, lww: false })).toEqual(snapshot);
    const merged = restore(snapshot, { store: { x: 1 }, stamps: { x: stamp(50) }, lww: true });
    expect(merged).toEqual({ store: { x: 1, y: 6 }, stamps: { x: stamp(50), y: stamp(11) }, lww: true, syncEpoch: 3 });
  });

  it('answers a repeated request from the session table after its entry was compacted, marked CP', () => {
    const sim = simulate(compactingConfig(7), []);
    sim.runUntil(4000);
    const leaderId = sim.world.nodeIds.find((id) => state(sim, id).raft.role === 'leader')!;
    const leader: RegisterState = state(sim, leaderId);
    const [client, session] = Object.entries(leader.raft.sessions)[0];
    const applied = session.requests[0];
    expect(leader.raft.log.some((entry) => entry.request?.requestId === applied.requestId)).toBe(false); // compacted
    const ctx = context(leaderId, 5, sim.world.config.params, 4000);
    const [next, out] = register.onMessage(leader, client, requestMessage(applied.requestId, { f: 'write', key: 'x', value: 'again' }), ctx);
    expect(replies(out)).toEqual([{ to: client, requestId: applied.requestId, result: { ...applied.result, mode: 'cp' } }]);
    expect(next.raft.log).toBe(leader.raft.log);
  });
});
