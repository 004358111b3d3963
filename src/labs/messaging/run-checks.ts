// What a bug hunt looks for in the messaging lab, which checks no invariant after every event
// (its panels count duplicates and losses as a lesson goes on): the first effect applied twice,
// and the first message lost. Both are judged by the same checkers as the panels and the CLI's
// verdict, on the run so far. A lost message is only known to be lost once nothing holds it any
// more, so its finding is dated by the look that saw it (opening a link at the look before).
import type { Simulation } from '../../engine/simulation';
import { findingTime, type RunChecks, type RunFinding } from '../define-lab';
import { currentSettings, windowStartMs } from './actions';
import { checkDeliveries } from './checks';
import { holdings, readLedger, targetsFor } from './ledger';
import { freshSinceMs } from './view';

export const EFFECT_TWICE = 'effect-applied-twice';
export const MESSAGE_LOST = 'message-lost';

function find(sim: Simulation, sinceMs: number): RunFinding[] {
  const settings = currentSettings(sim);
  const ledger = readLedger(sim.world.history, freshSinceMs(sim), windowStartMs(sim));
  const report = checkDeliveries(ledger, targetsFor(settings.mode, sim.world.roster.consumer ?? []), holdings(sim));
  const found: RunFinding[] = report.duplicates.map((d) => ({ check: EFFECT_TWICE, message: d.sentence, timeMs: d.timeMs }));
  for (const loss of report.losses) {
    found.push({ check: MESSAGE_LOST, message: `${loss.sentence} (between ${findingTime(sinceMs)} and ${findingTime(sim.world.timeMs)})`, timeMs: sinceMs + 1 });
  }
  return found;
}

export const messagingRunChecks: RunChecks = {
  checks: [
    { name: EFFECT_TWICE, description: 'No message’s effect is applied twice for the same target.' },
    { name: MESSAGE_LOST, description: 'Every message the broker accepted is applied, or still held by the broker, a consumer, the wire or the dead-letter queue.' },
  ],
  everyMs: 50,
  find,
};
