// Every lab run long under random faults: events per second of CPU time, and whether an event
// costs more late in the run than early (a cost that grows with virtual time, such as a record
// copied whole on every message while it keeps growing). Each lab runs one seed for
// `minutes` of virtual time; the first and the last quarter of it are timed apart.
//   tsx bench/labs.ts [--minutes M] [--json]
import { pathToFileURL } from 'node:url';
import { Simulation } from '../src/engine/simulation';
import { LABS } from '../src/labs/registry';
import { toWorldConfig } from '../src/scenarios/catalog';
import { planScenario } from '../src/scenarios/headless';

export interface LabRunFigures {
  lab: string;
  events: number;
  eventsPerSecond: number;
  /** CPU time per event in the last quarter of the run over the first (about 1 when the cost of
   * an event does not grow with virtual time); null when a quarter has too few events to time. */
  lateOverEarly: number | null;
}

/** Fewer events than this in a quarter take too little CPU time to compare. */
const MIN_EVENTS = 500;

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

function runLab(lab: string, untilMs: number): LabRunFigures {
  const scenario = planScenario({ lab, seed: 1, untilMs, faults: 'random' });
  const sim = Simulation.create(LABS.find((l) => l.id === lab)!.system, toWorldConfig(scenario), scenario.actions);
  const quarter = untilMs / 4;
  const quarters: { events: number; ms: number }[] = [];
  const started = cpuMs();
  for (let q = 1; q <= 4; q++) {
    const events = sim.world.eventCount;
    const before = cpuMs();
    sim.runUntil(q * quarter, Infinity, false);
    quarters.push({ events: sim.world.eventCount - events, ms: cpuMs() - before });
  }
  const totalMs = cpuMs() - started;
  const [early, , , late] = quarters;
  const timed = early.events >= MIN_EVENTS && late.events >= MIN_EVENTS;
  return {
    lab,
    events: sim.world.eventCount,
    eventsPerSecond: Math.round(sim.world.eventCount / (totalMs / 1000)),
    lateOverEarly: timed ? Math.round((late.ms / late.events / (early.ms / early.events)) * 100) / 100 : null,
  };
}

export function benchLabs(minutes = 4): LabRunFigures[] {
  for (const lab of LABS) runLab(lab.id, 5_000); // warms the JIT up
  return LABS.map((lab) => runLab(lab.id, minutes * 60_000));
}

export function printLabs(figures: LabRunFigures[], minutes: number): void {
  console.log(`Every lab, seed 1, random faults, ${minutes} min virtual: events per CPU second, and the cost of an event in the last quarter over the first`);
  for (const f of figures) console.log(`  ${f.lab.padEnd(13)} ${f.events.toLocaleString('en').padStart(9)} events  ${f.eventsPerSecond.toLocaleString('en').padStart(9)} /s  late/early ${f.lateOverEarly ?? 'too few events'}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--minutes');
  const minutes = at >= 0 ? Number(process.argv[at + 1]) : 4;
  const figures = benchLabs(minutes);
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  else printLabs(figures, minutes);
}
