// What the stage and the inspector show of a register node, which node leads, and each replica's
// store for the convergence checker.
import type { NodeSnapshot, NodeView } from '../../engine/types';
import { describeKeyValue, type KeyValue } from '../kv';
import { currentLeader as raftLeader, type RaftState } from '../raft';
import { entryAt } from '../raft/log';
import { isSync, type RegisterMachine } from './machine';
import { registerRaft } from './raft';
import type { RegisterState, Stamp } from './types';

function describeStamps(stamps: Record<string, Stamp>, maxChars = 80): string {
  const keys = Object.keys(stamps).sort();
  if (keys.length === 0) return '(none)';
  const text = keys.map((key) => `${key}@${stamps[key].ms}·${stamps[key].node}`).join(', ');
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** Raft's view of the log, with sync entries labelled as such. */
function logView(state: RegisterState, base: NodeView): NodeView['log'] {
  return base.log?.map((entry) => {
    const command = entryAt(state.raft, entry.index)?.command ?? null;
    return isSync(command) ? { ...entry, label: `sync ${describeKeyValue(command.sync, 24)}` } : entry;
  });
}

/** In AP every replica answers from its own copy: no node leads, whatever Raft underneath says. */
export const AP_ROLE = 'replica';

/** Raft's view (role, term, log, commit index) with the store as summary and the mode first. In AP
 * the stage shows a replica, not a leader (Raft's role stays in the details). */
export function view(state: RegisterState): NodeView {
  const base = registerRaft.view(state.raft);
  const { state: _store, ...raftDetails } = base.details;
  return {
    ...base,
    role: state.mode === 'ap' ? AP_ROLE : base.role,
    summary: describeKeyValue(state.raft.machine.store, 24),
    badge: describeKeyValue(state.raft.machine.store, 14),
    log: logView(state, base),
    details: {
      mode: state.mode.toUpperCase(),
      ...raftDetails,
      raft: base.summary,
      store: describeKeyValue(state.raft.machine.store),
      stamps: describeStamps(state.raft.machine.stamps),
      modeEpoch: state.modeEpoch,
    },
  };
}

const raftSnapshots = new WeakMap<NodeSnapshot<RegisterState>[], NodeSnapshot<RaftState<RegisterMachine>>[]>();

/** The same snapshots seen as Raft nodes (one array per input array, refreshed on every call). */
export function asRaft(nodes: NodeSnapshot<RegisterState>[]): NodeSnapshot<RaftState<RegisterMachine>>[] {
  let mapped = raftSnapshots.get(nodes);
  if (mapped === undefined || mapped.length !== nodes.length) {
    mapped = nodes.map((node) => ({ id: node.id, up: node.up, state: null }));
    raftSnapshots.set(nodes, mapped);
  }
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const target = mapped[i];
    target.id = node.id;
    target.up = node.up;
    target.state = node.state === null ? null : node.state.raft;
  }
  return mapped;
}

export function currentLeader(nodes: NodeSnapshot<RegisterState>[]): string | null {
  return raftLeader(asRaft(nodes));
}

/** Each up node's store (a copy), by node id: what the convergence checker compares. */
export function replicaValues(nodes: NodeSnapshot<RegisterState>[]): Record<string, KeyValue> {
  const replicas: Record<string, KeyValue> = {};
  for (const node of nodes) {
    if (node.up && node.state !== null) replicas[node.id] = { ...node.state.raft.machine.store };
  }
  return replicas;
}
