// Clients are actors (DESIGN §3, stateright's RegisterActor::Client): the CAP lab's workload
// clients c1..cK sit beside their home servers and can be crashed, paused and cut off like any
// node; a request from the keyboard spawns a one-shot client beside the node it asks.
import { recentEvents } from '../../../src/engine/trace';
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../../src/engine/actions';
import type { HistoryEvent } from '../../../src/engine/types';
import { labById } from '../../../src/labs/registry';
import type { ClientState } from '../../../src/protocols/client/register-client';
import { defaultScenario, toWorldConfig } from '../../../src/scenarios/catalog';
import { createSimulation, runHeadless } from '../../../src/scenarios/headless';
import type { Scenario } from '../../../src/scenarios/scenario';
import { validateScenario } from '../../../src/scenarios/validate';

function capRun(seed: number, actions: TimedAction[], until: number) {
  const scenario: Scenario = { ...defaultScenario('cap', seed), actions, until };
  const checked = validateScenario(scenario);
  expect(checked.ok ? [] : checked.issues).toEqual([]);
  return runHeadless(scenario);
}

const invokes = (history: HistoryEvent[], client: string) => history.filter((e) => e.client === client && e.type === 'invoke');
const completions = (history: HistoryEvent[], client: string) => history.filter((e) => e.client === client && e.type !== 'invoke');

