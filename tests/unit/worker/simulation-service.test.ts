import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationApi } from '../../../src/worker/api';
import { SimulationService } from '../../../src/worker/simulation-service';
import { runHeadless } from '../../../src/scenarios/headless';
import { defaultScenario } from '../../../src/scenarios/catalog';

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
    const bad = await remote.load({ lab: 'raft', seed: -1, nodes: 42, actions: 'nope' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['seed', 'nodes', 'actions']));
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
});
