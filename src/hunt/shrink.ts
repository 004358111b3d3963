// Shrinks a failing scenario to a smaller one that still fails the same way: greedy delta
// debugging (Zeller's ddmin, as property-testing libraries shrink) over the scenario's actions,
// its node count and its end time. A candidate is kept only if the same invariant is still the
// FIRST one violated, so the shrunk scenario tells the same story, only shorter. Deterministic:
// the same scenario and invariant always shrink to the same result.
import type { Violation } from '../engine/frame';
import { labById } from '../labs/registry';
import { DEFAULT_UNTIL_MS } from '../scenarios/headless';
import type { Scenario } from '../scenarios/scenario';
import { validateScenario } from '../scenarios/validate';
import { firstViolation } from './first-violation';

export interface ShrinkOptions {
  /** The most runs shrinking may spend (each runs a candidate to its first violation). */
  budget?: number;
  /** How long the shrunk scenario runs past its violation, so a replay shows it happen. */
  marginMs?: number;
}

export interface ShrinkResult {
  scenario: Scenario;
  /** The violation the shrunk scenario ends on. */
  violation: Violation;
  /** Runs spent, the first one confirming the original fails. */
  runs: number;
}

export const DEFAULT_SHRINK_BUDGET = 500;
export const DEFAULT_MARGIN_MS = 100;

/** The smallest scenario found within the budget whose first violation is `invariant`.
 * Throws if the scenario given does not fail that way to begin with. */
export function shrink(scenario: Scenario, invariant: string, options: ShrinkOptions = {}): ShrinkResult {
  const search = new Search(invariant, options.budget ?? DEFAULT_SHRINK_BUDGET, options.marginMs ?? DEFAULT_MARGIN_MS);
  const violation = search.fails({ ...scenario, until: scenario.until ?? DEFAULT_UNTIL_MS });
  if (!violation) throw new Error(`the scenario's first violation is not ${invariant}: nothing to shrink`);
  search.accept({ ...scenario, until: scenario.until ?? DEFAULT_UNTIL_MS }, violation);
  search.removeActions();
  if (search.fewerNodes()) search.removeActions();
  return { scenario: search.best, violation: search.violation, runs: search.runs };
}

class Search {
  best!: Scenario;
  violation!: Violation;
  runs = 0;

  constructor(
    private readonly invariant: string,
    private readonly budget: number,
    private readonly marginMs: number,
  ) {}

  /** The candidate's first violation if it is the invariant sought; null otherwise, or when the
   * candidate is not a valid scenario, or the budget is spent. */
  fails(candidate: Scenario): Violation | null {
    if (this.runs >= this.budget) return null;
    const valid = validateScenario(candidate);
    if (!valid.ok) return null;
    this.runs++;
    const violation = firstViolation(valid.scenario);
    return violation && violation.invariant === this.invariant ? violation : null;
  }

  /** Keeps a failing candidate, and ends it just after its violation: what comes later cannot
   * matter, and a later candidate must fail at least as early. */
  accept(candidate: Scenario, violation: Violation): void {
    const until = Math.min(candidate.until ?? DEFAULT_UNTIL_MS, violation.timeMs + this.marginMs);
    this.best = { ...candidate, until, actions: candidate.actions.filter((action) => action.at <= until) };
    this.violation = violation;
  }

  /** Tries a change of the best scenario; keeps it if it still fails the same way. */
  attempt(change: Partial<Scenario>): boolean {
    const candidate = { ...this.best, ...change };
    const violation = this.fails(candidate);
    if (violation) this.accept(candidate, violation);
    return violation !== null;
  }

  /** Removes chunks of actions, halving the chunk size down to single actions: all of them
   * first, then halves, quarters, … (a fault long before the violation often does not matter). */
  removeActions(): void {
    for (let size = this.best.actions.length; size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
      let start = 0;
      while (start < this.best.actions.length && this.runs < this.budget) {
        const actions = this.best.actions;
        if (!this.attempt({ actions: [...actions.slice(0, start), ...actions.slice(start + size)] })) start += size;
      }
    }
  }

  /** The fewest nodes the lab allows at which the scenario still fails (its actions must still
   * name nodes that exist: validation refuses the others without a run). */
  fewerNodes(): boolean {
    const min = labById(this.best.lab).roles[0].min;
    for (let nodes = min; nodes < this.best.nodes; nodes++) {
      if (this.attempt({ nodes })) return true;
    }
    return false;
  }
}
