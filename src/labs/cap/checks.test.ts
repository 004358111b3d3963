// The CAP lab's live checks follow linearizability incrementally: over real runs (random faults,
// CP and AP, a mode switch, a seek back, a client crashed mid-operation) every frame's summary is
// the one the whole-window check gives; a window longer than the whole-window check's bound is
// judged whole; and a long run whose oldest events the engine dropped is checked from an unknown
// value.
import { describe, expect, it } from 'vitest';
import { Session } from '../../engine/session';
import { planScenario } from '../../scenarios/headless';
import { defaultScenario, toWorldConfig } from '../../scenarios/catalog';
import { labById } from '../registry';
import { CapChecks, LIVE_MAX_OPS, type CheckSummary } from './checks';

function session(scenario: ReturnType<typeof defaultScenario>, limits?: { historyEvents: number }): Session {
  return new Session(labById('cap').system, { ...toWorldConfig(scenario), ...(limits ? { limits } : {}) }, scenario.actions);
}

describe('CAP live checks, incremental', () => {
  it('give every frame the summary the whole-window check gives (random faults, CP and AP, a switch, a seek back)', () => {
    const verdicts: Record<string, number> = {};
    for (const mode of ['cp', 'ap'] as const) {
      for (let seed = 1; seed <= 3; seed++) {
        const untilMs = 24_000;
        const scenario = planScenario({ lab: 'cap', seed, untilMs, faults: 'random', params: { mode } });
        // Seed 3 switches mode half way (a new window for the checks).
        if (seed === 3) scenario.actions.push({ at: untilMs / 2, do: 'lab', name: 'setMode', mode: mode === 'cp' ? 'ap' : 'cp' });
        const run = session(scenario);
        const whole = new CapChecks({ incremental: false });
        const incremental = new CapChecks();
        const compare = (at: number) => {
          const expected: CheckSummary = whole.summarize(run.simulation);
          const actual = incremental.summarize(run.simulation);
          verdicts[`${mode} ${expected.linearizable}`] = (verdicts[`${mode} ${expected.linearizable}`] ?? 0) + 1;
          expect({ run: `${mode} seed ${seed}`, at, ...actual }).toEqual({ run: `${mode} seed ${seed}`, at, ...expected });
        };
        const frameMs = 61 + seed * 17;
        for (let at = 0; at <= untilMs; at += frameMs) {
          // Half way through, the viewer seeks back 3 s and plays on from there.
          if (at === Math.floor(untilMs / 2 / frameMs) * frameMs) run.seek(at - 3000);
          else run.advanceTo(at);
          compare(at);
        }
      }
    }
    // Both verdicts were compared, in both modes' runs.
    expect(verdicts['cp true']).toBeGreaterThan(300);
    expect(verdicts['ap false']).toBeGreaterThan(300);
  });

  it('keep deciding while a crashed client leaves its operation pending for good, as the whole-window check does', () => {
    const scenario = defaultScenario('cap', 4);
    scenario.actions = [{ at: 2150, do: 'crash', node: 'c1' }]; // c1 invoked at 2.09 s, replied to at 2.19 s
    const run = session(scenario);
    const whole = new CapChecks({ incremental: false });
    const incremental = new CapChecks();
    for (let at = 250; at <= 30_000; at += 250) {
      run.advanceTo(at);
      const expected = whole.summarize(run.simulation);
      expect({ at, ...incremental.summarize(run.simulation) }).toEqual({ at, ...expected });
      expect(expected.linearizable).toBe(true);
    }
    const history = run.simulation.world.history;
    const open = history.filter((e) => e.client === 'c1' && e.type === 'invoke').length - history.filter((e) => e.client === 'c1' && e.type !== 'invoke').length;
    expect(open).toBe(1);
  });

  it('keep a readable history when a client crashed mid-operation restarts: the lost operation ends as info and the client takes a fresh process', () => {
    const scenario = defaultScenario('cap', 4);
    scenario.actions = [{ at: 2150, do: 'crash', node: 'c1' }, { at: 4000, do: 'restart', node: 'c1' }];
    const run = session(scenario);
    const checks = new CapChecks();
    for (let at = 1000; at <= 30_000; at += 1000) {
      run.advanceTo(at);
      const summary = checks.summarize(run.simulation);
      expect(summary.explanation?.sentence ?? '').not.toMatch(/unreadable/);
      expect(summary.linearizable).toBe(true);
    }
    const mine = run.simulation.world.history.filter((e) => e.client === 'c1');
    const crashed = mine.filter((e) => e.time! < 2150 && e.type === 'invoke').pop()!;
    const lost = mine.find((e) => e.type === 'info' && e.process === crashed.process && e.time === 4000);
    expect(lost).toMatchObject({ f: crashed.f, key: crashed.key });
    const later = mine.filter((e) => e.time! > 4000 && e.type === 'invoke');
    expect(later.length).toBeGreaterThan(3);
    for (const event of later) expect(event.process).not.toBe(crashed.process);
  });

  it('judge a window longer than the whole-window check kept, whole (busy clients, CP, no faults)', () => {
    const scenario = defaultScenario('cap', 5);
    scenario.params = { ...scenario.params, mode: 'cp' };
    scenario.workload = { clients: 9, intervalMs: [5, 20], timeoutMs: 1000, mix: { read: 2, write: 2, cas: 1 }, keys: ['x'] };
    const run = session(scenario);
    const checks = new CapChecks();
    let summary: CheckSummary | null = null;
    for (let at = 1000; at <= 30_000; at += 1000) {
      run.advanceTo(at);
      summary = checks.summarize(run.simulation);
      expect(summary.linearizable).toBe(true);
    }
    expect(summary!.checkedOps).toBeGreaterThan(LIVE_MAX_OPS + 200);
    expect(summary!.droppedOps).toBe(0);
  });

  it('check a run whose oldest events the engine dropped from an unknown value, as the CLI verdict does', () => {
    for (const seed of [1, 2]) {
      const run = session(defaultScenario('cap', seed), { historyEvents: 400 });
      const checks = new CapChecks();
      for (let at = 1000; at <= 40_000; at += 250) {
        run.advanceTo(at);
        expect({ at, verdict: checks.summarize(run.simulation).linearizable }).toEqual({ at, verdict: true });
      }
      expect(run.simulation.world.historyDropped).toBeGreaterThan(300);
    }
  });
});
