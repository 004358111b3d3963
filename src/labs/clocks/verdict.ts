// What the clocks lab adds to a frame (recent events with every timestamp, and the checker's
// counts and examples) and to a CLI run line.
import type { Simulation } from '../../engine/simulation';
import type { CausalityStats } from '../../protocols/clocks/causality';
import type { ClockEvent } from '../../protocols/clocks/events';
import { causalityOf, CLOCK_CONDITION } from './checks';
import { currentLww, lwwSince, type LwwSince } from './mode';
import type { LwwStamp } from './params';

/** Events the frame carries for the diagram and the pickers (the newest, contiguous by id). */
export const VIEW_EVENTS = 40;

export interface ClocksView {
  processes: string[];
  lww: LwwStamp;
  /** The newest events, oldest first, without gaps in id (a causal path between two of them runs
   * through events in between, so it is among them). */
  events: ClockEvent[];
  stats: CausalityStats;
  /** The checker's counts when LWW last switched. */
  since: LwwSince;
  /** Examples from the checker, as events (null if none yet or out of the window). */
  concurrentExample: [ClockEvent, ClockEvent] | null;
  inversionExample: [ClockEvent, ClockEvent] | null;
  lwwLossExample: { kept: ClockEvent; dropped: ClockEvent } | null;
  /** The first clock-condition breach, if any (the rule broken on purpose). */
  violation: string | null;
}

function strip(event: ClockEvent & { frontier?: number[] }): ClockEvent {
  const { frontier: _frontier, ...plain } = event;
  return plain;
}

export function clocksView(sim: Simulation): ClocksView {
  const ghost = causalityOf(sim);
  const byId = new Map(ghost.recent.map((event) => [event.id, event]));
  const pair = (ids: [number, number] | null): [ClockEvent, ClockEvent] | null => {
    const a = ids && byId.get(ids[0]);
    const b = ids && byId.get(ids[1]);
    return a && b ? [strip(a), strip(b)] : null;
  };
  const loss = ghost.lwwLossExample ? pair([ghost.lwwLossExample.kept, ghost.lwwLossExample.dropped]) : null;
  return {
    processes: sim.world.nodeIds.slice(),
    lww: currentLww(sim),
    events: ghost.recent.slice(-VIEW_EVENTS).map(strip),
    stats: { ...ghost.stats },
    since: lwwSince(sim),
    concurrentExample: pair(ghost.concurrentExample),
    inversionExample: pair(ghost.inversionExample),
    lwwLossExample: loss ? { kept: loss[0], dropped: loss[1] } : null,
    violation: sim.world.violations.find((v) => v.invariant === CLOCK_CONDITION)?.message ?? null,
  };
}

export function clocksProjection(): (sim: Simulation) => ClocksView {
  return clocksView;
}

export function clocksVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const { stats } = causalityOf(sim);
  const held = stats.lamportViolations + stats.hlcViolations + stats.vectorViolations === 0;
  return {
    fields: {
      lww: currentLww(sim),
      clockEvents: stats.events,
      happensBeforePairs: stats.happensBefore,
      concurrentPairs: stats.concurrent,
      lamportOrderedConcurrent: stats.lamportOrderedConcurrent,
      physicalInversions: stats.physicalInversions,
      lwwCausalLosses: stats.lwwCausalLosses,
      clockCondition: held,
    },
    // A breach is already a violation of the lab's invariant, which fails the run.
    failed: false,
  };
}
