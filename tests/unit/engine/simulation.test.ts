import { recentEvents } from '../../../src/engine/trace';
import { describe, expect, it } from 'vitest';
import type { TimedAction } from '../../../src/engine/actions';
import { buildFrame } from '../../../src/engine/frame-builder';
import { Session } from '../../../src/engine/session';
import { Simulation } from '../../../src/engine/simulation';
import type { WorldConfig } from '../../../src/engine/world';
import { describePing, pingConfig, pingSystem, type PingState } from './ping-protocol';

const config = (overrides: Partial<WorldConfig> = {}): WorldConfig => pingConfig(overrides);
const frame = (sim: Simulation) => buildFrame(sim, describePing);

function run(actions: TimedAction[], until: number, overrides: Partial<WorldConfig> = {}, stopOnViolation = true) {
  const sim = Simulation.create(pingSystem, config(overrides), actions);
  sim.runUntil(until, Infinity, stopOnViolation);
  return sim;
}
const state = (sim: Simulation, id: string) => sim.world.nodes[id].state as PingState;

describe('Simulation', () => {
  it('is deterministic: same seed and actions, same trace hash; another seed differs', () => {
    const actions: TimedAction[] = [{ at: 100, do: 'crash', node: 'n2' }, { at: 300, do: 'restart', node: 'n2' }];
    const a = frame(run(actions, 2000));
    const b = frame(run(actions, 2000));
    const c = frame(run(actions, 2000, { seed: 43 }));
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.eventCount).toBe(b.eventCount);
    expect(c.traceHash).not.toBe(a.traceHash);
  });

  it('advancing in many small steps equals one big step', () => {
    const actions: TimedAction[] = [{ at: 250, do: 'cut', from: 'n1', to: 'n2' }, { at: 700, do: 'heal' }];
    const whole = run(actions, 1500);
    const pieces = Simulation.create(pingSystem, config(), actions);
    for (let t = 0; t <= 1500; t += 7) pieces.runUntil(t);
    pieces.runUntil(1500);
    expect(frame(pieces).traceHash).toBe(frame(whole).traceHash);
  });

  it('a crash loses volatile state and keeps the persisted part', () => {
    const sim = run([{ at: 500, do: 'crash', node: 'n1' }], 600);
    expect(sim.world.nodes.n1.up).toBe(false);
    sim.world.nodeIds.length; // the cluster is intact
    const built = frame(sim);
    expect(built.nodes[0].view.role).toBe('crashed');
    sim.restart('n1');
    expect(state(sim, 'n1')).toMatchObject({ pings: 0, ticks: 0, restarts: 1 });
  });

  it('drops messages to a crashed node and never delivers across a cut link', () => {
    const sim = run([{ at: 0, do: 'cut', from: 'n1', to: 'n2' }], 2000);
    const events = recentEvents(sim.world.trace);
    const crossed = events.filter((e) => e.kind === 'deliver' && ((e.from === 'n1' && e.to === 'n2') || (e.from === 'n2' && e.to === 'n1')));
    expect(crossed).toEqual([]);
    expect(events.some((e) => e.kind === 'drop' && e.tag === 'cut')).toBe(true);
  });

  it('a one-way cut blocks one direction only', () => {
    const sim = run([{ at: 0, do: 'cut', from: 'n1', to: 'n2', oneWay: true }], 2000);
    const delivered = recentEvents(sim.world.trace).filter((e) => e.kind === 'deliver');
    expect(delivered.some((e) => e.from === 'n1' && e.to === 'n2')).toBe(false);
    expect(delivered.some((e) => e.from === 'n2' && e.to === 'n1')).toBe(true);
  });

  it('a partition isolates groups until healed', () => {
    const sim = run([{ at: 0, do: 'partition', groups: [['n1'], ['n2', 'n3']] }, { at: 1000, do: 'heal' }], 2000);
    const delivered = recentEvents(sim.world.trace).filter((e) => e.kind === 'deliver');
    const acrossBefore = delivered.filter((e) => e.timeMs < 1000 && (e.from === 'n1' || e.to === 'n1'));
    const acrossAfter = delivered.filter((e) => e.timeMs > 1000 && (e.from === 'n1' || e.to === 'n1'));
    expect(acrossBefore).toEqual([]);
    expect(acrossAfter.length).toBeGreaterThan(0);
  });

  it('a paused node handles nothing during the pause and catches up after it', () => {
    const sim = run([{ at: 100, do: 'pause', node: 'n3', durationMs: 2000 }], 2050);
    const handled = recentEvents(sim.world.trace).filter((e) => (e.to === 'n3' && e.kind === 'deliver') || (e.node === 'n3' && e.kind === 'timer'));
    expect(handled.filter((e) => e.timeMs > 100 && e.timeMs < 2100)).toEqual([]);
    sim.runUntil(2200);
    const late = recentEvents(sim.world.trace).filter((e) => e.kind === 'deliver' && e.to === 'n3' && e.tag === 'late');
    expect(late.length).toBeGreaterThan(0);
  });

  it('duplicates and drops messages at the configured ratios', () => {
    const lossy = run([], 3000, { network: { latencyMs: [5, 15], drop: 0.5, duplicate: 0 } });
    const sent = recentEvents(lossy.world.trace).filter((e) => e.kind === 'send').length;
    const dropped = recentEvents(lossy.world.trace).filter((e) => e.kind === 'drop' && e.tag === 'dropped').length;
    expect(dropped / sent).toBeGreaterThan(0.35);
    expect(dropped / sent).toBeLessThan(0.65);
    const noisy = run([], 3000, { network: { latencyMs: [5, 15], drop: 0, duplicate: 0.5 } }, false);
    const pings = noisy.world.nodeIds.reduce((sum, id) => sum + state(noisy, id).pings, 0);
    const ticks = noisy.world.nodeIds.reduce((sum, id) => sum + state(noisy, id).ticks, 0);
    expect(pings).toBeGreaterThan(ticks * 1.3);
  });

  it('stops at the first violation and records it with the seed', () => {
    const sim = Simulation.create(pingSystem, config({ network: { latencyMs: [5, 15], drop: 0, duplicate: 1 } }), []);
    expect(sim.runUntil(3000)).toBe('violation');
    expect(sim.world.timeMs).toBeLessThan(3000);
    expect(sim.world.violations).toEqual([expect.objectContaining({ invariant: 'pongs-bounded', seed: 42 })]);
    expect(frame(sim).notable.at(-1)).toMatchObject({ kind: 'violation' });
  });

  it('"timeout" fires the election timer now and "leader" resolves at run time', () => {
    const sim = run([{ at: 10, do: 'timeout', node: 'n2' }, { at: 20, do: 'crash', node: 'leader' }], 30);
    expect(recentEvents(sim.world.trace).some((e) => e.kind === 'timeout' && e.node === 'n2')).toBe(true);
    expect(sim.world.nodes.n1.up).toBe(false);
  });

  it('records a client request and its reply in the history', () => {
    const sim = run([{ at: 10, do: 'request', node: 'n2', op: { f: 'write', key: 'x', value: 5 } }, { at: 100, do: 'request', node: 'n2', op: { f: 'read', key: 'x' } }], 500);
    expect(sim.world.history.map((e) => [e.type, e.f, e.value])).toEqual([
      ['invoke', 'write', 5], ['ok', 'write', 5], ['invoke', 'read', null], ['ok', 'read', 5],
    ]);
  });
});

