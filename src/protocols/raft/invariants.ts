// Raft's safety properties (Raft §5.2–§5.4, Figure 3), checked after every event, incrementally.
// Each check looks only at the node that changed (all up nodes when `changed` is null) and only at
// what changed in it: the entries past the point where its log still agrees with the one the
// ghost saw last (known from the log's lineage, or found by comparing entry references: logs
// share their entries), and the entries newly committed. Keys are computed and ghost records
// written per changed entry only. After a checkpoint clone the references differ and entries are
// compared by value once.
//
// With log compaction (Raft §7) a node's log starts after its snapshot. The ghosts remember, per
// index, what they need to compare (term, command key, previous term) and forget the indexes at
// or below every node's snapshot: those entries are committed, were checked when they committed
// (a node compacts only entries applied in an earlier step) and no log will hold them again.
import type { Invariant, NodeId, NodeSnapshot } from '../../engine/types';
import { type Compacted, entryAt, lastIndex, snapshotIndex, snapshotTerm, termAt } from './log';
import { sharedUpTo } from './log-lineage';
import { keyOf, labelOf, type StateMachine } from './state-machine';
import type { LogEntry, RaftState } from './types';

/** How the invariants compare and name the commands in the logs (the state machine's). */
interface Commands {
  key(command: unknown): string;
  label(command: unknown): string;
}

type Nodes = NodeSnapshot<RaftState>[];

/** Where each node sits in a snapshot list: the engine hands the invariants the same list every
 * time, so finding the changed node costs a lookup, not a scan of a large cluster. */
const positions = new WeakMap<Nodes, Map<NodeId, number>>();

function positionOf(nodes: Nodes, id: NodeId): number | undefined {
  const cached = positions.get(nodes);
  const known = cached?.get(id);
  if (known !== undefined && nodes[known]?.id === id) return known;
  if (cached !== undefined && known === undefined && cached.size === nodes.length) return undefined; // not a server
  const byId = new Map(nodes.map((node, index) => [node.id, index]));
  positions.set(nodes, byId);
  return byId.get(id);
}

/** Runs `check` on the changed node, or every up node; returns the first violation. */
function forChecked(nodes: Nodes, changed: NodeId | null, check: (id: NodeId, state: RaftState) => string | null): string | null {
  if (changed !== null) {
    const index = positionOf(nodes, changed);
    const node = index === undefined ? undefined : nodes[index];
    return node === undefined || !node.up || node.state === null ? null : check(node.id, node.state);
  }
  for (const node of nodes) {
    if (!node.up || node.state === null) continue;
    const violation = check(node.id, node.state);
    if (violation !== null) return violation;
  }
  return null;
}

function sameEntry(c: Commands, a: LogEntry, b: LogEntry): boolean {
  return a === b || (a.term === b.term && (a.command === b.command || c.key(a.command) === c.key(b.command)));
}

/** A log as a ghost saw it: references to the node's entries and snapshot, nothing copied, and
 * its length then: a log grows in place (see growableLog), so the array alone does not say. */
export interface SeenLog extends Compacted {
  length: number;
}

function seenOf(state: RaftState): SeenLog {
  return { log: state.log, length: state.log.length, snapshot: state.snapshot ?? null };
}

function seenLastIndex(seen: SeenLog): number {
  return snapshotIndex(seen) + seen.length;
}

function unchanged(seen: SeenLog | undefined, state: RaftState): boolean {
  return seen !== undefined && seen.log === state.log && seen.length === state.log.length && seen.snapshot === (state.snapshot ?? null);
}

/** The highest index up to which `after` still holds the entries `before` held (looking at most
 * up to `limit`), never below `after`'s snapshot index (what a snapshot covers is committed and
 * was checked as it committed). A walk over the indexes both hold in memory, short or none
 * when the lineage or the array itself proves the entries shared. */
export function agreedUpTo(c: Commands, before: SeenLog | undefined, after: Compacted, limit = Infinity): number {
  const base = snapshotIndex(after);
  if (before === undefined) return base;
  const beforeBase = snapshotIndex(before);
  if (beforeBase > base || !snapshotFits(before, after)) return base; // look at everything again
  const end = Math.min(seenLastIndex(before), lastIndex(after), limit);
  const a = before.log;
  const b = after.log;
  // The same array only grew since (truncation and compaction make a new one).
  if (a === b) return Math.max(base, end);
  // What the log's lineage proves shared needs no walk: those entries are the same objects.
  const shared = sharedUpTo(a, b);
  let index = shared === undefined ? base : Math.max(base, Math.min(shared, end));
  while (index < end && sameEntry(c, a[index - beforeBase], b[index - base])) index++;
  return index;
}

