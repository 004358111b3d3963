// What a CLI run line adds: the detector, crashes and how many every running member came to know
// about (completeness), the declarations the false-positive checker judged, refutations, rejoins
// and the mean load per member. Detection is never a reason to fail a run: false positives are
// the price of any timeout, and the invariants guard what must hold.
import { metricTotal } from '../../engine/metrics';
import type { Simulation } from '../../engine/simulation';
import { createMembershipProjection, type MembershipView } from './projection';

export function finalView(sim: Simulation): MembershipView {
  return createMembershipProjection()(sim);
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function membershipVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const view = finalView(sim);
  const complete = view.crashes.filter((c) => c.allKnowMs !== null);
  const seconds = Math.max(1, sim.world.timeMs / 1000);
  const mean = (values: number[]) => (values.length === 0 ? null : round2(values.reduce((a, b) => a + b, 0) / values.length));
  return {
    fields: {
      detector: view.settings.detector,
      suspicion: view.settings.suspicion,
      members: sim.world.nodeIds.length,
      crashes: view.crashes.length,
      crashesKnownByAll: complete.length,
      meanAllKnowPeriods: mean(complete.map((c) => (c.allKnowMs! - c.atMs) / view.periodMs)),
      declarations: view.declarations,
      falsePositives: view.falsePositives,
      falseByCause: { paused: view.judged.paused, loss: view.judged.loss },
      refuted: view.refuted,
      rejoined: view.rejoined,
      loadPerMember: round2(metricTotal(sim.world.metrics, 'load', 'rate') / seconds),
    },
    failed: false,
  };
}
