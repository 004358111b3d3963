// The hashing lab: keys on 3–64 nodes placed by consistent hashing (a ring with virtual nodes),
// hash mod N, rendezvous or jump hashing. Add and remove nodes and watch which keys move — real
// Transfer messages to their new owners — compare the balance with few and many tokens, see a
// key's preference list (the quorum lab's replicas), and watch a hot key overload one node
// whatever the scheme.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { afterRestart, changeMembership, configure } from './actions';
import { hashingCoverage } from './coverage';
import { hashingExperiment } from './experiment';
import { hashingInvariants } from './invariants';
import { describeHashingMessage, HASHING_MESSAGE_KINDS } from './messages';
import { SCHEMES } from './placement';
import { createHashingProjection } from './projection';
import { CLIENT_ROLE, hashClient, hashNode, NODE_ROLE } from './protocol';
import { ACCESS_PATTERNS, HASHING_DEFAULTS, LIMITS } from './settings';
import { hashingVerdict } from './verdict';

const DEFAULTS: LabDefaults = {
  nodes: 9,
  params: { ...HASHING_DEFAULTS },
  network: { latencyMs: [10, 40], drop: 0, duplicate: 0 },
};

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const scheme = v.picklist([...SCHEMES]);
const access = v.picklist([...ACCESS_PATTERNS]);
const SETTINGS = { scheme, vnodes: int(1, LIMITS.vnodes), replicas: int(1, LIMITS.replicas), access };
// Any node id a cluster of up to 64 may have (the scenario's validation checks it names a member).
const nodeName = v.optional(v.picklist(Array.from({ length: 64 }, (_, i) => `n${i + 1}`)));

export default defineLab({
  id: 'hashing',
  name: 'Hashing',
  title: 'Consistent hashing: which keys move',
  tagline: 'Hashing lab — a ring with virtual nodes, hash mod N, and the keys that move when a node joins or leaves',
  summary:
    'Keys live on 3–64 nodes placed by consistent hashing, hash mod N, rendezvous or jump hashing. Add and remove nodes and watch the keys that move travel to their new owners; compare the balance with one token per node and with many; see a key’s preference list, where the quorum lab keeps its replicas; and watch a hot key overload one node whatever the scheme.',
  topics: ['consistent hashing', 'virtual nodes', 'hash mod N', 'rendezvous hashing', 'jump consistent hash', 'rebalancing', 'preference lists', 'hot keys'],
  roles: [
    { role: NODE_ROLE, prefix: 'n', min: 3, default: 9, max: 64 },
    { role: CLIENT_ROLE, prefix: 'c', min: 1, default: 1, max: 1, besideRole: NODE_ROLE },
  ],
  system: {
    protocols: { [NODE_ROLE]: hashNode, [CLIENT_ROLE]: hashClient },
    serverRole: NODE_ROLE,
    invariants: hashingInvariants,
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: {
    ...SETTINGS,
    keys: int(10, LIMITS.keys),
    spares: int(0, LIMITS.spares),
    joinAtMs: int(0, 600_000),
    rate: int(0, LIMITS.rate),
  },
  actions: {
    join: { schema: v.object({ node: nodeName }), apply: (sim, action) => changeMembership(sim, action, true) },
    leave: { schema: v.object({ node: nodeName }), apply: (sim, action) => changeMembership(sim, action, false) },
    configure: { schema: v.partial(v.object(SETTINGS)), apply: configure },
  },
  rules: [
    {
      id: 'hash-mod-n', param: 'scheme', value: 'mod', label: 'Place keys by hash mod N',
      warning: 'Keys are placed by hash mod N: adding or removing one node changes N, and almost every key moves.',
    },
    {
      id: 'one-token', param: 'vnodes', value: 1, label: 'One token per node (no virtual nodes)',
      warning: 'Each node has one token: the arcs between nodes are uneven, and the busiest node holds several times its share.',
    },
  ],
  describeMessage: describeHashingMessage,
  messageKinds: HASHING_MESSAGE_KINDS,
  stage: { layout: 'hash-ring', links: 'active' },
  createProjection: createHashingProjection,
  verdict: hashingVerdict,
  coverage: hashingCoverage,
  faultWeights: { timeout: 0 },
  charts: [
    {
      id: 'requests-per-node', title: 'Requests per node', unit: 'req/s',
      lines: [
        { metric: 'node-load', stat: 'max', label: 'busiest node' },
        { metric: 'node-load', stat: 'mean', label: 'mean node' },
      ],
    },
    {
      id: 'handoff', title: 'Keys moving', unit: 'per s',
      lines: [
        { metric: 'keys-moved', stat: 'rate', label: 'keys arrived' },
        { metric: 'transfer-retries', stat: 'rate', label: 'keys resent' },
        { metric: 'misses', stat: 'rate', label: 'requests missed' },
      ],
    },
  ],
  experiments: { hashing: hashingExperiment },
});