/** Whether `after`'s snapshot agrees with the entry `before` held at its index, if it held one. */
function snapshotFits(before: SeenLog, after: Compacted): boolean {
  const at = snapshotIndex(after);
  const held = at > seenLastIndex(before) ? undefined : termAt(before, at);
  return held === undefined || held === snapshotTerm(after);
}

function describe(c: Commands, entry: LogEntry): string {
  return `${c.label(entry.command)} (term ${entry.term})`;
}

// --- Forgetting what no log will hold again -------------------------------------------------

/** Each node's snapshot index as last seen; the lowest is the index at or below which the ghost
 * may forget (a crashed node comes back with the snapshot it had). The lowest is kept until a
 * floor moves: recomputing it after every event cost a pass over the cluster each time. */
interface Floors {
  byNode: Record<NodeId, number>;
  lowest: number | null;
}

function newFloors(): Floors {
  return { byNode: {}, lowest: null };
}

function noteFloor(floors: Floors, id: NodeId, state: RaftState): void {
  const floor = snapshotIndex(state);
  if (floors.byNode[id] === floor) return;
  floors.byNode[id] = floor;
  floors.lowest = null;
}

function lowestFloor(floors: Floors, nodes: Nodes): number {
  if (floors.lowest !== null) return floors.lowest;
  let floor = Infinity;
  for (const node of nodes) floor = Math.min(floor, floors.byNode[node.id] ?? 0);
  floors.lowest = floor === Infinity ? 0 : floor;
  return floors.lowest;
}

/** Records by index, from `base + 1` on; indexes at or below `base` are forgotten. */
interface IndexWindow<R> {
  base: number;
  records: (R | null)[];
}

function newWindow<R>(): IndexWindow<R> {
  return { base: 0, records: [] };
}

function getAt<R>(span: IndexWindow<R>, index: number): R | undefined {
  return index <= span.base ? undefined : (span.records[index - span.base - 1] ?? undefined);
}

function setAt<R>(span: IndexWindow<R>, index: number, record: R): void {
  if (index <= span.base) return;
  const offset = index - span.base - 1;
  while (span.records.length < offset) span.records.push(null);
  span.records[offset] = record;
}

/** Forgets indexes at or below `floor`, in chunks (amortised O(1) per index). */
function forgetUpTo<R>(span: IndexWindow<R>, floor: number): void {
  const drop = floor - span.base;
  if (drop < 1024 && drop * 2 < span.records.length) return;
  if (drop <= 0) return;
  span.records.splice(0, drop);
  span.base = floor;
}

// --- Election safety ------------------------------------------------------------------------

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

// --- Leader append-only ---------------------------------------------------------------------

interface LeaderLog extends SeenLog {
  term: number;
}

/** Raft Figure 3 "Leader Append-Only": a leader never overwrites or deletes entries in its log
 * (compacting a committed prefix into a snapshot is neither). */
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
        ghost.byNode[id] = { term: state.currentTerm, ...seenOf(state) };
        if (seen === undefined || seen.term !== state.currentTerm || unchanged(seen, state)) return null;
        if (snapshotIndex(seen) > snapshotIndex(state)) {
          return `leader ${id} (term ${state.currentTerm}) changed its log: its snapshot went back from index ${snapshotIndex(seen)} to ${snapshotIndex(state)}`;
        }
        if (!snapshotFits(seen, state)) {
          const base = snapshotIndex(state);
          return `leader ${id} (term ${state.currentTerm}) changed its log: entry ${base} ${describe(c, entryAt(seen, base) as LogEntry)} was replaced by a snapshot of term ${snapshotTerm(state)}`;
        }
        const kept = agreedUpTo(c, seen, state);
        if (kept >= seenLastIndex(seen)) return null;
        const lost = entryAt(seen, kept + 1) as LogEntry;
        const now = entryAt(state, kept + 1);
        const what = now === undefined ? 'deleted' : `replaced by ${describe(c, now)}`;
        return `leader ${id} (term ${state.currentTerm}) changed its log: entry ${kept + 1} ${describe(c, lost)} was ${what}`;
      });
    },
  };
}

// --- Log matching ---------------------------------------------------------------------------

interface EntryRecord {
  prevTerm: number;
  op: string;
  node: NodeId;
}

type MatchingGhost = { entries: Map<number, Map<number, EntryRecord>>; seen: Record<NodeId, SeenLog>; floors: Floors; forgotten: number };

/** Raft §5.3, Figure 3 "Log Matching": if two logs contain an entry with the same index and term,
 * the logs are identical in all entries up to that index. Checked inductively: every
 * (index, term) ever seen must always come with the same command and the same previous term
 * (after a snapshot, the first entry's previous term is the snapshot's). */
