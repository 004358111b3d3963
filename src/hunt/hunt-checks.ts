// What a bug hunt can find in a lab: the invariants its engine checks after every event, or,
// for a lab with none, the run checks it names (define-lab.ts). The CLI and the page's dialog
// both ask here, so they refuse the same labs and list the same checks.
import type { LabDefinition } from '../labs/define-lab';

export interface HuntChecks {
  /** 'event': after every event; 'run': on the run so far, every few tens of ms. */
  when: 'event' | 'run';
  names: string[];
  /** Each check's name and the sentence that says what it holds. */
  checks: { name: string; description: string }[];
}

/** Null when the lab has nothing a hunt could find. */
export function huntChecks(lab: LabDefinition): HuntChecks | null {
  const invariants = lab.system.invariants;
  if (invariants.length > 0) return described('event', invariants);
  if (lab.runChecks && lab.runChecks.checks.length > 0) return described('run', lab.runChecks.checks);
  return null;
}

function described(when: HuntChecks['when'], checks: readonly { name: string; description: string }[]): HuntChecks {
  return { when, names: checks.map((check) => check.name), checks: checks.map(({ name, description }) => ({ name, description })) };
}
