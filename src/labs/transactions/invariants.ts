// The lab's safety properties, checked after every event over the servers' states (n1 the
// coordinator, the rest participants).
//
// - atomic-commit (2PC): no transaction is committed at one participant and aborted at another.
// - money-conserved: once quiescent — every server up, no transaction in progress at the
//   coordinator (none begun and not yet acknowledged by every participant) and no participant
//   holding a 2PC lock — the balances add up to the opening balances. In between, a saga's
//   intermediate states may not (that is what readers see), and a crashed participant's balance
//   cannot be read.
// - no-orphaned-lock: no participant holds a lock for a transaction the coordinator (when up) is
//   no longer running: once the coordinator has recovered, every lock belongs to the transaction
//   it is finishing, so none stays prepared for good.
import type { Invariant, NodeSnapshot } from '../../engine/types';
import type { CoordinatorState } from './coordinator';
import type { TxNodeState } from './node';
import type { ParticipantState } from './participant';

function coordinatorOf(nodes: NodeSnapshot<TxNodeState>[]): NodeSnapshot<TxNodeState> | undefined {
  return nodes[0];
}

function upParticipants(nodes: NodeSnapshot<TxNodeState>[]): { id: string; state: ParticipantState }[] {
  const out: { id: string; state: ParticipantState }[] = [];
  for (let i = 1; i < nodes.length; i++) {
    const state = nodes[i].state;
    if (nodes[i].up && state !== null && state.kind === 'participant') out.push({ id: nodes[i].id, state });
  }
  return out;
}

/** Per transaction, the participants that committed it and those that aborted it (recent ones). */
type Outcomes = Record<number, { committed: string[]; aborted: string[] }>;
const KEEP_TRANSACTIONS = 256;

export const atomicCommit: Invariant<TxNodeState, { outcomes: Outcomes; newest: number }> = {
  name: 'atomic-commit',
  description: 'No 2PC transaction is committed at one participant and aborted at another.',
  initGhost: () => ({ outcomes: {}, newest: 0 }),
  check(nodes, ghost, changed) {
    for (const { id, state } of upParticipants(nodes)) {
      if (changed !== null && id !== changed) continue;
      const last = state.last;
      if (last === null || (last.outcome !== 'committed' && last.outcome !== 'aborted')) continue;
      const entry = (ghost.outcomes[last.tx] ??= { committed: [], aborted: [] });
      const list = entry[last.outcome];
      if (!list.includes(id)) list.push(id);
      if (last.tx > ghost.newest) {
        ghost.newest = last.tx;
        for (const tx of Object.keys(ghost.outcomes)) if (Number(tx) < last.tx - KEEP_TRANSACTIONS) delete ghost.outcomes[Number(tx)];
      }
      if (entry.committed.length > 0 && entry.aborted.length > 0) {
        return `tx ${last.tx} committed at ${entry.committed.join(', ')} but aborted at ${entry.aborted.join(', ')}`;
      }
    }
    return null;
  },
};

/** Quiescent: every server up, the coordinator idle, no participant locked. */
export function quiescent(nodes: NodeSnapshot<TxNodeState>[]): boolean {
  const coordinator = coordinatorOf(nodes)?.state as CoordinatorState | null | undefined;
  if (!coordinator || coordinator.kind !== 'coordinator' || coordinator.active !== null) return false;
  const participants = upParticipants(nodes);
  return participants.length === nodes.length - 1 && participants.every((p) => p.state.prepared === null);
}

export const moneyConserved: Invariant<TxNodeState, null> = {
  name: 'money-conserved',
  description: 'Whenever no transfer is in progress and every server is up, the balances add up to the opening balances.',
  initGhost: () => null,
  check(nodes) {
    if (!quiescent(nodes)) return null;
    let total = 0;
    let opening = 0;
    for (const { state } of upParticipants(nodes)) {
      total += state.balance;
      opening += state.opening;
    }
    if (total === opening) return null;
    const balances = upParticipants(nodes).map(({ id, state }) => `${id}=${state.balance}`).join(', ');
    return `no transfer in progress, yet the balances add up to ${total}, not ${opening} (${balances})`;
  },
};

export const noOrphanedLock: Invariant<TxNodeState, null> = {
  name: 'no-orphaned-lock',
  description: 'No participant holds a 2PC lock for a transaction its coordinator, up, is not finishing.',
  initGhost: () => null,
  check(nodes) {
    const snapshot = coordinatorOf(nodes);
    const coordinator = snapshot?.state as CoordinatorState | null | undefined;
    if (!snapshot?.up || !coordinator || coordinator.kind !== 'coordinator') return null;
    for (const { id, state } of upParticipants(nodes)) {
      const lock = state.prepared;
      if (lock === null || coordinator.active?.tx === lock.tx) continue;
      const now = coordinator.active ? `is running tx ${coordinator.active.tx}` : 'is idle';
      return `${id} holds a lock for tx ${lock.tx}, but ${snapshot.id} ${now}: nobody will ever tell it the outcome`;
    }
    return null;
  },
};

export const TX_INVARIANTS = [atomicCommit, moneyConserved, noOrphanedLock];
