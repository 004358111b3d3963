// What a `cli run paxos` line adds: the value chosen for slot 1 (null when none was: a duel that
// never settled, or no majority reachable), when a learner first learned it, the log of chosen
// values, the highest round reached and the pre-emptions on the way. Learners that learned two
// different values fail the run (the agreement invariant already fails it on the acceptors' side).
import type { Simulation } from '../../engine/simulation';
import type { LearnerState } from './learner';
import { paxosView } from './view';

export function paxosVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const view = paxosView(sim);
  const first = view.slots.find((slot) => slot.slot === 1);
  const learnedAt = (sim.world.roster.learner ?? [])
    .map((id) => (sim.world.nodes[id].state as LearnerState | null)?.learned[1]?.atMs)
    .filter((at): at is number => typeof at === 'number');
  const fields: Record<string, unknown> = {
    chosen: first?.chosen ?? null,
    learnedAtMs: learnedAt.length ? Math.min(...learnedAt) : null,
    log: view.slots.map((slot) => slot.chosen),
    highestRound: view.highestRound,
    preemptions: view.preemptions,
    learnerConflicts: view.learnerConflicts,
  };
  return { fields, failed: view.learnerConflicts > 0 };
}
