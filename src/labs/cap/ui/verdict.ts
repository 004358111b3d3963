// Words for the worker's live checker verdicts: the badge, the window it covers, sessions,
// convergence and the availability meter. The page only shows what the worker computed.
import type { TraceEvent } from '../../../engine/frame';
import type { CheckSummary } from '../checks';
import { modeFromText } from '../../../ui/history/fault-markers';
import { modeName, seconds } from '../../../ui/history/format';

export type VerdictState = 'linearizable' | 'violated' | 'unknown' | 'pending';

/** Pending until the checker has looked at at least one operation. */
export function verdictState(checks: CheckSummary | null): VerdictState {
  if (!checks || checks.checkedOps === 0) return 'pending';
  if (checks.linearizable === true) return 'linearizable';
  if (checks.linearizable === false) return 'violated';
  return 'unknown';
}

export const VERDICT_LABELS: Record<VerdictState, string> = {
  linearizable: 'Linearizable',
  violated: 'Not linearizable',
  unknown: 'Unknown (search budget)',
  pending: 'No verdict yet',
};

/** What the verdict means, in one honest sentence. */
export function verdictMeaning(state: VerdictState, checks: CheckSummary | null): string {
  const count = checks?.checkedOps ?? 0;
  const ops = `${count} operation${count === 1 ? '' : 's'}`;
  const dropped = checks?.droppedOps ?? 0;
  const scope = dropped > 0 ? ` (the latest ones; ${dropped} older operation${dropped === 1 ? ' was' : 's were'} left out to keep the check quick)` : '';
  switch (state) {
    case 'linearizable':
      return `The checker found one order of these ${ops}${scope}, consistent with real time, in which every read returns the latest write.`;
    case 'violated':
      return `No order of these ${ops}${scope} respects both real time and what the reads returned.`;
    case 'unknown':
      return `The checker ran out of its search budget on these ${ops}${scope}: no verdict either way.`;
    default:
      return 'Waiting for operations to complete.';
  }
}

/**
 * "since the switch to CP at 3.2 s" when a mode flip happened at the window's start (the notable
 * events say which), "since 3.2 s" otherwise, or "since the start of the run".
 */
export function windowPhrase(checks: Pick<CheckSummary, 'windowStartMs'> | null, notable: readonly TraceEvent[] = []): string {
  if (!checks) return '';
  if (checks.windowStartMs <= 0) return 'since the start of the run';
  let flip: TraceEvent | undefined;
  for (const event of notable) if (event.kind === 'control' && event.tag === 'setMode' && event.timeMs === checks.windowStartMs) flip = event;
  const mode = flip ? (typeof flip.data?.mode === 'string' ? flip.data.mode : modeFromText(flip.text)) : null;
  if (mode) return `since the switch to ${modeName(mode)} at ${seconds(checks.windowStartMs)}`;
  return `since ${seconds(checks.windowStartMs)}`;
}

/** "Replicas agree", "Replicas disagree: x, y", or a word on why it is not checked yet. */
export function convergenceText(checks: Pick<CheckSummary, 'converged' | 'divergent'> | null): string {
  if (!checks || checks.converged === null) return 'Checked once the network is healed and quiet.';
  if (checks.converged) return 'All replicas hold the same values.';
  return `Replicas disagree${checks.divergent.length > 0 ? `: ${checks.divergent.join(', ')}` : ''}.`;
}

export interface AvailabilityReading {
  /** 0–100, null with no operations in the window. */
  percent: number | null;
  /** "83%" or "—". */
  display: string;
  /** For screen readers and the caption: "10 of 12 operations succeeded in the last 5 s". */
  text: string;
}

export function availabilityReading(availability: CheckSummary['availability'] | null | undefined): AvailabilityReading {
  if (!availability || availability.total <= 0) {
    const window = availability ? ` in the last ${seconds(availability.windowMs)}` : '';
    return { percent: null, display: '—', text: `No operations completed${window} yet` };
  }
  const percent = Math.round((availability.ok / availability.total) * 100);
  return {
    percent,
    display: `${percent}%`,
    text: `${availability.ok} of ${availability.total} operation${availability.total === 1 ? '' : 's'} succeeded in the last ${seconds(availability.windowMs)}`,
  };
}
