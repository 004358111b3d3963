// The clocks lab headless: the checker holds correct clocks over random-fault seeds, stops a run
// whose receive rule is broken, finds LWW losing later writes on physical timestamps and never on
// hybrid ones; a user's send makes a send and a receive event whose stamps follow the rules.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/actions';
import { defaultScenario } from '../../scenarios/catalog';
import { planScenario, runHeadless } from '../../scenarios/headless';
import { SimulationService } from '../../worker/simulation-service';
import lab from './lab';
import type { ClocksView } from './verdict';

function fields(seed: number, params: Record<string, unknown> = {}) {
  const result = runHeadless(planScenario({ lab: 'clocks', seed, untilMs: 6000, faults: 'random', params }));
  return { violations: result.violations, ...(lab.verdict!(result.simulation).fields as Record<string, unknown>) } as Record<string, any> & { violations: typeof result.violations };
}

describe('clocks lab, random faults', () => {
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);

  it('correct clocks hold the clock condition; Lamport orders concurrent pairs in every seed', () => {
    for (const seed of seeds) {
      const f = fields(seed);
      expect(f.violations).toEqual([]);
      expect(f.clockCondition).toBe(true);
      expect(f.lamportOrderedConcurrent as number).toBeGreaterThan(0);
    }
  });

  it('physical LWW loses causally later writes in some seeds; hybrid LWW in none', () => {
    expect(seeds.some((seed) => (fields(seed).lwwCausalLosses as number) > 0)).toBe(true);
    for (const seed of seeds) expect(fields(seed, { lww: 'hybrid' }).lwwCausalLosses).toBe(0);
  });

  it('a receive without the maximum (the rule broken on purpose) is caught', () => {
    const f = fields(1, { bug: 'skip-receive-max' });
    expect(f.clockCondition).toBe(false);
    expect(f.violations[0].message).toMatch(/yet Lamport \d+ ≥ \d+/);
  });
});

describe('clocks lab, a user\'s send', () => {
  it('makes a send on the sender and, on delivery, a receive past both clocks', () => {
    const service = new SimulationService();
    const scenario = defaultScenario('clocks', 2);
    scenario.params = { ...scenario.params, intervalMs: [0, 0] };
    if (!service.load(scenario).ok) throw new Error('load failed');
    service.advanceTo(50);
    service.inject({ do: 'lab', name: 'local', node: 'n1' } as Action);
    service.inject({ do: 'lab', name: 'send', from: 'n1', to: 'n3' } as Action);
    const view = service.advanceTo(500).labView as ClocksView;
    const [local, send, receive] = view.events;
    expect([local.kind, send.kind, receive.kind]).toEqual(['local', 'send', 'receive']);
    expect(send.lamport).toBe(2);
    expect(receive).toMatchObject({ node: 'n3', sendId: send.id, lamport: 3, vector: [2, 0, 1, 0] });
  });
});
