// Raft's safety properties (Raft §5.2–§5.4, Figure 3), checked after every event. Each check
// looks only at the node that changed (all up nodes when `changed` is null) and keeps ghost
// history, so the work per event is O(1) unless a log changed, and then O(that log) at most.
// Ghosts hold references to logs: logs are copy-on-write, so an unchanged reference means an
// unchanged log; after a checkpoint clone the references differ and entries are compared.
import type { Invariant, NodeId, NodeSnapshot } from '../../engine/types';
import { keyOf, labelOf, type StateMachine } from './state-machine';
import type { LogEntry, RaftState } from './types';

/** How the invariants compare and name the commands in the logs (the state machine's). */
interface Commands {
  key(command: unknown): string;
  label(command: unknown): string;
}

type Nodes = NodeSnapshot<RaftState>[];

/** Runs `check` on the changed node, or every up node; returns the first violation. */
function forChecked(nodes: Nodes, changed: NodeId | null, check: (id: NodeId, state: RaftState) => string | null): string | null {
  for (const node of nodes) {
    if (!node.up || node.state === null || (changed !== null && node.id !== changed)) continue;
    const violation = check(node.id, node.state);
    if (violation !== null) return violation;
  }
  return null;
}

function sameEntry(c: Commands, a: LogEntry, b: LogEntry): boolean {
  return a === b || (a.term === b.term && (a.command === b.command || c.key(a.command) === c.key(b.command)));
}

/** How many leading entries `before` and `after` share, looking at most `limit` entries. */
export function commonPrefix(c: Commands, before: LogEntry[] | undefined, after: LogEntry[], limit = Infinity): number {
  if (before === undefined) return 0;
  const length = Math.min(before.length, after.length, limit);
  let i = 0;
  while (i < length && sameEntry(c, before[i], after[i])) i++;
  return i;
}

function describe(c: Commands, entry: LogEntry): string {
  return `${c.label(entry.command)} (term ${entry.term})`;
}

/** Raft §5.2, Figure 3 "Election Safety": at most one leader can be elected in a given term. */
export const electionSafety: Invariant<RaftState, { leaders: Record<number, NodeId> }> = {
  name: 'election-safety',
  description: 'At most one leader is elected in a given term.',
  initGhost: () => ({ leaders: {} }),
  check(nodes, ghost, changed) {
    return forChecked(nodes, changed, (id, state) => {
      if (state.role !== 'leader') return null;
      const known = ghost.leaders[state.currentTerm];
      if (known === undefined) ghost.leaders[state.currentTerm] = id;
      else if (known !== id) return `two leaders in term ${state.currentTerm}: ${known} and ${id}`;
      return null;
    });
  },
};

interface LeaderLog {
  term: number;
  log: LogEntry[];
}

/** Raft Figure 3 "Leader Append-Only": a leader never overwrites or deletes entries in its log. */
export function leaderAppendOnly(c: Commands): Invariant<RaftState, { byNode: Record<NodeId, LeaderLog> }> {
  return {
    name: 'leader-append-only',
    description: 'A leader never overwrites or deletes entries in its log; it only appends.',
    initGhost: () => ({ byNode: {} }),
    check(nodes, ghost, changed) {
      return forChecked(nodes, changed, (id, state) => {
        if (state.role !== 'leader') {
          delete ghost.byNode[id];
          return null;
        }
        const seen = ghost.byNode[id];
        ghost.byNode[id] = { term: state.currentTerm, log: state.log };
        if (seen === undefined || seen.term !== state.currentTerm || seen.log === state.log) return null;
        const kept = commonPrefix(c, seen.log, state.log);
        if (kept === seen.log.length) return null;
        const lost = seen.log[kept];
        const now = state.log[kept];
        const what = now === undefined ? 'deleted' : `replaced by ${describe(c, now)}`;
        return `leader ${id} (term ${state.currentTerm}) changed its log: entry ${kept + 1} ${describe(c, lost)} was ${what}`;
      });
    },
  };
}

interface EntryRecord {
  prevTerm: number;
  op: string;
  node: NodeId;
}

/** Raft §5.3, Figure 3 "Log Matching": if two logs contain an entry with the same index and term,
 * the logs are identical in all entries up to that index. Checked inductively: every
 * (index, term) ever seen must always come with the same command and the same previous term. */
export function logMatching(c: Commands): Invariant<RaftState, { entries: Record<string, EntryRecord>; seen: Record<NodeId, LogEntry[]> }> {
  return {
    name: 'log-matching',
    description: 'Two logs with an entry of the same index and term are identical up to that index.',
    initGhost: () => ({ entries: {}, seen: {} }),
    check(nodes, ghost, changed) {
      return forChecked(nodes, changed, (id, state) => {
        const log = state.log;
        const before = ghost.seen[id];
        if (before === log) return null;
        ghost.seen[id] = log;
        for (let i = commonPrefix(c, before, log); i < log.length; i++) {
          const entry = log[i];
          const record: EntryRecord = { prevTerm: i === 0 ? 0 : log[i - 1].term, op: c.key(entry.command), node: id };
          const key = `${i + 1}:${entry.term}`;
          const known = ghost.entries[key];
          if (known === undefined) ghost.entries[key] = record;
          else if (known.op !== record.op || known.prevTerm !== record.prevTerm) {
            return `${id} and ${known.node} both have an entry at index ${i + 1} of term ${entry.term}, but their logs differ at or before it (${describe(c, entry)} after term ${record.prevTerm} vs ${known.op} after term ${known.prevTerm})`;
          }
        }
        return null;
      });
    },
  };
}

