import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { inFlightMessages } from '../../../src/engine/in-flight';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationApi } from '../../../src/worker/api';
import { SimulationService } from '../../../src/worker/simulation-service';
import { runHeadless } from '../../../src/scenarios/headless';
import { defaultScenario } from '../../../src/scenarios/catalog';
import { labById } from '../../../src/labs/registry';

const ports: { close(): void }[] = [];
afterEach(() => ports.splice(0).forEach((port) => port.close()));

/** The real Comlink boundary, over a MessageChannel in this thread (as Comlink's own tests do). */
function connect(): Comlink.Remote<SimulationApi> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(new SimulationService(), port1 as unknown as Comlink.Endpoint);
  return Comlink.wrap<SimulationApi>(port2 as unknown as Comlink.Endpoint);
}

describe('SimulationService through Comlink', () => {
  it('gives the same trace hash as a headless run of the same scenario and seed', async () => {
    const remote = connect();
    const scenario = { ...defaultScenario('raft', 11), actions: [{ at: 1200, do: 'crash' as const, node: 'leader' as const }] };
    const loaded = await remote.load(scenario);
    expect(loaded.ok).toBe(true);
    let frame = await remote.advanceTo(1000);
    for (let t = 1000; t <= 4000; t += 333) frame = await remote.advanceTo(t);
    frame = await remote.advanceTo(4000);
    const headless = runHeadless({ ...scenario, until: 4000 });
    expect(frame.traceHash).toBe(headless.traceHash);
    expect(frame.eventCount).toBe(headless.events);
  });

  it('records injected actions so a replay reaches the same hash', async () => {
    const remote = connect();
    await remote.load(defaultScenario('raft', 3));
    await remote.advanceTo(900);
    const injected = await remote.inject({ do: 'crash', node: 'leader' });
    expect(injected.ok).toBe(true);
    await remote.advanceTo(2500);
    const cut = await remote.inject({ do: 'cut', from: 'n1', to: 'n2' });
    expect(cut.ok).toBe(true);
    const live = await remote.advanceTo(5000);
    const recorded = await remote.recorded();
    expect(recorded.actions).toHaveLength(2);
    const replay = connect();
    await replay.load(recorded);
    const replayed = await replay.advanceTo(5000);
    expect(replayed.traceHash).toBe(live.traceHash);
  });

  it('rejects a malformed scenario with coded issues and keeps working', async () => {
    const remote = connect();
    const bad = await remote.load({ lab: 'raft', seed: -1, nodes: 99, actions: 'nope' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['seed', 'nodes', 'actions']));
    // A size the schema allows but the lab does not (raft: 3–9 servers) is the lab's issue.
    const tooBig = await remote.load({ lab: 'raft', seed: 1, nodes: 42, actions: [] });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.issues).toEqual([expect.objectContaining({ path: 'nodes', message: expect.stringMatching(/3 to 9/) })]);
    const unknownNode = await remote.load({ lab: 'raft', seed: 1, nodes: 3, actions: [{ at: 5, do: 'crash', node: 'n7' }] });
    expect(unknownNode.ok).toBe(false);
    const good = await remote.load(defaultScenario('raft', 1));
    expect(good.ok).toBe(true);
  });

  it('refuses a malformed injected action without changing the run', async () => {
    const remote = connect();
    await remote.load(defaultScenario('raft', 5));
    const before = await remote.advanceTo(500);
    const result = await remote.inject({ do: 'crash', node: 'n99' } as never);
    expect(result.ok).toBe(false);
    expect(result.frame.traceHash).toBe(before.traceHash);
    expect((await remote.recorded()).actions).toHaveLength(0);
  });

  it('forks a shared run loaded as a recording: acting earlier drops its later actions', async () => {
    const remote = connect();
    const shared = { ...defaultScenario('raft', 4), actions: [{ at: 300, do: 'crash' as const, node: 'n1' as const }, { at: 2000, do: 'crash' as const, node: 'n2' as const }] };
    await remote.load(shared, { recordedFrom: 0 });
    await remote.advanceTo(3000);
    await remote.seek(1000);
    const forked = await remote.inject({ do: 'crash', node: 'n3' });
    expect(forked.ok).toBe(true);
    const after = await remote.advanceTo(3000);
    expect(after.nodes.find((node) => node.id === 'n2')?.up).toBe(true);
    expect((await remote.recorded()).actions).toEqual([{ at: 300, do: 'crash', node: 'n1' }, { at: 1000, do: 'crash', node: 'n3' }]);
    // Loaded as a script instead, the same actions always happen.
    const scripted = connect();
    await scripted.load(shared);
    await scripted.seek(1000);
    await scripted.inject({ do: 'crash', node: 'n3' });
    const kept = await scripted.advanceTo(3000);
    expect(kept.nodes.find((node) => node.id === 'n2')?.up).toBe(false);
  });

  it('seeks back to an earlier moment exactly', async () => {
    const remote = connect();
    await remote.load(defaultScenario('raft', 9));
    const at800 = await remote.advanceTo(800);
    await remote.advanceTo(6000);
    const back = await remote.seek(800);
    expect(back.traceHash).toBe(at800.traceHash);
    expect(back.timeMs).toBe(800);
  });

  it('steps to the next moment something happens', async () => {
    const remote = connect();
    await remote.load(defaultScenario('raft', 2));
    const first = await remote.frame();
    const next = await remote.step();
    expect(next.timeMs).toBeGreaterThan(first.timeMs);
    expect(next.eventCount).toBeGreaterThan(first.eventCount);
  });

  it('a CAP frame: every actor with role and home, only cut links, labelled messages, the lab’s view', async () => {
    const remote = connect();
    expect((await remote.load(defaultScenario('cap', 4))).ok).toBe(true);
    let frame = await remote.advanceTo(1500);
    expect(frame.nodes.map((node) => [node.id, node.role, node.home])).toEqual([
      ['n1', 'server', null], ['n2', 'server', null], ['n3', 'server', null], ['n4', 'server', null], ['n5', 'server', null],
      ['c1', 'client', 'n1'], ['c2', 'client', 'n2'], ['c3', 'client', 'n3'],
    ]);
    expect(frame.links).toEqual([]);
    expect(frame.messages.length).toBeGreaterThan(0);
    for (const message of frame.messages) {
      expect(typeof message.label).toBe('string');
      expect(message.label.length).toBeGreaterThan(0);
      expect(typeof message.kind).toBe('string');
    }
    // The lab's descriptor names them, message by message, from the payloads on the wire.
    const cap = labById('cap');
    const wire = inFlightMessages(runHeadless({ ...defaultScenario('cap', 4), until: 1500 }).simulation.world);
    expect(frame.messages.map(({ id, label, kind }) => ({ id, label, kind }))).toEqual(
      wire.map(({ id, payload }) => ({ id, ...cap.describeMessage(payload) })),
    );
    const kinds = new Set(cap.messageKinds.map((spec) => spec.kind));
    for (const message of frame.messages) expect(kinds.has(message.kind), message.kind).toBe(true);
    expect(new Set(frame.messages.map((message) => message.kind)).size).toBeGreaterThan(1);
    const view = frame.labView as { mode: string; checks: { linearizable: unknown; mode: string | null } };
    expect(view.mode).toBe('cp');
    expect(view.checks.mode).toBe('cp');
    expect(view.checks.linearizable).toBe(true);
    expect(frame).not.toHaveProperty('checks');
    expect(frame).not.toHaveProperty('mode');
    expect(frame).not.toHaveProperty('clients');
    // A cut between a client and its home is listed; so is a lab action's effect on the view.
    expect((await remote.inject({ do: 'cut', from: 'c1', to: 'n1' })).ok).toBe(true);
    const switched = await remote.inject({ do: 'lab', name: 'setMode', mode: 'ap' });
    expect(switched.ok).toBe(true);
    frame = switched.frame;
    expect(frame.links.map(({ from, to, up }) => [from, to, up]).sort()).toEqual([['c1', 'n1', false], ['n1', 'c1', false]]);
    expect((frame.labView as { mode: string }).mode).toBe('ap');
    // The keyboard's request spawns a one-shot client beside the node it asks.
    const asked = await remote.inject({ do: 'request', node: 'n2', op: { f: 'write', key: 'x', value: 7 } });
    expect(asked.ok).toBe(true);
    expect(asked.frame.nodes.find((node) => node.id === 'u2')).toMatchObject({ role: 'user', home: 'n2', up: true });
    // The recorded actions keep the lab action in its current spelling.
    expect((await remote.recorded()).actions.map((action) => action.do)).toEqual(['cut', 'lab', 'request']);
  });
});

describe('a load the engine cannot start', () => {
  it('is refused with a message and leaves the previous run whole', () => {
    const service = new SimulationService();
    const first = service.load({ ...defaultScenario('cap', 3), actions: [{ at: 500, do: 'crash', node: 'n1' }] });
    expect(first.ok).toBe(true);
    const raft = labById('raft');
    const original = raft.createProjection;
    raft.createProjection = () => {
      throw new Error('projection broke');
    };
    try {
      const second = service.load(defaultScenario('raft', 9));
      expect(second).toMatchObject({ ok: false, issues: [{ code: 'engine.error', message: 'projection broke' }] });
    } finally {
      raft.createProjection = original;
    }
    const kept = service.recorded();
    expect(kept.lab).toBe('cap');
    expect(kept.seed).toBe(3);
    expect(service.frame().lab).toBe('cap');
  });
});
