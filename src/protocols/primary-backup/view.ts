// What the inspector and the stage show of a primary-backup node: its role and epoch, its log's
// tail (entries the primary acknowledged, or the follower applied, marked committed) and its value.
import type { NodeView } from '../../engine/types';
import { lastIndex, valuesAt } from './log';
import type { PrimaryBackupState } from './types';

/** Log entries shown in the inspector: the newest ones. */
const LOG_TAIL = 12;

function visibleIndex(state: PrimaryBackupState): number {
  return state.primary ? state.primary.commitIndex : state.appliedIndex;
}

function badge(state: PrimaryBackupState): string | undefined {
  const values = valuesAt(state.log, visibleIndex(state));
  const keys = Object.keys(values).sort();
  return keys.length === 0 ? undefined : keys.map((key) => `${key}=${JSON.stringify(values[key])}`).join(' ');
}

export function primaryBackupView(state: PrimaryBackupState): NodeView {
  const visible = visibleIndex(state);
  const entries = lastIndex(state.log);
  const from = Math.max(0, entries - LOG_TAIL);
  const summary =
    state.role === 'primary'
      ? `primary · epoch ${state.epoch} · ${state.mode} · ${entries} entries`
      : state.role === 'candidate'
        ? `candidate · epoch ${state.epoch} · ${state.candidate?.votes.length ?? 0} votes`
        : `follower of ${state.primaryId ?? '?'} · epoch ${state.epoch} · applied ${state.appliedIndex}/${entries}`;
  return {
    role: state.role,
    term: state.epoch,
    summary,
    badge: badge(state),
    log: state.log.slice(from).map((entry, i) => ({ term: entry.epoch, index: from + i + 1, label: `${entry.key}=${JSON.stringify(entry.value)}`, committed: from + i + 1 <= visible })),
    commitIndex: visible,
    details: {
      epoch: state.epoch,
      role: state.role,
      primary: state.primaryId,
      entries,
      applied: state.appliedIndex,
      mode: state.mode,
      reads: state.reads,
      fencing: state.fencing,
      'writes acknowledged': state.acks,
      ...(state.primary ? { 'waiting writes': state.primary.waiting.length } : {}),
    },
  };
}
