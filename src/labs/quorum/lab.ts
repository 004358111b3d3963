// The quorum lab: Dynamo-style leaderless replication. Clients read and write a key through the
// server beside them (its coordinator); the key lives on N of the servers; writes wait for W
// acknowledgements and reads for R replies. Live checks measure stale reads and t-visibility,
// and the linearizability checker shows that even W + R > N is not linearizable.
import * as v from 'valibot';
import { describeClientMessage, CLIENT_MESSAGE_KIND } from '../../protocols/client/describe';
import { registerClient } from '../../protocols/client/register-client';
import { USER_ROLE, userRequest } from '../../protocols/client/user-request';
import { describeDynamoMessage, DYNAMO_MESSAGE_KINDS, dynamoInvariants, dynamoServer } from '../../protocols/dynamo/index';
import { defineLab, type LabDefaults } from '../define-lab';
import { quorumCoverage } from './coverage';
import { afterRestart, configure } from './settings';
import { quorumProjection, quorumVerdict } from './verdict';

const V1_DEFAULTS: LabDefaults = {
  nodes: 5,
  params: { n: 3, w: 2, r: 2, versioning: 'lww', readRepair: true, hintedHandoff: true, sloppyQuorum: true, antiEntropy: true },
  network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
  workload: { clients: 3, intervalMs: [50, 150], timeoutMs: 600, mix: { read: 1, write: 1, cas: 0 }, keys: ['x'] },
};

const count = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9));
const versioning = v.picklist(['lww', 'vv']);
const SETTINGS = {
  n: count, w: count, r: count, versioning,
  readRepair: v.boolean(), hintedHandoff: v.boolean(), sloppyQuorum: v.boolean(), antiEntropy: v.boolean(),
};

export default defineLab({
  id: 'quorum',
  name: 'Quorums',
  title: 'Leaderless quorums: N, W and R',
  tagline: 'Quorum lab — Dynamo-style replication, stale reads and why W + R > N is not linearizable',
  summary: 'Clients read and write a key kept on N of the servers; writes wait for W acknowledgements, reads for R replies. Measure stale reads against the time since a write, see W + R > N still fail linearizability, keep writing through a partition with a sloppy quorum, and watch last-writer-wins drop a later write when a clock runs behind.',
  topics: ['quorums', 'Dynamo', 'eventual consistency', 'probabilistically bounded staleness', 'sloppy quorum', 'hinted handoff', 'read repair', 'last-writer-wins', 'version vectors'],
  roles: [
    { role: 'server', prefix: 'n', min: 3, default: 5, max: 9 },
    { role: 'client', prefix: 'c', min: 1, default: 3, max: 9, besideRole: 'server', count: (s) => s.workload?.clients ?? 3 },
    { role: USER_ROLE, prefix: 'u', min: 0, default: 0, max: 0, besideRole: 'server' },
  ],
  system: {
    protocols: { server: dynamoServer, client: registerClient, [USER_ROLE]: registerClient },
    serverRole: 'server',
    invariants: dynamoInvariants,
    afterRestart,
    userRequest,
  },
  defaults: V1_DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: SETTINGS,
  actions: {
    configure: { schema: v.partial(v.object(SETTINGS)), apply: configure },
  },
  describeMessage: (payload) => describeClientMessage(payload) ?? describeDynamoMessage(payload) ?? { label: payload.type, kind: 'other' },
  messageKinds: [CLIENT_MESSAGE_KIND, ...DYNAMO_MESSAGE_KINDS],
  stage: { layout: 'ring', links: 'mesh' },
  createProjection: quorumProjection,
  verdict: quorumVerdict,
  coverage: quorumCoverage,
  // No election timer to fire early.
  faultWeights: { timeout: 0, crash: 8, restart: 8, network: 30, cut: 20, partition: 16 },
});
