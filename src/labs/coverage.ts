// Helpers for labs' coverage marks.
import type { Simulation } from '../engine/simulation';

/** Whether any actor emitted a protocol note with this tag during the run. */
export function noted(sim: Simulation, tag: string): boolean {
  return (sim.world.marks[tag] ?? 0) > 0;
}