export function logMatching(c: Commands): Invariant<RaftState, MatchingGhost> {
  return {
    name: 'log-matching',
    description: 'Two logs with an entry of the same index and term are identical up to that index.',
    initGhost: () => ({ entries: new Map(), seen: {}, floors: newFloors(), forgotten: 0 }),
    check(nodes, ghost, changed) {
      const violation = forChecked(nodes, changed, (id, state) => {
        noteFloor(ghost.floors, id, state);
        const before = ghost.seen[id];
        if (unchanged(before, state)) return null;
        ghost.seen[id] = seenOf(state);
        const last = lastIndex(state);
        for (let index = agreedUpTo(c, before, state) + 1; index <= last; index++) {
          const entry = entryAt(state, index) as LogEntry;
          const record: EntryRecord = { prevTerm: termAt(state, index - 1) ?? 0, op: c.key(entry.command), node: id };
          let byTerm = ghost.entries.get(index);
          if (byTerm === undefined) {
            if (index <= ghost.forgotten) continue; // below every snapshot: committed and checked
            byTerm = new Map();
            ghost.entries.set(index, byTerm);
          }
          const known = byTerm.get(entry.term);
          if (known === undefined) byTerm.set(entry.term, record);
          else if (known.op !== record.op || known.prevTerm !== record.prevTerm) {
            return `${id} and ${known.node} both have an entry at index ${index} of term ${entry.term}, but their logs differ at or before it (${describe(c, entry)} after term ${record.prevTerm} vs ${known.op} after term ${known.prevTerm})`;
          }
        }
        return null;
      });
      const floor = lowestFloor(ghost.floors, nodes);
      for (let index = ghost.forgotten + 1; index <= floor; index++) ghost.entries.delete(index);
      ghost.forgotten = Math.max(ghost.forgotten, floor);
      return violation;
    },
  };
}

// --- Leader completeness --------------------------------------------------------------------

interface CommittedRecord {
  term: number;
  op: string;
  /** The term of the node that first reported the entry committed. */
  atTerm: number;
}

/** Whether `leader`'s log holds the committed entry `record` at `index`: in memory, or covered by
 * its snapshot (which holds committed entries only; at its own index its term must match). */
function missingFrom(c: Commands, leader: NodeSnapshot<RaftState>, index: number, record: CommittedRecord): string | null {
  const state = leader.state as RaftState;
  const base = snapshotIndex(state);
  if (index < base) return null;
  if (index === base) {
    if (state.snapshot?.term === record.term) return null;
    return `leader ${leader.id} of term ${state.currentTerm} lacks entry ${index} (${record.op}, term ${record.term}) committed in term ${record.atTerm}; its snapshot ends there with term ${state.snapshot?.term}`;
  }
  const entry = entryAt(state, index);
  if (entry !== undefined && entry.term === record.term && c.key(entry.command) === record.op) return null;
  const has = entry === undefined ? 'nothing' : describe(c, entry);
  return `leader ${leader.id} of term ${state.currentTerm} lacks entry ${index} (${record.op}, term ${record.term}) committed in term ${record.atTerm}; it has ${has}`;
}

type CompletenessGhost = { committed: IndexWindow<CommittedRecord>; committedUpTo: number; checkedLeaders: Record<NodeId, number>; floors: Floors };

/** Raft §5.4, Figure 3 "Leader Completeness": an entry committed in a term is present in the logs
 * of the leaders of all higher terms. New commits are checked against current leaders; a new
 * leader is checked once against everything committed before its term that it has not compacted. */
export function leaderCompleteness(c: Commands): Invariant<RaftState, CompletenessGhost> {
  return {
    name: 'leader-completeness',
    description: 'Every entry committed in a term is present in the log of every leader of a later term.',
    initGhost: () => ({ committed: newWindow(), committedUpTo: 0, checkedLeaders: {}, floors: newFloors() }),
    check(nodes, ghost, changed) {
      const violation = forChecked(nodes, changed, (id, state) => {
        noteFloor(ghost.floors, id, state);
        const found = recordCommits(c, nodes, ghost, state);
        if (found !== null || state.role !== 'leader' || ghost.checkedLeaders[id] === state.currentTerm) return found;
        ghost.checkedLeaders[id] = state.currentTerm;
        const self = { id, up: true, state };
        const from = Math.max(ghost.committed.base + 1, snapshotIndex(state), 1);
        for (let index = from; index <= ghost.committedUpTo; index++) {
          const record = getAt(ghost.committed, index);
          if (record === undefined || record.atTerm >= state.currentTerm) continue;
          const missing = missingFrom(c, self, index, record);
          if (missing !== null) return missing;
        }
        return null;
      });
      forgetUpTo(ghost.committed, lowestFloor(ghost.floors, nodes));
      return violation;
    },
  };
}

