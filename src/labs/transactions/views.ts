// What the stage and inspector show of a server: the coordinator's transaction and phase, a
// participant's balance and lock.
import type { NodeView } from '../../engine/types';
import { writingCommit, type CoordinatorState, type TxPhase } from './coordinator';
import type { ParticipantState } from './participant';

const PHASES: Record<TxPhase, string> = {
  preparing: 'collecting votes',
  committing: 'decided commit',
  aborting: 'decided abort',
  forward: 'running steps',
  compensating: 'compensating',
};

export function coordinatorView(state: CoordinatorState): NodeView {
  const active = state.active;
  const phase = active === null ? 'idle' : writingCommit(active) ? 'writing commit to its log' : PHASES[active.phase];
  const summary = active === null ? `idle, ${state.settings.protocol === '2pc' ? '2PC' : 'saga'}` : `tx ${active.tx}: ${phase}`;
  return {
    role: 'coordinator',
    summary,
    badge: active === null ? 'idle' : `tx ${active.tx}`,
    details: {
      protocol: state.settings.protocol,
      tx: active?.tx ?? null,
      phase,
      waitingMs: active?.phaseMs ?? 0,
      queued: state.queue.length,
      finishedThrough: state.finished,
      log: state.log,
    },
  };
}

export function participantView(state: ParticipantState): NodeView {
  const lock = state.prepared;
  const summary = lock === null ? `balance ${state.balance}` : `balance ${state.balance}, locked by tx ${lock.tx}${lock.waitedMs > 0 ? `, in doubt ${lock.waitedMs} ms` : ''}`;
  return {
    role: 'participant',
    summary,
    badge: lock === null ? String(state.balance) : `${state.balance} · locked`,
    details: {
      balance: state.balance,
      lockedBy: lock?.tx ?? null,
      inDoubtMs: lock?.waitedMs ?? 0,
      lastTx: state.last?.tx ?? null,
      lastOutcome: state.last?.outcome ?? null,
      refunds: state.refunds,
      compensation: state.settings.compensation,
    },
  };
}
