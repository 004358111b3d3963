// What a bug hunt can find in a lab: the invariants its engine checks after every event, or,
// for a lab with none, the run checks it names (define-lab.ts). The CLI and the page's dialog
// both ask here, so they refuse the same labs and list the same checks.
import type { LabDefinition } from '../labs/define-lab';

export interface HuntChecks {
  /** 'event': after every event; 'run': on the run so far, every few tens of ms. */
  when: 'event' | 'run';
  names: string[];
}

/** Null when the lab has nothing a hunt could find. */
export function huntChecks(lab: LabDefinition): HuntChecks | null {
  if (lab.system.invariants.length > 0) return { when: 'event', names: lab.system.invariants.map((invariant) => invariant.name) };
  if (lab.runChecks && lab.runChecks.checks.length > 0) return { when: 'run', names: lab.runChecks.checks.map((check) => check.name) };
  return null;
}
