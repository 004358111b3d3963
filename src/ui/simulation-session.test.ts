// The page's worker session: one advance in flight, latest time wins, stale answers ignored.
import { describe, expect, it } from 'vitest';
import { FakeSimulation, flush, makeFrame } from '../../tests/component/fixtures';
import { SimulationSession } from './simulation-session.svelte';

const scenario = { lab: 'raft', seed: 3, nodes: 3, actions: [] };

describe('SimulationSession', () => {
  it('starts, loads and keeps the frame', async () => {
    const fake = new FakeSimulation();
    const causes: string[] = [];
    const session = new SimulationSession(fake, { onFrame: (_, cause) => causes.push(cause) });
    expect(session.status).toBe('starting');
    expect(await session.load(scenario)).toBe(true);
    expect(session.status).toBe('ready');
    expect(session.frame?.seed).toBe(3);
    expect(causes).toEqual(['load']);
  });

  it('keeps one advance in flight and sends only the latest wanted time next', async () => {
    const fake = new FakeSimulation();
    const session = new SimulationSession(fake);
    await session.load(scenario);
    fake.holdAdvances = true;
    session.requestAdvance(10);
    session.requestAdvance(20);
    session.requestAdvance(30);
    await flush();
    expect(fake.calls.filter((c) => c.method === 'advanceTo').map((c) => c.args[0])).toEqual([10]);
    fake.holdAdvances = false;
    fake.release();
    await flush(10);
    expect(fake.calls.filter((c) => c.method === 'advanceTo').map((c) => c.args[0])).toEqual([10, 30]);
    expect(session.frame?.timeMs).toBe(30);
  });

  it('does not ask for a time the frame has already reached', async () => {
    const fake = new FakeSimulation();
    const session = new SimulationSession(fake);
    await session.load(scenario);
    session.requestAdvance(0);
    await flush();
    expect(fake.count('advanceTo')).toBe(0);
  });

  it('drops an answer that belongs to the previous load', async () => {
    const fake = new FakeSimulation();
    const session = new SimulationSession(fake);
    await session.load(scenario);
    fake.holdAdvances = true;
    session.requestAdvance(500);
    await flush();
    const reload = session.load({ ...scenario, seed: 9 });
    fake.release();
    await reload;
    await flush(10);
    expect(session.frame?.seed).toBe(9);
    expect(session.frame?.timeMs).toBe(0);
    expect(fake.count('advanceTo')).toBe(1);
  });

  it('injects actions and reports refusals as a notice', async () => {
    const fake = new FakeSimulation();
    const session = new SimulationSession(fake);
    await session.load(scenario);
    expect(await session.inject({ do: 'heal' })).toBe(true);
    fake.inject = async () => ({ ok: false, error: 'no leader', frame: makeFrame() });
    expect(await session.inject({ do: 'crash', node: 'leader' })).toBe(false);
    expect(session.notice).toBe('no leader');
    expect(session.status).toBe('ready');
  });

  it('reports an invalid scenario', async () => {
    const fake = new FakeSimulation();
    fake.load = async () => ({ ok: false, issues: [{ code: 'nodes.range', path: 'nodes', message: 'must be 3 to 9' }] });
    const session = new SimulationSession(fake);
    expect(await session.load(scenario)).toBe(false);
    expect(session.status).toBe('failed');
    expect(session.error).toContain('nodes: must be 3 to 9');
  });

  it('says so when the worker never answers', async () => {
    const fake = new FakeSimulation();
    fake.load = () => new Promise(() => {});
    const session = new SimulationSession(fake, { startTimeoutMs: 10 });
    expect(await session.load(scenario)).toBe(false);
    expect(session.status).toBe('failed');
    expect(session.error).toMatch(/did not answer/);
  });

  it('says so when the worker throws', async () => {
    const fake = new FakeSimulation();
    const session = new SimulationSession(fake);
    await session.load(scenario);
    fake.step = async () => {
      throw new Error('engine assertion: queue out of order (seed 3, 120 ms)');
    };
    await session.step();
    expect(session.status).toBe('failed');
    expect(session.error).toContain('engine assertion');
  });

  it('keeps the running scenario when an import or host load is invalid', async () => {
    const fake = new FakeSimulation();
    const session = new SimulationSession(fake);
    await session.load(scenario);
    const issues = [{ code: 'nodes.range', path: 'nodes', message: 'must be 3 to 9' }];
    fake.load = async () => ({ ok: false, issues });
    expect(await session.load(scenario, { keepOnInvalid: true })).toBe(false);
    expect(session.status).toBe('ready');
    expect(session.loadIssues).toEqual(issues);
    expect(session.frame).not.toBeNull();
  });

  it('seeks with the latest wanted time only, and drops advances sent before the seek', async () => {
    const fake = new FakeSimulation();
    const causes: string[] = [];
    const session = new SimulationSession(fake, { onFrame: (_, cause) => causes.push(cause) });
    await session.load(scenario);
    fake.holdAdvances = true;
    session.requestAdvance(5000);
    await flush();
    const seeking = session.seek(1000);
    void session.seek(1100);
    void session.seek(1200);
    fake.holdAdvances = false;
    fake.release();
    await seeking;
    await flush(20);
    expect(fake.calls.filter((call) => call.method === 'seek').map((call) => call.args[0])).toEqual([1000, 1200]);
    expect(session.frame?.timeMs).toBe(1200);
    expect(causes).toEqual(['load', 'seek', 'seek']);
  });

  it('hands out the recorded scenario once loaded', async () => {
    const fake = new FakeSimulation();
    const session = new SimulationSession(fake);
    expect(await session.recorded()).toBeNull();
    await session.load(scenario);
    expect(await session.recorded()).toMatchObject({ lab: 'raft', seed: 3 });
  });
});
