// A mutex (Knossos' mutex, and stricter when the history names clients): `acquire` takes a free
// lock (acquiring a held one cannot linearize); `release` frees a held one. When the acquire and
// the release both name their client, only the holder may release; Jepsen's process numbers are
// not used for that, since Jepsen renumbers a process after a crash.

import type { HistoryOperation } from '../operations';
import { describeAs, onKey } from './describe-model';
import { IMPOSSIBLE, type HistoryModel, type Impossible } from './model';

/** free, or held by a client ('' when the history does not say which). */
export type MutexState = { held: false } | { held: true; by: string };

const FREE: MutexState = { held: false };

function step(state: MutexState, op: HistoryOperation): MutexState | Impossible {
  const client = op.client ?? '';
  if (op.f === 'acquire') return state.held ? IMPOSSIBLE : { held: true, by: client };
  if (!state.held) return IMPOSSIBLE;
  return state.by === '' || client === '' || state.by === client ? FREE : IMPOSSIBLE;
}

export const mutexModel: HistoryModel<MutexState> = {
  name: 'mutex',
  functions: ['acquire', 'release'],
  summary: 'a lock per key, starting free: acquire takes it (never while held); release frees it, and only its holder may when the history names clients',
  init: () => FREE,
  step,
  stateKey: (state) => (state.held ? `held:${state.by}` : 'free'),
  describeOperation: (op) => describeAs(op, `${op.f}${onKey(op)}`),
  describeState: (state) => (!state.held ? 'the lock free' : state.by === '' ? 'the lock held' : `the lock held by ${state.by}`),
  whyNot(state, op) {
    if (op.f === 'acquire') return `the lock was already held${state.held && state.by ? ` by ${state.by}` : ''}`;
    return state.held ? `the lock was held by ${state.by}, not by ${op.client ?? 'this process'}` : 'the lock was not held';
  },
};
