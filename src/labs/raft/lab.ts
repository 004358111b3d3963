// The Raft lab: five servers elect a leader, replicate a log and commit entries of the current
// term by majority; a click sends a client write. A Rules switch breaks the vote-once rule.
import { registerClient } from '../../protocols/client/register-client';
import { USER_ROLE, userRequest } from '../../protocols/client/user-request';
import { currentLeader, ELECTION_TIMER, raft, raftInvariants } from '../../protocols/raft';
import { describeRaftMessage, RAFT_MESSAGE_KINDS } from '../../protocols/raft/describe';
import { CLIENT_KIND, CLIENT_MESSAGE_KIND, describeClientMessage } from '../../protocols/client/describe';
import { defineLab, type LabDefaults } from '../define-lab';
import { raftCoverage } from './coverage';
import { raftParamSchemas } from '../../protocols/raft/param-schemas';

const V1_DEFAULTS: LabDefaults = {
  nodes: 5,
  params: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
  network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
};

/** Light client traffic, so log replication shows without hunting for a menu (a toggle turns it
 * off). Only today's default: v1 links had none and keep none (see frozen). */
const DEFAULTS: LabDefaults = {
  ...V1_DEFAULTS,
  // Log compaction (Raft §7) keeps a lecture-long run bounded; v1 links ran without it.
  params: { ...V1_DEFAULTS.params, snapshotEvery: 200 },
  workload: { clients: 2, intervalMs: [1000, 2000], timeoutMs: 1000, mix: { read: 0, write: 1, cas: 0 }, keys: ['x'] },
};

export default defineLab({
  id: 'raft',
  name: 'Raft',
  title: 'Raft: election, replication, commit',
  tagline: 'Raft lab — leader election and log replication, running for real',
  summary: 'Five nodes elect a leader, replicate a log and commit entries of the current term by majority.',
  topics: ['consensus', 'leader election', 'log replication', 'raft'],
  roles: [
    { role: 'server', prefix: 'n', min: 3, default: 5, max: 9 },
    // Workload clients only when a scenario brings a workload (the swarm tests and the benchmark).
    { role: 'client', prefix: 'c', min: 0, default: 0, max: 9, besideRole: 'server', stream: 'workload', count: (s) => s.workload?.clients ?? 0 },
    { role: USER_ROLE, prefix: 'u', min: 0, default: 0, max: 0, besideRole: 'server' },
  ],
  system: {
    protocols: { server: raft, client: registerClient, [USER_ROLE]: registerClient },
    serverRole: 'server',
    invariants: raftInvariants,
    leader: currentLeader,
    timeoutTimer: ELECTION_TIMER,
    userRequest,
  },
  defaults: DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: raftParamSchemas,
  rules: [
    {
      id: 'vote-twice',
      param: 'bug',
      value: 'vote-twice',
      label: 'Break a rule: let a node vote twice in one term (Raft §5.2)',
      warning: 'Vote-once rule off: expect two leaders in a term — the election-safety invariant will catch it',
    },
    {
      id: 'pre-vote',
      param: 'preVote',
      value: true,
      label: 'Add a rule: ask for pre-votes before an election (thesis §9.6)',
      warning: 'Pre-vote on: a node cut off alone keeps its term, and the leader keeps leading when the partition heals',
    },
  ],
  // One style for every label: a request asks ("vote?", "write?"), a reply answers ("vote ✓", "ok ✓").
  describeMessage: (payload) => describeClientMessage(payload) ?? describeRaftMessage(payload) ?? { label: payload.type, kind: 'other' },
  messageKinds: RAFT_MESSAGE_KINDS.map((spec) => (spec.kind === CLIENT_KIND ? CLIENT_MESSAGE_KIND : spec)),
  stage: { layout: 'ring', links: 'mesh' },
  coverage: raftCoverage,
});
