// Seeking starts from the nearest checkpoint in both directions, and long seeks go in slices.
import { describe, expect, it } from 'vitest';
import { buildFrame } from '../../../src/engine/frame-builder';
import { Session } from '../../../src/engine/session';
import { labById } from '../../../src/labs/registry';
import { defaultScenario, toWorldConfig } from '../../../src/scenarios/catalog';

function capSession(checkpointEveryEvents = 500): Session {
  const scenario = defaultScenario('cap', 4);
  return new Session(labById('cap').system, toWorldConfig(scenario), scenario.actions, { checkpointEveryEvents });
}

const hash = (session: Session) => buildFrame(session.simulation, () => ({ label: '', kind: '' })).traceHash;

describe('Session.seek', () => {
  it('going forward again after a seek back restores a checkpoint near the target instead of replaying from the start', () => {
    const session = capSession();
    session.advanceTo(20_000);
    const atEnd = hash(session);
    session.seek(1000);
    session.seek(19_000);
    expect(session.lastSeek.fromMs).toBeGreaterThan(15_000);
    session.advanceTo(20_000);
    expect(hash(session)).toBe(atEnd);
  });

  it('a seek capped at N events stops part way, and calling again arrives at the same state as one long seek', () => {
    const sliced = capSession(100_000);
    let reason = sliced.seek(15_000, 2_000);
    expect(reason).toBe('limit');
    expect(sliced.timeMs).toBeLessThan(15_000);
    let calls = 1;
    while (reason === 'limit') {
      reason = sliced.seek(15_000, 2_000);
      calls++;
    }
    expect(calls).toBeGreaterThan(2);
    const whole = capSession(100_000);
    whole.seek(15_000);
    expect(sliced.timeMs).toBe(15_000);
    expect(hash(sliced)).toBe(hash(whole));
    expect(sliced.simulation.world.history).toEqual(whole.simulation.world.history);
  });

  it('after a fork in the past, seeking forward never restores a checkpoint of the abandoned future', () => {
    const session = capSession();
    session.advanceTo(12_000);
    session.seek(3000);
    session.inject({ do: 'crash', node: 'n1' });
    session.seek(11_000);
    expect(session.simulation.world.nodes.n1.up).toBe(false);
    const replay = capSession();
    replay.seek(3000);
    replay.inject({ do: 'crash', node: 'n1' });
    replay.advanceTo(11_000);
    expect(hash(session)).toBe(hash(replay));
  });
});
