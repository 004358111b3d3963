// The CRDT lab headless: every real type converges over random-fault seeds, the naive counter loses
// increments in some, the tour's steps complete after their "Do it for me", and a user's operation
// lands on the replica it names.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import { REAL_CRDTS } from '../../protocols/crdt/index';
import { defaultScenario } from '../../scenarios/catalog';
import { planScenario, runHeadless } from '../../scenarios/headless';
import { SimulationService } from '../../worker/simulation-service';
import lab from './lab';
import { crdtTour } from './tour';
import type { CrdtView } from './verdict';

function verdicts(type: string, seeds: number) {
  return Array.from({ length: seeds }, (_, i) => {
    const result = runHeadless(planScenario({ lab: 'crdt', seed: i + 1, untilMs: 6000, faults: 'random', params: { type } }));
    expect(result.violations).toEqual([]);
    return lab.verdict!(result.simulation).fields;
  });
}

describe('crdt lab, random faults', () => {
  it.each(REAL_CRDTS)('%s converges once quiet in every one of 25 seeds', (type) => {
    for (const fields of verdicts(type, 25)) expect(fields.converged).toBe(true);
  });

  it('g-counter loses no increment; the naive counter loses some', () => {
    expect(verdicts('g-counter', 10).every((f) => f.lostUpdates === 0)).toBe(true);
    const naive = verdicts('naive-counter', 10);
    expect(naive.some((f) => (f.lostUpdates as number) > 0)).toBe(true);
    for (const f of naive) expect(f.lostUpdates).toBe((f.expected as number) - (f.observed as number));
  });

  it('a PN-Counter used as a balance overdraws in some seeds', () => {
    expect(verdicts('pn-counter', 10).some((f) => (f.overdraft as number) < 0)).toBe(true);
  });
});

describe('crdt lab, interactions and tour', () => {
  function service(params: Record<string, unknown> = {}) {
    const s = new SimulationService();
    const scenario = defaultScenario('crdt', 4);
    scenario.params = { ...scenario.params, ...params };
    if (!s.load({ ...scenario, until: 60_000 }).ok) throw new Error('load failed');
    return s;
  }
  const viewOf = (frame: Frame) => frame.labView as CrdtView;

  it('an op action increments the named replica, and setType starts every replica afresh', () => {
    const s = service({ opIntervalMs: [0, 0] });
    s.advanceTo(100);
    const after = s.inject({ do: 'lab', name: 'op', node: 'n2', op: 'inc' } as Action);
    if (!after.ok) throw new Error(after.error);
    expect(viewOf(after.frame).replicas.map((r) => r.value)).toEqual(['0', '1', '0']);
    const switched = s.inject({ do: 'lab', name: 'setType', type: 'or-set' } as Action);
    if (!switched.ok) throw new Error(switched.error);
    expect(viewOf(switched.frame).type).toBe('or-set');
    expect(viewOf(switched.frame).replicas.map((r) => r.value)).toEqual(['{}', '{}', '{}']);
  });

  it('every tour step completes after its "Do it for me"', () => {
    const s = service();
    let frame = s.advanceTo(200);
    for (const step of crdtTour.steps) {
      const start = frame;
      for (const action of step.doIt?.actions(frame) ?? []) {
        const result = s.inject(action as Action);
        if (!result.ok) throw new Error(result.error);
        frame = result.frame;
      }
      for (let i = 0; i < 150 && !step.done(frame, start); i++) frame = s.advanceTo(frame.timeMs + 100);
      expect(step.done(frame, start), `${step.id} not done by ${frame.timeMs} ms`).toBe(true);
      expect(step.doneText(frame, start)).not.toBe('');
    }
  });
});
