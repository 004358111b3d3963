// The trust lab: "the network is secure" is a fallacy. A primary replicates a register to its
// followers; the link between n1 and n2 runs through a router an attacker controls, which can
// tamper with, drop, replay or forge replication packets. MACs over per-pair keys make tampering
// and forgery detectable; a challenge-response handshake and sequence numbers make replays
// detectable; neither can stop a drop. Invariants catch what gets through.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { attacker } from './attacker';
import { trustProjection, trustVerdict } from './checks';
import { writer } from './client';
import { trustCoverage } from './coverage';
import { TRUST_INVARIANTS } from './invariants';
import { describeTrustMessage, TRUST_MESSAGE_KINDS } from './messages';
import { attackSchema, TRUST_DEFAULTS, TRUST_PARAM_SCHEMAS } from './params';
import { replica } from './replica';
import { afterRestart, protect, setAttack } from './settings';
import { ATTACKER_ROLE, SERVER_ROLE } from './wire';

const DEFAULTS: LabDefaults = {
  nodes: 3,
  params: { ...TRUST_DEFAULTS, writeEveryMs: [...TRUST_DEFAULTS.writeEveryMs] },
  network: { latencyMs: [5, 30], drop: 0, duplicate: 0 },
};

export default defineLab({
  id: 'trust',
  name: 'Trust',
  title: 'An untrusted network: MACs, replays and handshakes',
  tagline: 'Trust lab — a hostile router tampers, replays, drops and forges; MACs and sessions catch all but the drop',
  summary:
    'A primary replicates a register to its followers, and the n1–n2 link runs through a router an attacker controls. Without authentication a tampered or forged packet corrupts a replica; with a MAC it is rejected. A MAC alone does not stop a replayed old packet from rolling a replica back: a challenge-response session with sequence numbers does. Nothing stops a drop. Charts show what the protection costs on the wire.',
  topics: ['fallacies of distributed computing', 'message authentication', 'MAC', 'replay attacks', 'nonces', 'challenge-response', 'man in the middle'],
  roles: [
    { role: SERVER_ROLE, prefix: 'n', min: 3, default: 3, max: 5 },
    { role: 'client', prefix: 'c', min: 1, default: 2, max: 4 },
    // The router sits on n1's side of the n1–n2 link: it shares n1's links, so a partition that
    // cuts n1 from n2 cuts the route through it too.
    { role: ATTACKER_ROLE, prefix: 'm', min: 1, default: 1, max: 1, besideRole: SERVER_ROLE },
  ],
  system: {
    protocols: { [SERVER_ROLE]: replica, client: writer, [ATTACKER_ROLE]: attacker },
    serverRole: SERVER_ROLE,
    invariants: TRUST_INVARIANTS,
    leader: (servers) => (servers[0]?.up ? servers[0].id : null),
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: TRUST_PARAM_SCHEMAS,
  actions: {
    // What the attacker on the n1–n2 link does.
    setAttack: { schema: v.object({ attack: attackSchema }), apply: setAttack },
    // Which defences the nodes use: MACs, and sessions with sequence numbers.
    protect: { schema: v.partial(v.object({ mac: v.boolean(), sessions: v.boolean() })), apply: protect },
  },
  rules: [
    {
      id: 'no-mac',
      param: 'auth',
      value: 'none',
      label: 'Followers believe the source field: packets carry no MAC',
      warning: 'No MACs: set the attacker to tamper or forge, and replicas-match-primary fires when n2 takes a value n1 never wrote',
    },
    {
      id: 'no-replay-protection',
      param: 'replayProtection',
      value: 'none',
      label: 'No sessions or sequence numbers: a follower takes any well-tagged packet, however old',
      warning: 'No replay protection: set the attacker to replay, and no-rollback fires when an old Replicate takes n2 back',
    },
  ],
  describeMessage: describeTrustMessage,
  messageKinds: TRUST_MESSAGE_KINDS,
  stage: { layout: 'ring', links: 'mesh' },
  createProjection: trustProjection,
  verdict: trustVerdict,
  coverage: trustCoverage,
  // n1 is the primary by construction: there is no election timer to fire.
  faultWeights: { timeout: 0 },
  charts: [
    {
      id: 'wire', title: 'On the wire', unit: 'per s',
      lines: [
        { metric: 'messages', stat: 'rate', label: 'messages' },
        { metric: 'handshake-messages', stat: 'rate', label: 'handshake messages' },
        { metric: 'rejected', stat: 'rate', label: 'rejected' },
      ],
    },
    {
      id: 'bytes', title: 'Bytes on the wire', unit: 'bytes/s',
      lines: [{ metric: 'bytes', stat: 'rate', label: 'bytes (a MAC adds 32 per packet)' }],
    },
    {
      id: 'latency', title: 'Write latency', unit: 'ms',
      lines: [
        { metric: 'write-latency', stat: 'p50', label: 'p50' },
        { metric: 'write-latency', stat: 'p99', label: 'p99' },
      ],
    },
  ],
});
