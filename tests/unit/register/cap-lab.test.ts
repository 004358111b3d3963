// The CAP lab end to end in the deterministic simulation: CP refuses the minority side and stays
// consistent; AP answers everywhere, diverges under a partition and converges after it; a skewed
// clock loses writes under last-writer-wins; flipping AP→CP re-syncs every replica.
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../../src/engine/actions';
import type { Simulation } from '../../../src/engine/simulation';
import { currentMode } from '../../../src/labs/cap/mode';
import { isSync } from '../../../src/protocols/register/machine';
import { allEqual, capConfig, completedOps, quiesce, simulate, state, stores, type Completed } from './helpers';

const PARTITION_MS = 2000;
const HEAL_MS = 5000;
const MINORITY = ['n1', 'n2'];
const MAJORITY = ['n3', 'n4', 'n5'];
// Workload clients sit beside n1, n2, n3 (round-robin): c1 and c2 on the minority side.
const MINORITY_CLIENTS = ['c1', 'c2'];

const partitioned: TimedAction[] = [
  { at: PARTITION_MS, do: 'partition', groups: [MINORITY, MAJORITY] },
  { at: HEAL_MS, do: 'heal' },
];

function during(ops: Completed[], clients: string[], fromMs: number, toMs: number): Completed[] {
  return ops.filter((op) => clients.includes(op.client) && op.invokedMs >= fromMs && op.completedMs < toMs);
}

/** Runs to the end of the faults, lets the clients finish, then gives replication quiet time. */
function settle(sim: Simulation, quietFromMs: number, untilMs: number): void {
  sim.runUntil(quietFromMs);
  quiesce(sim);
  sim.runUntil(untilMs);
}

describe('CP: consistent, not available on the minority side', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: minority clients get no successful operation while partitioned, the majority keeps working, all converge`, () => {
      const sim = simulate(capConfig(seed, 'cp'), partitioned);
      settle(sim, 7000, 9000);
      const ops = completedOps(sim.world.history);
      const minority = during(ops, MINORITY_CLIENTS, PARTITION_MS, HEAL_MS);
      expect(minority.length).toBeGreaterThan(0);
      expect(minority.filter((op) => op.type === 'ok')).toEqual([]);
      const majority = during(ops, ['c3'], PARTITION_MS + 1000, HEAL_MS);
      expect(majority.some((op) => op.type === 'ok' && op.f === 'write')).toBe(true);
      expect(ops.filter((op) => op.type === 'ok').every((op) => op.mode === 'cp')).toBe(true);
      expect(allEqual(stores(sim))).toBe(true);
      expect(Object.keys(stores(sim))).toHaveLength(5);
      expect(sim.world.violations).toEqual([]);
    });
  }
});

describe('AP: available on both sides, diverges, converges after healing', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}`, () => {
      const sim = simulate(capConfig(seed, 'ap'), partitioned);
      sim.runUntil(HEAL_MS - 1);
      const replicas = stores(sim);
      for (const a of MINORITY) for (const b of MAJORITY) expect(replicas[a]).not.toEqual(replicas[b]);
      settle(sim, 6000, 8000);
      const ops = completedOps(sim.world.history);
      for (const side of [MINORITY_CLIENTS, ['c3']]) {
        const served = during(ops, side, PARTITION_MS, HEAL_MS);
        expect(served.some((op) => op.type === 'ok' && op.f === 'write')).toBe(true);
        expect(served.filter((op) => op.type === 'info')).toEqual([]);
        expect(served.every((op) => op.mode === 'ap')).toBe(true);
      }
      expect(allEqual(stores(sim))).toBe(true);
      expect(sim.world.violations).toEqual([]);
    });
  }

  it('serves a stale read on the minority side after a write completed on the majority side', () => {
    const actions: TimedAction[] = [
      { at: 300, do: 'request', node: 'n1', op: { f: 'write', key: 'x', value: 1 } },
      { at: 1000, do: 'partition', groups: [MINORITY, MAJORITY] },
      { at: 1200, do: 'request', node: 'n4', op: { f: 'write', key: 'x', value: 2 } },
      { at: 1500, do: 'request', node: 'n1', op: { f: 'read', key: 'x' } },
      { at: 2000, do: 'heal' },
      { at: 3000, do: 'request', node: 'n1', op: { f: 'read', key: 'x' } },
    ];
    const sim = simulate(capConfig(7, 'ap', null), actions);
    sim.runUntil(3500);
    const ops = completedOps(sim.world.history);
    const write2 = ops.find((op) => op.f === 'write' && op.value === 2)!;
    const [staleRead, laterRead] = ops.filter((op) => op.f === 'read');
    expect(write2).toMatchObject({ type: 'ok', mode: 'ap', node: 'n4' });
    expect(write2.completedMs).toBeLessThan(staleRead.invokedMs);
    expect(staleRead).toMatchObject({ type: 'ok', value: 1, mode: 'ap', node: 'n1' });
    expect(laterRead).toMatchObject({ type: 'ok', value: 2, node: 'n1' });
  });
});

