// The clocks lab's checker as an invariant: after every event it reads the processes' new events,
// rebuilds happens-before from the messages, and holds the clock condition (a → b ⇒ C(a) < C(b))
// for Lamport and hybrid clocks and the strong condition for vector clocks. Its ghost keeps the
// counts the page and the CLI show (concurrent pairs Lamport orders, physical inversions, LWW losses).
import type { Simulation } from '../../engine/simulation';
import type { Invariant, NodeSnapshot } from '../../engine/types';
import { createCausalityGhost, ingestEvent, type CausalityGhost } from '../../protocols/clocks/causality';
import type { ClockEvent } from '../../protocols/clocks/events';
import type { ClockProcessState } from './process';

export const CLOCK_CONDITION = 'clock-condition';

/** Events of the changed process (or of every process after an action) not yet ingested, in id order. */
function newEvents(nodes: NodeSnapshot<ClockProcessState>[], ghost: CausalityGhost, changed: string | null): ClockEvent[] {
  const fresh: ClockEvent[] = [];
  for (const node of nodes) {
    if ((changed !== null && node.id !== changed) || !node.up || node.state === null) continue;
    const seen = ghost.last[node.id]?.id ?? 0;
    for (const event of node.state.log) if (event.id > seen) fresh.push(event);
  }
  return fresh.sort((a, b) => a.id - b.id);
}

export const clockCondition: Invariant<ClockProcessState, CausalityGhost> = {
  name: CLOCK_CONDITION,
  description: 'If a happened before b, then L(a) < L(b) and HLC(a) < HLC(b); and a → b exactly when V(a) < V(b).',
  initGhost: createCausalityGhost,
  check(nodes, ghost, changed) {
    let violation: string | null = null;
    for (const event of newEvents(nodes, ghost, changed)) violation ??= ingestEvent(ghost, event, nodes.length);
    return violation;
  },
};

/** The checker's ghost in a run (the lab's only invariant). */
export function causalityOf(sim: Simulation): CausalityGhost {
  return sim.world.ghosts[0] as CausalityGhost;
}
