// The replication lab: a primary and 2–4 followers replicate a register; clients write to the
// primary and may read from followers. Async, semi-sync and sync modes, failover by the operator
// or by an election on leases, and a fencing switch show what each choice costs and loses.
import * as v from 'valibot';
import { CLIENT_KIND, CLIENT_MESSAGE_KIND, describeClientMessage } from '../../protocols/client/describe';
import { registerClient } from '../../protocols/client/register-client';
import { USER_ROLE, userRequest } from '../../protocols/client/user-request';
import {
  currentPrimary, describeReplicationMessage, ELECTION_TIMER, MODES, primaryBackup, primaryBackupInvariants,
  primaryBackupParamSchemas, PRIMARY_BACKUP_DEFAULTS, READ_TARGETS,
} from '../../protocols/primary-backup';
import { REPLICATION_MESSAGE_KINDS } from '../../protocols/primary-backup/describe';
import { defineLab, type LabDefaults } from '../define-lab';
import { replicationProjection, replicationVerdict } from './checks';
import { afterRestart, promote, setFencing, setMode, setReads } from './controls';
import { replicationCoverage } from './coverage';

const V1_DEFAULTS: LabDefaults = {
  nodes: 3,
  params: { ...PRIMARY_BACKUP_DEFAULTS },
  network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
  workload: { clients: 3, intervalMs: [100, 300], timeoutMs: 1000, mix: { read: 1, write: 1, cas: 0 }, keys: ['x'] },
};

/** Server ids a scenario may name (the validator also checks them against its size). */
const SERVER_IDS = ['n1', 'n2', 'n3', 'n4', 'n5'] as const;

const ACTIONS = {
  setMode: { schema: v.object({ mode: v.picklist(MODES) }), apply: setMode },
  setReads: { schema: v.object({ reads: v.picklist(READ_TARGETS) }), apply: setReads },
  setFencing: { schema: v.object({ on: v.boolean() }), apply: setFencing },
  /** Without a node: the most up-to-date running follower. */
  promote: { schema: v.object({ node: v.optional(v.picklist(SERVER_IDS)) }), apply: promote },
};

export default defineLab({
  id: 'replication',
  name: 'Replication',
  title: 'Leader-follower replication: async, semi-sync, sync',
  tagline: 'Replication lab — what async loses at failover, what sync costs, and why fencing matters',
  summary:
    'A primary streams its writes to 2–4 followers. Switch between async, semi-sync and sync replication, read from followers, fail the primary over, and see which acknowledged writes are lost, which reads go back in time, when writes stall, and how epochs fence an old primary.',
  topics: ['replication', 'failover', 'replication lag', 'read-your-writes', 'split brain', 'fencing'],
  roles: [
    { role: 'server', prefix: 'n', min: 3, default: 3, max: 5 },
    { role: 'client', prefix: 'c', min: 1, default: 3, max: 9, besideRole: 'server', count: (s) => s.workload?.clients ?? 3 },
    { role: USER_ROLE, prefix: 'u', min: 0, default: 0, max: 0, besideRole: 'server' },
  ],
  system: {
    protocols: { server: primaryBackup, client: registerClient, [USER_ROLE]: registerClient },
    serverRole: 'server',
    invariants: primaryBackupInvariants,
    leader: currentPrimary,
    timeoutTimer: ELECTION_TIMER,
    afterRestart,
    userRequest,
  },
  defaults: V1_DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: primaryBackupParamSchemas,
  actions: ACTIONS,
  rules: [
    {
      id: 'no-fencing',
      param: 'fencing',
      value: false,
      label: 'No fencing: an old primary ignores newer epochs and acts without a lease',
      warning: 'Fencing off: isolate or restart the primary and two primaries accept writes (split brain)',
    },
  ],
  describeMessage: (payload) => describeClientMessage(payload) ?? describeReplicationMessage(payload) ?? { label: payload.type, kind: 'other' },
  messageKinds: [...REPLICATION_MESSAGE_KINDS, { ...CLIENT_MESSAGE_KIND, kind: CLIENT_KIND }],
  stage: { layout: 'ring', links: 'mesh' },
  createProjection: replicationProjection,
  verdict: replicationVerdict,
  coverage: replicationCoverage,
});