describe('the CAP lab’s clients are actors', () => {
  it('c1..c3 of role client sit beside n1..n3, sharing their links; the servers are the nodes', () => {
    const sim = createSimulation(defaultScenario('cap', 1));
    const world = sim.world;
    expect(world.actorIds).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'c1', 'c2', 'c3']);
    expect(world.nodeIds).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(world.roster).toEqual({ server: ['n1', 'n2', 'n3', 'n4', 'n5'], client: ['c1', 'c2', 'c3'] });
    expect(world.home).toEqual({ c1: 'n1', c2: 'n2', c3: 'n3' });
    expect(sim.snapshots.map((snapshot) => snapshot.id)).toEqual(world.nodeIds);
    expect(sim.context('c2')).toMatchObject({ role: 'client', home: 'n2', peers: ['c1', 'c3'], servers: world.nodeIds });
    // The workload travels in the params.
    expect(world.config.params.workload).toEqual(labById('cap').defaults.workload);
  });

  it('a crashed client records no further invocation, and its pending operation never completes; restarted, it works again', () => {
    const baseline = capRun(3, [], 6000).simulation.world.history;
    expect(invokes(baseline, 'c1').filter((e) => e.time! > 1000 && e.time! < 3000).length).toBeGreaterThan(3);
    const { simulation } = capRun(3, [{ at: 1000, do: 'crash', node: 'c1' }, { at: 3000, do: 'restart', node: 'c1' }], 6000);
    const history = simulation.world.history;
    expect(invokes(history, 'c1').filter((e) => e.time! >= 1000 && e.time! < 3000)).toEqual([]);
    expect(completions(history, 'c1').filter((e) => e.time! >= 1000 && e.time! < 3000)).toEqual([]);
    expect(invokes(history, 'c1').some((e) => e.time! > 3000)).toBe(true);
    // Its process numbers survive the crash: never one reused after the restart.
    const before = new Set(invokes(history, 'c1').filter((e) => e.time! < 1000).map((e) => e.process));
    const after = invokes(history, 'c1').filter((e) => e.time! > 3000).map((e) => e.process);
    expect(after.every((process) => process % 3 === 0)).toBe(true);
    expect(after.filter((process) => before.has(process) && process !== Math.max(...before))).toEqual([]);
    // The other clients did not notice.
    expect(invokes(history, 'c2').filter((e) => e.time! > 1000 && e.time! < 3000).length).toBeGreaterThan(3);
    expect(simulation.world.trace.notable.concat(simulation.world.trace.faults).some((e) => e.kind === 'crash' && e.node === 'c1')).toBe(true);
    expect(simulation.world.violations).toEqual([]);
  });

  it('a paused client invokes nothing during the pause, and invokes late, when it resumes', () => {
    const { simulation } = capRun(5, [{ at: 1000, do: 'pause', node: 'c2', durationMs: 1500 }], 5000);
    const history = simulation.world.history;
    expect(history.filter((e) => e.client === 'c2' && e.time! > 1000 && e.time! < 2500)).toEqual([]);
    const resumed = simulation.world.trace.faults.concat(simulation.world.trace.notable).find((e) => e.kind === 'resume' && e.node === 'c2');
    expect(resumed?.timeMs).toBe(2500);
    // Its think timer expired during the pause (or a reply waited for it): it acts at once on resuming.
    const next = history.find((e) => e.client === 'c2' && e.time! >= 2500)!;
    expect(next.time).toBe(2500);
    expect(invokes(history, 'c2').some((e) => e.time! > 2500)).toBe(true);
  });

  it('a cut between a client and its home cuts it off: its operations time out, the others carry on', () => {
    const { simulation } = capRun(2, [{ at: 1000, do: 'cut', from: 'c1', to: 'n1' }], 6000);
    const world = simulation.world;
    const c1After = world.history.filter((e) => e.client === 'c1' && e.time! > 1100);
    const invoked = c1After.filter((e) => e.type === 'invoke');
    expect(invoked.length).toBeGreaterThan(1);
    expect(c1After.filter((e) => e.type === 'ok' || e.type === 'fail')).toEqual([]);
    expect(c1After.filter((e) => e.type === 'info').length).toBeGreaterThanOrEqual(invoked.length - 1);
    expect(recentEvents(world.trace).some((e) => e.kind === 'drop' && e.from === 'c1' && e.to === 'n1' && e.tag === 'cut')).toBe(true);
    // n1 itself still serves the cluster; c2 and c3 are still answered.
    expect(recentEvents(world.trace).some((e) => e.kind === 'deliver' && e.from === 'n1' && e.timeMs > 1100)).toBe(true);
    for (const client of ['c2', 'c3']) expect(world.history.some((e) => e.client === client && e.type === 'ok' && e.time! > 1100)).toBe(true);
  });

  it('a partition that names a client puts it with that side, away from its home', () => {
    const groups = [['n1', 'n2', 'c3'], ['n3', 'n4', 'n5']];
    const { simulation } = capRun(4, [{ at: 1000, do: 'partition', groups }], 5000);
    const c3After = simulation.world.history.filter((e) => e.client === 'c3' && e.time! > 1100);
    expect(c3After.some((e) => e.type === 'invoke')).toBe(true);
    expect(c3After.filter((e) => e.type === 'ok')).toEqual([]);
    // c1 (home n1, not named) keeps its links to its own side.
    expect(recentEvents(simulation.world.trace).some((e) => e.kind === 'deliver' && e.from === 'c1' && e.to === 'n1' && e.timeMs > 1100)).toBe(true);
  });

  it('a request from the keyboard spawns a one-shot user client beside the node asked', () => {
    const sim = createSimulation({ ...defaultScenario('cap', 6), actions: [
      { at: 1500, do: 'request', node: 'n2', op: { f: 'write', key: 'x', value: 42 } },
      { at: 2500, do: 'request', node: 'n2', op: { f: 'read', key: 'x' } },
      { at: 3500, do: 'crash', node: 'u2' },
      { at: 3600, do: 'request', node: 'n2', op: { f: 'read', key: 'x' } },
      { at: 3700, do: 'request', node: 'n4', op: { f: 'read', key: 'x' }, client: 'ops' },
    ] });
    sim.runUntil(1499);
    expect(sim.world.nodes.u2).toBeUndefined();
    sim.runUntil(1500);
    expect(sim.world.nodes.u2).toMatchObject({ role: 'user', home: 'n2', up: true });
    expect(sim.world.roster.user).toEqual(['u2']);
    expect(sim.world.actorIds.at(-1)).toBe('u2');
    expect(sim.world.nodeIds).not.toContain('u2');
    sim.runUntil(5000);
    const mine = sim.world.history.filter((e) => e.client === 'u2');
    expect(mine.map((e) => [e.type, e.f])).toEqual([['invoke', 'write'], ['ok', 'write'], ['invoke', 'read'], ['ok', 'read']]);
    // Each keyboard operation is a process of its own, from 1000 on.
    expect(mine.filter((e) => e.type === 'invoke').map((e) => e.process)).toEqual([1000, 1001]);
    expect((sim.world.nodes.u2.state as ClientState | null)).toBeNull();
    expect(sim.world.trace.faults.concat(sim.world.trace.notable).some((e) => e.kind === 'control' && e.timeMs === 3600 && /u2 is down/.test(e.text ?? ''))).toBe(true);
    // A named client is spawned under its name, beside the node it asks.
    expect(sim.world.nodes.ops).toMatchObject({ role: 'user', home: 'n4' });
    expect(sim.world.history.filter((e) => e.client === 'ops').map((e) => e.type)).toEqual(['invoke', 'ok']);
    expect(sim.world.violations).toEqual([]);
  });

  it('the raft lab has no workload clients unless a scenario brings a workload (its defaults bring two)', () => {
    const { workload: _traffic, ...quiet } = defaultScenario('raft', 1);
    expect(createSimulation(quiet).world.actorIds).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(createSimulation(defaultScenario('raft', 1)).world.actorIds).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'c1', 'c2']);
    const workload = { clients: 2, intervalMs: [50, 100] as [number, number], timeoutMs: 500, mix: { read: 1, write: 1, cas: 0 }, keys: ['x'] };
    const config = toWorldConfig({ ...defaultScenario('raft', 1), workload });
    expect(config.params.workload).toEqual(workload);
    const result = runHeadless({ ...defaultScenario('raft', 1), workload, until: 2000 });
    expect(result.simulation.world.roster.client).toEqual(['c1', 'c2']);
    expect(result.simulation.world.history.filter((e) => e.type === 'ok').length).toBeGreaterThan(5);
  });
});

describe('the echo lab at 64 servers', () => {
  it('validates and runs headless, deterministically, holding its invariant', () => {
    const scenario: Scenario = { ...defaultScenario('echo', 9, 64), until: 3000, actions: [
      { at: 500, do: 'crash', node: 'n64' }, { at: 800, do: 'cut', from: 'c1', to: 'n7' }, { at: 1500, do: 'restart', node: 'n64' },
    ] };
    const checked = validateScenario(scenario);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    const first = runHeadless(scenario);
    const world = first.simulation.world;
    expect(world.nodeIds).toHaveLength(64);
    expect(world.roster.client).toEqual(['c1', 'c2', 'c3']);
    expect(first.events).toBeGreaterThan(30);
    expect(first.violations).toEqual([]);
    // Pings reached servers across the whole range and were answered.
    const delivered = recentEvents(world.trace).filter((e) => e.kind === 'deliver');
    expect(delivered.some((e) => e.from!.startsWith('c') && Number(e.to!.slice(1)) > 9)).toBe(true);
    expect(delivered.some((e) => e.to!.startsWith('c'))).toBe(true);
    expect(world.nodes.n64.up).toBe(true);
    expect(runHeadless(scenario).traceHash).toBe(first.traceHash);
  });
});
