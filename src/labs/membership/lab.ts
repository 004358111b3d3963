// The membership lab: 8–64 members keep track of who is alive. All-to-all heartbeats with a
// timeout against SWIM — one random probe per protocol period, indirect probes through k others,
// suspicion before death with refutation by incarnation numbers, and updates piggybacked on the
// probes. Crash a member and watch detection spread; pause one or drop messages and watch false
// positives, with and without suspicion; compare the load per member as the group grows.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { afterRestart, configure } from './configure';
import { membershipCoverage } from './coverage';
import { swimExperiment } from './experiment';
import { membershipInvariants } from './invariants';
import { pauseProbed } from './pause-probed';
import { describeMembershipMessage, MEMBERSHIP_MESSAGE_KINDS } from './messages';
import { createMembershipProjection } from './projection';
import { MEMBER_ROLE, memberProtocol } from './protocol';
import { DETECTORS, LIMITS, MEMBERSHIP_DEFAULTS, PROBE_ORDERS } from './settings';
import { membershipVerdict } from './verdict';

const DEFAULTS: LabDefaults = {
  nodes: 16,
  params: { ...MEMBERSHIP_DEFAULTS },
  network: { latencyMs: [5, 30], drop: 0, duplicate: 0 },
};

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const LIVE = { detector: v.picklist([...DETECTORS]), suspicion: v.boolean(), indirectK: int(0, LIMITS.indirectK) };

export default defineLab({
  id: 'membership',
  name: 'Membership',
  title: 'Membership: gossip and failure detection',
  tagline: 'Membership lab — SWIM’s probes, suspicion and gossip against all-to-all heartbeats',
  summary:
    'Members of a group of 8–64 keep track of who is alive. All-to-all heartbeats with a timeout send N − 1 messages per member per period; SWIM probes one member per period, asks k others to probe on a missed ack, suspects before it declares dead, lets a live suspect refute with a higher incarnation, and spreads what it learns piggybacked on its probes. Crash a member and watch detection spread; pause one or lose messages and count false positives, with and without suspicion.',
  topics: ['failure detection', 'SWIM', 'gossip', 'membership', 'heartbeats', 'suspicion', 'incarnation numbers', 'false positives', 'presence'],
  roles: [{ role: MEMBER_ROLE, prefix: 'n', min: 8, default: 16, max: 64 }],
  system: {
    protocols: { [MEMBER_ROLE]: memberProtocol },
    serverRole: MEMBER_ROLE,
    invariants: membershipInvariants,
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: {
    ...LIVE,
    periodMs: int(100, 10_000),
    ackTimeoutMs: int(10, 5_000),
    suspicionMs: int(0, 60_000),
    probeOrder: v.picklist([...PROBE_ORDERS]),
    lambda: int(1, LIMITS.lambda),
    heartbeatTimeoutMs: int(100, 60_000),
  },
  actions: {
    configure: { schema: v.partial(v.object(LIVE)), apply: configure },
    'pause-probed': { schema: v.object({ durationMs: int(1, 60_000) }), apply: pauseProbed },
  },
  rules: [
    {
      id: 'no-suspicion', param: 'suspicion', value: false, label: 'No suspicion: declare dead at once',
      warning: 'A single failed probe declares its target dead: a lost ack or a short pause now removes a live member, who must rejoin.',
    },
    {
      id: 'no-indirect', param: 'indirectK', value: 0, label: 'No indirect probes',
      warning: 'A missed direct ack is never checked through other members: one bad link or lost message is enough to suspect a live member.',
    },
  ],
  describeMessage: describeMembershipMessage,
  messageKinds: MEMBERSHIP_MESSAGE_KINDS,
  stage: { layout: 'grid', links: 'active' },
  createProjection: createMembershipProjection,
  verdict: membershipVerdict,
  coverage: membershipCoverage,
  // No election timer to fire early.
  faultWeights: { timeout: 0 },
  charts: [
    {
      id: 'load', title: 'Messages per member', unit: 'msg/s',
      lines: [
        { metric: 'load', stat: 'rate', label: 'all sent' },
        { metric: 'load-probe', stat: 'rate', label: 'pings and acks' },
        { metric: 'load-indirect', stat: 'rate', label: 'ping-reqs' },
        { metric: 'load-heartbeat', stat: 'rate', label: 'heartbeats' },
      ],
    },
    {
      id: 'detection', title: 'Detection', unit: 'per s',
      lines: [
        { metric: 'suspected', stat: 'rate', label: 'suspected' },
        { metric: 'declared', stat: 'rate', label: 'declared dead' },
        { metric: 'refuted', stat: 'rate', label: 'refuted' },
        { metric: 'rejoined', stat: 'rate', label: 'rejoined' },
      ],
    },
  ],
  experiments: { swim: swimExperiment },
});
