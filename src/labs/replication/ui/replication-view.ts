// Reads the replication lab's part of a frame for its panels and tour (null before it has one),
// and words what the panels show.
import type { Frame } from '../../../engine/frame';
import type { ReplicationView } from '../checks';
import type { FollowerLag } from '../lag';

export function replicationView(frame: Pick<Frame, 'labView'>): ReplicationView | null {
  const view = frame.labView as Partial<ReplicationView> | null;
  if (typeof view !== 'object' || view === null || typeof view.mode !== 'string' || !view.lost || !view.lag) return null;
  return view as ReplicationView;
}

/** "3 entries behind (2 not yet received) · 420 ms", or why there is no lag to show. */
export function lagText(lag: FollowerLag, primary: string | null): string {
  if (!lag.up) return 'crashed';
  if (primary === null) return 'no primary to lag behind';
  if (lag.role === 'primary') return `also primary (epoch ${lag.epoch}): not following ${primary}`;
  if (lag.unappliedEntries === 0) return 'up to date';
  const received = lag.missingEntries > 0 ? ` (${lag.missingEntries} not yet received)` : '';
  return `${lag.unappliedEntries} ${lag.unappliedEntries === 1 ? 'entry' : 'entries'} behind${received} · ${lag.lagMs} ms`;
}

export function availabilityPercent(availability: ReplicationView['availability']): number | null {
  return availability.total === 0 ? null : Math.round((100 * availability.ok) / availability.total);
}
