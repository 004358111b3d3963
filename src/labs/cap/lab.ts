// The CAP lab: clients read, write and compare-and-set a register replicated on five servers; a
// lab action flips it between CP (through the Raft log) and AP (local answers, last-writer-wins
// anti-entropy), and a linearizability checker in the worker judges what the clients saw.
import * as v from 'valibot';
import { registerClient } from '../../protocols/client/register-client';
import { USER_ROLE, userRequest } from '../../protocols/client/user-request';
import { ELECTION_TIMER } from '../../protocols/raft';
import { describeRaftMessage, RAFT_MESSAGE_KINDS } from '../../protocols/raft/describe';
import { CLIENT_KIND, CLIENT_MESSAGE_KIND, describeClientMessage } from '../../protocols/client/describe';
import { currentLeader, register, registerInvariants } from '../../protocols/register';
import { raftParamSchemas } from '../../protocols/raft/param-schemas';
import { defineLab, type LabDefaults } from '../define-lab';
import { capCoverage } from './coverage';
import { capProjection, capVerdict } from './verdict';
import { afterRestart, setMode } from './mode';

const V1_DEFAULTS: LabDefaults = {
  nodes: 5,
  params: { electionTimeoutMs: [150, 300], heartbeatMs: 50, mode: 'cp', antiEntropyMs: 150 },
  network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
  workload: { clients: 3, intervalMs: [100, 300], timeoutMs: 1000, mix: { read: 2, write: 2, cas: 1 }, keys: ['x'] },
};

/** Today's defaults: v1's, with log compaction (Raft §7) so a lecture-long run stays bounded. */
const DEFAULTS: LabDefaults = { ...V1_DEFAULTS, params: { ...V1_DEFAULTS.params, snapshotEvery: 200 } };

const mode = v.picklist(['cp', 'ap']);

export default defineLab({
  id: 'cap',
  name: 'CAP',
  title: 'CAP: a register in CP or AP mode',
  tagline: 'CAP lab — partitions force a choice between consistency and availability',
  summary: 'Clients read, write and compare-and-set a replicated register. Partition the network and flip between CP and AP to see which guarantee gives way; a linearizability checker proves it.',
  topics: ['CAP', 'linearizability', 'partitions', 'eventual consistency', 'last-writer-wins'],
  roles: [
    { role: 'server', prefix: 'n', min: 3, default: 5, max: 9 },
    // Clients draw from one shared stream, in the order they act (as v1 links recorded them).
    { role: 'client', prefix: 'c', min: 1, default: 3, max: 9, besideRole: 'server', stream: 'workload', count: (s) => s.workload?.clients ?? 3 },
    { role: USER_ROLE, prefix: 'u', min: 0, default: 0, max: 0, besideRole: 'server' },
  ],
  system: {
    protocols: { server: register, client: registerClient, [USER_ROLE]: registerClient },
    serverRole: 'server',
    invariants: registerInvariants,
    leader: currentLeader,
    timeoutTimer: ELECTION_TIMER,
    afterRestart,
    userRequest,
  },
  defaults: DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: {
    ...raftParamSchemas,
    mode,
    antiEntropyMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000)),
  },
  rules: [
    {
      id: 'read-index',
      param: 'reads',
      value: 'read-index',
      label: 'Reads skip the log: the leader confirms it still leads with a heartbeat round (thesis §6.4)',
      warning: 'Read-index on: CP reads append nothing to the log, yet stay linearizable',
    },
    {
      id: 'lease',
      param: 'reads',
      value: 'lease',
      label: 'Reads from a leader lease, trusting clocks (thesis §6.4.1)',
      warning: 'Lease reads on: skew a leader’s clock back, cut it off, and it serves stale reads',
    },
  ],
  actions: {
    setMode: { schema: v.object({ mode }), apply: setMode },
  },
  legacyActions: { setMode: 'setMode' },
  // One style for every label: a request asks ("vote?", "write?"), a reply answers ("vote ✓", "ok ✓").
  describeMessage: (payload) =>
    describeClientMessage(payload) ??
    describeRaftMessage(payload) ??
    (payload.type === 'AntiEntropy' ? { label: 'sync', kind: 'anti-entropy' } : { label: payload.type, kind: 'other' }),
  messageKinds: [
    ...RAFT_MESSAGE_KINDS.map((spec) => (spec.kind === CLIENT_KIND ? CLIENT_MESSAGE_KIND : spec)),
    { kind: 'anti-entropy', label: 'Anti-entropy (AP: a whole store, last writer wins)', short: 'sync', glyph: 'star' },
  ],
  stage: { layout: 'ring', links: 'mesh' },
  createProjection: capProjection,
  verdict: capVerdict,
  coverage: capCoverage,
});
