// Actors with roles (the engine's part of the lab platform): every actor gets a context with its
// role, roster, servers, home, seeded stream and run-wide counters; an actor with a home shares
// its links; exact and quiet timers; history effects; spawning during a run.
import { recentEvents } from '../../../src/engine/trace';
import { describe, expect, it } from 'vitest';
import type { ActorSystem } from '../../../src/engine/system';
import { Simulation } from '../../../src/engine/simulation';
import type { Effect, NodeContext, Protocol } from '../../../src/engine/types';
import { pingActors, pingConfig, pingSystem } from './ping-protocol';

interface ProbeState {
  seen: string[];
  contexts: Omit<NodeContext, 'rng' | 'next' | 'peek' | 'params'>[];
  values: number[];
}

/** A probe: records what its context says, takes counter values, and sends or times as asked. */
const probe: Protocol<ProbeState, null> = {
  id: 'probe',
  init: (ctx) => {
    const { id, role, peers, roster, servers, home, clockMs } = ctx;
    const effects: Effect[] = [
      { kind: 'set-timer', timer: 'exact', afterMs: 37 },
      { kind: 'set-timer', timer: 'hush', afterMs: 50, quiet: true },
    ];
    return [{ seen: [], contexts: [{ id, role, peers: [...peers], roster: structuredClone(roster), servers: [...servers], home, clockMs }], values: [ctx.peek('shared', 10), ctx.next('shared', 10), ctx.next('shared', 10)] }, effects];
  },
  onTimer: (state, timer, ctx) => {
    const effects: Effect[] = [{ kind: 'history', event: { process: 0, type: 'invoke', f: 'read', key: timer, client: ctx.id } }];
    if (timer === 'exact') for (const server of ctx.servers) effects.push({ kind: 'send', to: server, message: { type: 'Ping', n: 0 } });
    return [{ ...state, seen: [...state.seen, `${timer}@${ctx.clockMs}`] }, effects];
  },
  onMessage: (state, from, message) => [{ ...state, seen: [...state.seen, `${message.type} from ${from}`] }, []],
  persisted: () => null,
  recover: () => [{ seen: [], contexts: [], values: [] }, []],
  view: () => ({ role: 'probe', summary: '', details: {} }),
};

const system: ActorSystem = { ...pingSystem, protocols: { ...pingSystem.protocols, probe } };

function probeSim(actions: Parameters<typeof Simulation.create>[2] = []) {
  const actors = [...pingActors(3), { id: 'p1', role: 'probe', home: 'n1' }, { id: 'p2', role: 'probe' }];
  return Simulation.create(system, pingConfig({ actors, limits: { traceEvents: 100_000 } }), actions);
}

const probeState = (sim: Simulation, id: string) => sim.world.nodes[id].state as ProbeState;

