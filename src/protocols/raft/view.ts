// What the stage and the inspector show of a Raft node, and which node is the leader.
import type { NodeSnapshot, NodeView } from '../../engine/types';
import { lastIndex, snapshotIndex } from './log';
import { labelOf, type StateMachine } from './state-machine';
import type { RaftState } from './types';

/** The stage shows the newest entries only; details.logLength gives the full length. After a
 * snapshot (Raft §7) the first cell stands for it: "snap ≤ 120", of its last included term. */
export const VIEW_LOG_LIMIT = 64;

function summary(state: RaftState): string {
  if (state.role === 'leader') return 'leader';
  if (state.role === 'candidate') return `candidate, ${state.votes.length} vote${state.votes.length === 1 ? '' : 's'}`;
  if (state.preVotes !== null) return `pre-vote, ${state.preVotes.length} vote${state.preVotes.length === 1 ? '' : 's'}`;
  if (state.votedFor !== null) return `voted ${state.votedFor}`;
  return state.leaderId === null ? 'follower' : `follows ${state.leaderId}`;
}

/** The view of a Raft node whose log holds `machine`'s commands. */
export function createView<M>(machine: StateMachine<M>): (state: RaftState<M>) => NodeView {
  return (state) => view(state, machine);
}

function view<M>(state: RaftState<M>, machine: StateMachine<M>): NodeView {
  const base = snapshotIndex(state);
  const log: NonNullable<NodeView['log']> = [];
  if (state.snapshot != null) log.push({ term: state.snapshot.term, index: base, label: `snap ≤ ${base}`, committed: true });
  const first = Math.max(0, state.log.length - (VIEW_LOG_LIMIT - log.length));
  for (let i = first; i < state.log.length; i++) {
    const entry = state.log[i];
    log.push({ term: entry.term, index: base + i + 1, label: labelOf(machine, entry.command), committed: base + i + 1 <= state.commitIndex });
  }
  return {
    role: state.role,
    term: state.currentTerm,
    summary: summary(state),
    log,
    commitIndex: state.commitIndex,
    details: {
      role: state.role,
      term: state.currentTerm,
      votedFor: state.votedFor,
      leader: state.leaderId,
      commitIndex: state.commitIndex,
      lastApplied: state.lastApplied,
      logLength: lastIndex(state),
      ...(state.snapshot != null ? { snapshot: `≤ ${base} (term ${state.snapshot.term})` } : {}),
      state: machine.describe(state.machine),
      pending: state.pending.length,
      ...(state.reads.length > 0 ? { reads: state.reads.length } : {}),
    },
  };
}

/** The up node that is leader with the highest term (a deposed leader may not know it yet). */
export function currentLeader(nodes: NodeSnapshot<RaftState<any>>[]): string | null {
  let best: NodeSnapshot<RaftState<any>> | null = null;
  for (const node of nodes) {
    if (!node.up || node.state === null || node.state.role !== 'leader') continue;
    if (best === null || node.state.currentTerm > (best.state as RaftState).currentTerm) best = node;
  }
  return best === null ? null : best.id;
}
