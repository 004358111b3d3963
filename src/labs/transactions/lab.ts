// The transactions lab: atomic commit across services. Clients ask a coordinator (n1) to move
// money between accounts held by 2–4 participant services; readers read every balance directly.
// Two-phase commit is atomic but blocks: a coordinator crash after prepare leaves participants
// holding locks until it recovers and its log decides. A saga never blocks, but readers see its
// intermediate states, and its compensations must be idempotent and retried.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { transferClient, reader } from './clients';
import { txCoverage } from './coverage';
import { TX_INVARIANTS } from './invariants';
import { describeTxMessage, TX_MESSAGE_KINDS } from './messages';
import { transactionServer } from './node';
import { compensationSchema, failPercentSchema, logWriteSchema, protocolSchema, TX_DEFAULTS, TX_PARAM_SCHEMAS } from './params';
import { afterRestart, configure, transferNow } from './settings';
import { txProjection, txVerdict } from './verdict';

const DEFAULTS: LabDefaults = {
  nodes: 4,
  params: { ...TX_DEFAULTS, transferEveryMs: [...TX_DEFAULTS.transferEveryMs], readEveryMs: [...TX_DEFAULTS.readEveryMs] },
  network: { latencyMs: [5, 30], drop: 0, duplicate: 0 },
};

export default defineLab({
  id: 'transactions',
  name: 'Transactions',
  title: 'Atomic commit: two-phase commit and sagas',
  tagline: 'Transactions lab — 2PC is atomic but blocks; a saga never blocks but shows its halfway states',
  summary:
    'Clients move money between accounts held by 2–4 services, through a coordinator. Two-phase commit is atomic, but a coordinator crash after prepare leaves participants blocked, holding locks, until its log decides. A saga commits each step at once and compensates on failure: nothing blocks, but readers see transfers half done, and compensations must be idempotent.',
  topics: ['two-phase commit', 'atomic commit', 'blocking', 'presumed abort', 'sagas', 'compensation', 'idempotence', 'isolation'],
  roles: [
    { role: 'server', prefix: 'n', min: 3, default: 4, max: 5 },
    { role: 'client', prefix: 'c', min: 1, default: 2, max: 4 },
    { role: 'reader', prefix: 'r', min: 1, default: 2, max: 4 },
  ],
  system: {
    protocols: { server: transactionServer, client: transferClient, reader },
    serverRole: 'server',
    invariants: TX_INVARIANTS,
    // "leader" in a fault means the coordinator, so random crashes hit it often.
    leader: (servers) => (servers[0]?.up ? servers[0].id : null),
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: TX_PARAM_SCHEMAS,
  actions: {
    configure: {
      schema: v.partial(v.object({ protocol: protocolSchema, failPercent: failPercentSchema, compensation: compensationSchema, logWriteMs: logWriteSchema })),
      apply: configure,
    },
    transfer: {
      schema: v.object({ amount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))) }),
      apply: transferNow,
    },
  },
  rules: [
    {
      id: 'blind-compensation',
      param: 'compensation',
      value: 'blind',
      label: 'Saga compensations refund whenever asked, without checking whether they already did',
      warning: 'Blind compensations: in a saga, a retried or duplicated undo refunds twice and money-conserved fires',
    },
    {
      id: 'abort-in-doubt',
      param: 'inDoubt',
      value: 'abort',
      label: 'A 2PC participant in doubt for 1 s aborts on its own, although it voted yes',
      warning: 'Impatient participants: when the coordinator had decided commit, one aborts while others commit and atomic-commit fires',
    },
    {
      id: 'memory-log',
      param: 'coordinatorLog',
      value: 'memory',
      label: 'The 2PC coordinator keeps its transaction log in memory, not on disk',
      warning: 'No durable log: crash the coordinator after prepare, and on restart it has forgotten the locks it left; no-orphaned-lock fires',
    },
  ],
  describeMessage: describeTxMessage,
  messageKinds: TX_MESSAGE_KINDS,
  stage: { layout: 'tiers', links: 'active', tiers: ['client', 'server', 'reader'] },
  createProjection: txProjection,
  verdict: txVerdict,
  coverage: txCoverage,
  // No election timer to fire early.
  faultWeights: { timeout: 0 },
  charts: [
    {
      id: 'outcomes', title: 'Transfers', unit: 'per s',
      lines: [
        { metric: 'committed', stat: 'rate', label: 'committed' },
        { metric: 'aborted', stat: 'rate', label: 'aborted' },
        { metric: 'compensated', stat: 'rate', label: 'compensated' },
      ],
    },
    {
      id: 'blocked', title: 'Participants blocked', unit: 'participants',
      lines: [{ metric: 'blocked', stat: 'rate', label: 'in doubt, holding a lock (mean over the second)' }],
    },
    {
      id: 'blocked-time', title: 'Time blocked before the decision', unit: 'ms',
      lines: [
        { metric: 'blocked-wait', stat: 'p50', label: 'p50' },
        { metric: 'blocked-wait', stat: 'max', label: 'max' },
      ],
    },
    {
      id: 'reads', title: 'Reads', unit: 'per s',
      lines: [
        { metric: 'reads', stat: 'rate', label: 'consistent or not' },
        { metric: 'reads-blocked', stat: 'rate', label: 'refused by a lock' },
        { metric: 'anomalies', stat: 'rate', label: 'saw a transfer half done' },
      ],
    },
  ],
});