function recordCommits(c: Commands, nodes: Nodes, ghost: CompletenessGhost, state: RaftState): string | null {
  const from = ghost.committedUpTo + 1;
  const to = Math.min(state.commitIndex, lastIndex(state));
  if (to < from) return null;
  for (let index = from; index <= to; index++) {
    const entry = entryAt(state, index);
    // An entry compacted before it was seen committed cannot be recorded (a node compacts only
    // entries applied in an earlier step, so this does not happen).
    if (entry !== undefined) setAt(ghost.committed, index, { term: entry.term, op: c.key(entry.command), atTerm: state.currentTerm });
  }
  ghost.committedUpTo = to;
  for (const node of nodes) {
    if (!node.up || node.state === null || node.state.role !== 'leader' || node.state.currentTerm <= state.currentTerm) continue;
    for (let index = from; index <= to; index++) {
      const record = getAt(ghost.committed, index);
      const missing = record === undefined ? null : missingFrom(c, node, index, record);
      if (missing !== null) return missing;
    }
  }
  return null;
}

// --- State machine safety -------------------------------------------------------------------

interface AppliedRecord {
  term: number;
  op: string;
  node: NodeId;
}

type MachineGhost = { committed: IndexWindow<AppliedRecord>; checked: Record<NodeId, number>; seen: Record<NodeId, SeenLog>; floors: Floors };

/** Raft §5.4.3, Figure 3 "State Machine Safety": if a server has applied a log entry at an index,
 * no other server ever applies a different entry at that index; a committed entry never
 * changes. Each node's committed (and applied) prefix is compared with the first one seen; a
 * snapshot must hold applied entries only, and its last included term must match what was
 * committed at its index. */
export function stateMachineSafety(c: Commands): Invariant<RaftState, MachineGhost> {
  return {
    name: 'state-machine-safety',
    description: 'No two servers apply different commands at the same index; a committed entry never changes.',
    initGhost: () => ({ committed: newWindow(), checked: {}, seen: {}, floors: newFloors() }),
    check(nodes, ghost, changed) {
      const violation = forChecked(nodes, changed, (id, state) => checkMachine(c, ghost, id, state));
      forgetUpTo(ghost.committed, lowestFloor(ghost.floors, nodes));
      return violation;
    },
  };
}

function checkMachine(c: Commands, ghost: MachineGhost, id: NodeId, state: RaftState): string | null {
  noteFloor(ghost.floors, id, state);
  let checked = Math.min(ghost.checked[id] ?? 0, state.commitIndex);
  if (!unchanged(ghost.seen[id], state)) {
    checked = Math.min(checked, agreedUpTo(c, ghost.seen[id], state, checked));
    ghost.seen[id] = seenOf(state);
  }
  const limit = Math.max(state.commitIndex, state.lastApplied);
  const last = lastIndex(state);
  if (limit > last) return `${id} has committed or applied up to index ${limit} but its log has only ${last} entries`;
  const base = snapshotIndex(state);
  if (base > state.lastApplied) return `${id} has a snapshot up to index ${base} but has applied only up to ${state.lastApplied}`;
  ghost.checked[id] = limit;
  if (checked < base) {
    const known = getAt(ghost.committed, base);
    const term = state.snapshot?.term;
    if (known !== undefined && known.term !== term) {
      return `${id} has a snapshot up to index ${base} of term ${term}, but ${known.node} committed ${known.op} (term ${known.term}) there`;
    }
    checked = base;
  }
  for (let index = checked + 1; index <= limit; index++) {
    const entry = entryAt(state, index) as LogEntry;
    const op = c.key(entry.command);
    const known = getAt(ghost.committed, index);
    if (known === undefined) setAt(ghost.committed, index, { term: entry.term, op, node: id });
    else if (known.term !== entry.term || known.op !== op) {
      return `${id} has ${describe(c, entry)} at committed index ${index}, but ${known.node} committed ${known.op} (term ${known.term}) there`;
    }
  }
  return null;
}

/** Raft's five safety properties (Figure 3) over logs of `machine`'s commands. */
export function raftInvariants<M>(machine: StateMachine<M>): Invariant<RaftState<M>, any>[] {
  const c: Commands = { key: (command) => keyOf(machine, command), label: (command) => labelOf(machine, command) };
  return [electionSafety, leaderAppendOnly(c), logMatching(c), leaderCompleteness(c), stateMachineSafety(c)] as Invariant<RaftState<M>, any>[];
}