describe('actors with roles', () => {
  it('each actor’s context names its role, its peers of that role, the roster, the servers and its home', () => {
    const sim = probeSim();
    expect(sim.world.actorIds).toEqual(['n1', 'n2', 'n3', 'p1', 'p2']);
    expect(sim.world.nodeIds).toEqual(['n1', 'n2', 'n3']);
    expect(sim.snapshots.map((snapshot) => snapshot.id)).toEqual(['n1', 'n2', 'n3']);
    expect(probeState(sim, 'p1').contexts[0]).toEqual({
      id: 'p1', role: 'probe', peers: ['p2'], roster: { server: ['n1', 'n2', 'n3'], probe: ['p1', 'p2'] }, servers: ['n1', 'n2', 'n3'], home: 'n1', clockMs: 0,
    });
    expect(probeState(sim, 'p2').contexts[0]).toMatchObject({ home: null, peers: ['p1'] });
    expect(sim.context('n2')).toMatchObject({ role: 'server', peers: ['n1', 'n3'], home: null });
  });

  it('counters are run-wide: next hands out each value once, peek does not take one', () => {
    const sim = probeSim();
    expect(probeState(sim, 'p1').values).toEqual([10, 10, 11]);
    expect(probeState(sim, 'p2').values).toEqual([12, 12, 13]);
    expect(sim.world.counters.shared).toBe(14);
  });

  it('afterMs is an exact delay; a quiet timer leaves no trace record; history is stamped with the time', () => {
    const sim = probeSim();
    sim.runUntil(100, Infinity, false);
    expect(probeState(sim, 'p2').seen.filter((s) => s.includes('@'))).toEqual(['exact@37', 'hush@50']);
    const timers = recentEvents(sim.world.trace).filter((e) => e.kind === 'timer' && e.node === 'p2');
    expect(timers.map((e) => [e.tag, e.timeMs])).toEqual([['exact', 37]]);
    expect(sim.world.history.filter((e) => e.client === 'p2')).toEqual([
      { process: 0, type: 'invoke', f: 'read', key: 'exact', client: 'p2', time: 37 },
      { process: 0, type: 'invoke', f: 'read', key: 'hush', client: 'p2', time: 50 },
    ]);
  });

  it('an actor with a home shares its links: cutting its home off a server cuts it off too', () => {
    const sim = probeSim([{ at: 0, do: 'cut', from: 'n1', to: 'n2' }]);
    sim.runUntil(200, Infinity, false);
    const events = recentEvents(sim.world.trace);
    // p1 sits beside n1: its ping to n2 is cut; p2 has links of its own.
    expect(events.some((e) => e.kind === 'drop' && e.from === 'p1' && e.to === 'n2' && e.tag === 'cut')).toBe(true);
    expect(events.some((e) => e.kind === 'deliver' && e.from === 'p1' && e.to === 'n3')).toBe(true);
    expect(events.some((e) => e.kind === 'deliver' && e.from === 'p2' && e.to === 'n2')).toBe(true);
    expect(sim.canReach('p1', 'n2')).toBe(false);
    expect(sim.canReach('p1', 'n1')).toBe(true);
    expect(sim.canReach('p2', 'n2')).toBe(true);
  });

  it('a cut between an actor and its home separates them alone', () => {
    const sim = probeSim([{ at: 0, do: 'cut', from: 'p1', to: 'n1' }]);
    sim.runUntil(200, Infinity, false);
    expect(sim.canReach('p1', 'n1')).toBe(false);
    expect(sim.canReach('p1', 'n2')).toBe(true);
    expect(recentEvents(sim.world.trace).some((e) => e.kind === 'drop' && e.from === 'p1' && e.to === 'n1' && e.tag === 'cut')).toBe(true);
    expect(probeState(sim, 'p1').seen).not.toContain('Ping from n1');
  });

  it('a crashed or paused non-server actor is handled like a node', () => {
    const sim = probeSim([{ at: 10, do: 'crash', node: 'p2' }, { at: 10, do: 'pause', node: 'p1', durationMs: 100 }]);
    sim.runUntil(200, Infinity, false);
    expect(sim.world.nodes.p2.up).toBe(false);
    expect(sim.world.history.filter((e) => e.client === 'p2')).toEqual([]);
    // p1's timers expired during the pause and fired late, at 110.
    expect(probeState(sim, 'p1').seen.filter((s) => s.includes('@'))).toEqual(['exact@110', 'hush@110']);
    expect(sim.world.violations).toEqual([]);
  });

  it('spawn adds an actor during the run (not a server), once', () => {
    const sim = probeSim();
    sim.runUntil(60, Infinity, false);
    sim.spawn({ id: 'p3', role: 'probe', home: 'n3' });
    sim.spawn({ id: 'p3', role: 'probe', home: 'n2' });
    expect(sim.world.actorIds).toEqual(['n1', 'n2', 'n3', 'p1', 'p2', 'p3']);
    expect(sim.world.roster.probe).toEqual(['p1', 'p2', 'p3']);
    expect(sim.world.home.p3).toBe('n3');
    expect(sim.world.nodeIds).toEqual(['n1', 'n2', 'n3']);
    expect(sim.isServer('p3')).toBe(false);
    expect(probeState(sim, 'p3').values).toEqual([14, 14, 15]);
    expect(probeState(sim, 'p3').contexts[0].clockMs).toBe(60);
    sim.runUntil(200, Infinity, false);
    expect(probeState(sim, 'p3').seen).toContain('exact@97');
  });

  it('an actor of a role without a protocol is an engine error naming it', () => {
    expect(() => Simulation.create(system, pingConfig({ actors: [...pingActors(3), { id: 'x1', role: 'ghost' }] }), [])).toThrow(/no protocol for role "ghost" of x1/);
  });
});