interface CommittedRecord {
  term: number;
  op: string;
  /** The term of the node that first reported the entry committed. */
  atTerm: number;
}

function missingFrom(c: Commands, leader: NodeSnapshot<RaftState>, index: number, record: CommittedRecord): string | null {
  const state = leader.state as RaftState;
  const entry = state.log[index - 1];
  if (entry !== undefined && entry.term === record.term && c.key(entry.command) === record.op) return null;
  const has = entry === undefined ? 'nothing' : describe(c, entry);
  return `leader ${leader.id} of term ${state.currentTerm} lacks entry ${index} (${record.op}, term ${record.term}) committed in term ${record.atTerm}; it has ${has}`;
}

type CompletenessGhost = { committed: CommittedRecord[]; checkedLeaders: Record<NodeId, number> };

/** Raft §5.4, Figure 3 "Leader Completeness": an entry committed in a term is present in the logs
 * of the leaders of all higher terms. New commits are checked against current leaders; a new
 * leader is checked once against everything committed before its term. */
export function leaderCompleteness(c: Commands): Invariant<RaftState, CompletenessGhost> {
  return {
    name: 'leader-completeness',
    description: 'Every entry committed in a term is present in the log of every leader of a later term.',
    initGhost: () => ({ committed: [], checkedLeaders: {} }),
    check(nodes, ghost, changed) {
      return forChecked(nodes, changed, (id, state) => {
        const violation = recordCommits(c, nodes, ghost, state);
        if (violation !== null || state.role !== 'leader' || ghost.checkedLeaders[id] === state.currentTerm) return violation;
        ghost.checkedLeaders[id] = state.currentTerm;
        const self = { id, up: true, state };
        for (let i = 0; i < ghost.committed.length; i++) {
          const record = ghost.committed[i];
          if (record.atTerm >= state.currentTerm) continue;
          const missing = missingFrom(c, self, i + 1, record);
          if (missing !== null) return missing;
        }
        return null;
      });
    },
  };
}

function recordCommits(c: Commands, nodes: Nodes, ghost: CompletenessGhost, state: RaftState): string | null {
  const from = ghost.committed.length + 1;
  const to = Math.min(state.commitIndex, state.log.length);
  if (to < from) return null;
  for (let index = from; index <= to; index++) {
    const entry = state.log[index - 1];
    ghost.committed.push({ term: entry.term, op: c.key(entry.command), atTerm: state.currentTerm });
  }
  for (const node of nodes) {
    if (!node.up || node.state === null || node.state.role !== 'leader' || node.state.currentTerm <= state.currentTerm) continue;
    for (let index = from; index <= to; index++) {
      const missing = missingFrom(c, node, index, ghost.committed[index - 1]);
      if (missing !== null) return missing;
    }
  }
  return null;
}

interface AppliedRecord {
  term: number;
  op: string;
  node: NodeId;
}

type MachineGhost = { committed: AppliedRecord[]; checked: Record<NodeId, number>; seen: Record<NodeId, LogEntry[]> };

/** Raft §5.4.3, Figure 3 "State Machine Safety": if a server has applied a log entry at an index,
 * no other server ever applies a different entry at that index; a committed entry never
 * changes. Each node's committed (and applied) prefix is compared with the first one seen. */
export function stateMachineSafety(c: Commands): Invariant<RaftState, MachineGhost> {
  return {
    name: 'state-machine-safety',
    description: 'No two servers apply different commands at the same index; a committed entry never changes.',
    initGhost: () => ({ committed: [], checked: {}, seen: {} }),
    check(nodes, ghost, changed) {
      return forChecked(nodes, changed, (id, state) => {
        const log = state.log;
        let checked = Math.min(ghost.checked[id] ?? 0, state.commitIndex);
        if (ghost.seen[id] !== log) {
          checked = commonPrefix(c, ghost.seen[id], log, checked);
          ghost.seen[id] = log;
        }
        const limit = Math.max(state.commitIndex, state.lastApplied);
        if (limit > log.length) return `${id} has committed or applied up to index ${limit} but its log has only ${log.length} entries`;
        ghost.checked[id] = limit;
        for (let index = checked + 1; index <= limit; index++) {
          const entry = log[index - 1];
          const op = c.key(entry.command);
          const known = ghost.committed[index - 1];
          if (known === undefined) ghost.committed[index - 1] = { term: entry.term, op, node: id };
          else if (known.term !== entry.term || known.op !== op) {
            return `${id} has ${describe(c, entry)} at committed index ${index}, but ${known.node} committed ${known.op} (term ${known.term}) there`;
          }
        }
        return null;
      });
    },
  };
}

/** Raft's five safety properties (Figure 3) over logs of `machine`'s commands. */
export function raftInvariants<M>(machine: StateMachine<M>): Invariant<RaftState<M>, any>[] {
  const c: Commands = { key: (command) => keyOf(machine, command), label: (command) => labelOf(machine, command) };
  return [electionSafety, leaderAppendOnly(c), logMatching(c), leaderCompleteness(c), stateMachineSafety(c)] as Invariant<RaftState<M>, any>[];
}