describe('last writer wins with a skewed clock', () => {
  function run(skewMs: number) {
    const actions: TimedAction[] = [
      { at: 100, do: 'skew', node: 'n1', offsetMs: skewMs },
      { at: 500, do: 'request', node: 'n3', op: { f: 'write', key: 'x', value: 1 } },
      { at: 1500, do: 'request', node: 'n1', op: { f: 'write', key: 'x', value: 2 } },
    ];
    const sim = simulate(capConfig(3, 'ap', null), actions);
    sim.runUntil(3000);
    return sim;
  }

  it('a node whose clock runs behind loses its later write everywhere, though it was acknowledged', () => {
    const sim = run(-2000);
    const write2 = completedOps(sim.world.history).find((op) => op.value === 2)!;
    expect(write2).toMatchObject({ type: 'ok', mode: 'ap', node: 'n1' });
    const replicas = stores(sim);
    for (const id of sim.world.nodeIds) expect(replicas[id]).toEqual({ x: 1 });
    expect(state(sim, 'n1').raft.machine.stamps.x).toMatchObject({ node: 'n3' });
  });

  it('without skew the later write wins', () => {
    const replicas = stores(run(0));
    for (const id of Object.keys(replicas)) expect(replicas[id]).toEqual({ x: 2 });
  });
});

describe('mode flips', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: AP→CP after divergence syncs every replica through the log, then CP proceeds`, () => {
      const flipMs = 2500;
      const actions: TimedAction[] = [
        { at: 1000, do: 'partition', groups: [MINORITY, MAJORITY] },
        { at: flipMs, do: 'lab', name: 'setMode', mode: 'cp' },
        { at: 4000, do: 'heal' },
      ];
      const sim = simulate(capConfig(seed, 'ap'), actions);
      sim.runUntil(flipMs - 1);
      const diverged = stores(sim);
      expect(diverged.n1).not.toEqual(diverged.n3);
      settle(sim, 6000, 8000);
      expect(currentMode(sim)).toBe('cp');
      const leader = state(sim, sim.currentLeader()!).raft;
      const syncIndex = leader.log.findIndex((entry) => isSync(entry.command) && entry.command.epoch === 1) + 1;
      expect(syncIndex).toBeGreaterThan(0);
      expect(leader.commitIndex).toBeGreaterThanOrEqual(syncIndex);
      expect(allEqual(stores(sim))).toBe(true);
      for (const id of sim.world.nodeIds) expect(state(sim, id).raft.machine.stamps).toEqual(state(sim, sim.currentLeader()!).raft.machine.stamps);
      const ops = completedOps(sim.world.history);
      const afterFlip = ops.filter((op) => op.invokedMs >= flipMs);
      expect(afterFlip.some((op) => op.type === 'ok' && op.mode === 'cp' && op.f === 'write')).toBe(true);
      expect(afterFlip.filter((op) => op.mode === 'ap')).toEqual([]);
      // Once CP again, the minority side is refused until the heal.
      expect(during(ops, MINORITY_CLIENTS, flipMs, 4000).filter((op) => op.type === 'ok')).toEqual([]);
      expect(sim.world.violations).toEqual([]);
    });
  }

  it('CP→AP: the minority side becomes available at once', () => {
    const actions: TimedAction[] = [...partitioned.slice(0, 1), { at: 3000, do: 'lab', name: 'setMode', mode: 'ap' }, partitioned[1]];
    const sim = simulate(capConfig(4, 'cp'), actions);
    settle(sim, 6000, 8000);
    const ops = completedOps(sim.world.history);
    expect(during(ops, MINORITY_CLIENTS, PARTITION_MS, 3000).filter((op) => op.type === 'ok')).toEqual([]);
    const served = during(ops, MINORITY_CLIENTS, 3000, HEAL_MS);
    expect(served.some((op) => op.type === 'ok' && op.mode === 'ap')).toBe(true);
    expect(allEqual(stores(sim))).toBe(true);
  });

  it('a node down during a switch gets the mode as it restarts', () => {
    const actions: TimedAction[] = [
      { at: 1000, do: 'crash', node: 'n2' },
      { at: 1500, do: 'lab', name: 'setMode', mode: 'ap' },
      { at: 2000, do: 'restart', node: 'n2' },
    ];
    const sim = simulate(capConfig(5, 'cp'), actions);
    sim.runUntil(1999);
    expect(sim.world.nodes.n2.up).toBe(false);
    sim.runUntil(2000);
    expect(state(sim, 'n2')).toMatchObject({ mode: 'ap', modeEpoch: 1 });
    settle(sim, 3000, 5000);
    expect(allEqual(stores(sim))).toBe(true);
  });
});
