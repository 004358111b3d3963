// The worker session under pressure: a seek right after a load, a violation mid-playback, and a
// long seek that comes back in slices.
import { describe, expect, it } from 'vitest';
import type { Frame } from '../engine/frame';
import { FakeSimulation, flush, makeFrame } from '../../tests/component/fixtures';
import { SimulationSession } from './simulation-session.svelte';

const scenario = { lab: 'raft', seed: 3, nodes: 3, actions: [] };
const violation = { invariant: 'election-safety', message: 'two leaders in term 2: n1 and n3', timeMs: 212, seed: 2 };

describe('SimulationSession races', () => {
  it('a seek asked for in the same tick as a load waits for it: the load succeeds and the seek lands on the new run', async () => {
    const fake = new FakeSimulation();
    const session = new SimulationSession(fake);
    await session.load(scenario);
    const loading = session.load({ ...scenario, seed: 9 });
    const seeking = session.seek(700);
    expect(await loading).toBe(true);
    await seeking;
    expect(fake.calls.map((call) => call.method)).toEqual(['load', 'load', 'seek']);
    expect(session.frame?.seed).toBe(9);
    expect(session.frame?.timeMs).toBe(700);
  });

  it('an advance that brings a new violation drops the advances wanted meanwhile, so playback stops on it', async () => {
    const fake = new FakeSimulation();
    fake.advanceTo = async (timeMs: number): Promise<Frame> => {
      fake.calls.push({ method: 'advanceTo', args: [timeMs] });
      // The engine stops at the violating moment, short of the wanted time.
      fake.current = timeMs >= 212 ? { ...fake.current, timeMs: 212, violations: [violation] } : { ...fake.current, timeMs };
      return fake.current;
    };
    const session = new SimulationSession(fake);
    await session.load(scenario);
    session.requestAdvance(300);
    session.requestAdvance(400);
    await flush(10);
    expect(fake.calls.filter((call) => call.method === 'advanceTo').map((call) => call.args[0])).toEqual([300]);
    expect(session.frame?.timeMs).toBe(212);
  });

  it('a seek answered in slices keeps asking until it arrives, showing where it is heading', async () => {
    const fake = new FakeSimulation(makeFrame({ timeMs: 0 }));
    const seen: (number | null)[] = [];
    let calls = 0;
    fake.seek = async (timeMs: number): Promise<Frame> => {
      fake.calls.push({ method: 'seek', args: [timeMs] });
      calls++;
      const { seekingToMs: _done, ...rest } = fake.current;
      fake.current = calls < 3 ? { ...rest, timeMs: calls * 100, eventCount: calls, seekingToMs: timeMs } : { ...rest, timeMs };
      return fake.current;
    };
    const session = new SimulationSession(fake, { onFrame: () => seen.push(session.seekingToMs) });
    await session.load(scenario);
    await session.seek(1000);
    expect(fake.count('seek')).toBe(3);
    expect(seen).toEqual([null, 1000, 1000, null]);
    expect(session.seekingToMs).toBeNull();
    expect(session.frame?.timeMs).toBe(1000);
  });
});