describe('Session', () => {
  it('seeking back and forth lands on exactly the same states', () => {
    const session = new Session(pingSystem, config(), [{ at: 400, do: 'crash', node: 'n2' }, { at: 900, do: 'restart', node: 'n2' }], { checkpointEveryEvents: 50 });
    session.advanceTo(3000);
    const at3000 = frame(session.simulation).traceHash;
    session.seek(1200);
    const at1200 = frame(session.simulation).traceHash;
    session.seek(3000);
    expect(frame(session.simulation).traceHash).toBe(at3000);
    const fresh = new Session(pingSystem, config(), [{ at: 400, do: 'crash', node: 'n2' }, { at: 900, do: 'restart', node: 'n2' }]);
    fresh.seek(1200);
    expect(frame(fresh.simulation).traceHash).toBe(at1200);
  });

  it('an action injected live replays to the same hash from its recording', () => {
    const live = new Session(pingSystem, config(), []);
    live.advanceTo(333);
    live.inject({ do: 'crash', node: 'n3' });
    live.advanceTo(800);
    live.inject({ do: 'restart', node: 'n3' });
    live.advanceTo(2000);
    const replay = new Session(pingSystem, config(), live.recordedActions());
    replay.advanceTo(2000);
    expect(live.recordedActions()).toEqual([{ do: 'crash', node: 'n3', at: 333 }, { do: 'restart', node: 'n3', at: 800 }]);
    expect(frame(replay.simulation).traceHash).toBe(frame(live.simulation).traceHash);
  });

  it('acting in the past forks: later user actions are dropped', () => {
    const session = new Session(pingSystem, config(), [], { checkpointEveryEvents: 40 });
    session.advanceTo(500);
    session.inject({ do: 'crash', node: 'n1' });
    session.advanceTo(1500);
    session.seek(200);
    session.inject({ do: 'crash', node: 'n2' });
    session.advanceTo(1500);
    expect(session.recordedActions()).toEqual([{ do: 'crash', node: 'n2', at: 200 }]);
    expect(session.simulation.world.nodes.n1.up).toBe(true);
    expect(session.simulation.world.nodes.n2.up).toBe(false);
  });
});

describe('Session checkpoints and the client history', () => {
  it('after seeking back and forth the history is exactly that of a fresh run', async () => {
    const { defaultScenario, toWorldConfig } = await import('../../../src/scenarios/catalog');
    const { labById } = await import('../../../src/labs/registry');
    const scenario = defaultScenario('cap', 5);
    const session = new Session(labById('cap').system, toWorldConfig(scenario), scenario.actions, { checkpointEveryEvents: 300 });
    session.advanceTo(8000);
    session.seek(2500);
    const fresh = new Session(labById('cap').system, toWorldConfig(scenario), scenario.actions);
    fresh.advanceTo(2500);
    expect(session.simulation.world.history).toEqual(fresh.simulation.world.history);
    expect(session.simulation.world.history.length).toBeGreaterThan(10);
    session.seek(8000);
    fresh.advanceTo(8000);
    expect(session.simulation.world.history).toEqual(fresh.simulation.world.history);
    expect(frame(session.simulation).traceHash).toBe(frame(fresh.simulation).traceHash);
  });
});
