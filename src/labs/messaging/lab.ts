// The messaging lab: producers publish to one broker that offers a queue (SQS-like visibility
// timeouts, redelivery and a dead-letter queue), a stream (Kafka-like partitions, offsets and a
// consumer group that rebalances) or pub/sub (fan-out, durable or not); consumers apply each
// message's effect through a store. Checkers count deliveries and effects per message, lost and
// out-of-order messages, and run the FIFO queue model where it applies. Delivery is at-least-once
// or at-most-once; effectively-once processing comes from idempotence in the store.
import { defineLab, type LabDefaults } from '../define-lab';
import { afterRestart, MESSAGING_ACTIONS } from './actions';
import { broker } from './broker';
import { consumer } from './consumer';
import { messagingCoverage } from './coverage';
import { producer } from './producer';
import { messagingRunChecks } from './run-checks';
import { DEFAULT_SETTINGS, PARAM_SCHEMAS } from './settings';
import { effectStore } from './store';
import { messagingVerdict } from './verdict';
import { messagingProjection } from './view';
import { describeMessagingMessage, MESSAGING_MESSAGE_KINDS } from './wire';

const V1_DEFAULTS: LabDefaults = {
  nodes: 3,
  params: { ...DEFAULT_SETTINGS },
  network: { latencyMs: [5, 25], drop: 0, duplicate: 0 },
};

export default defineLab({
  id: 'messaging',
  name: 'Messaging',
  title: 'Queues, streams, pub/sub and dead letters',
  tagline: 'Messaging lab — at-least-once delivery, redelivery, idempotence, offsets and dead letters',
  summary:
    'Producers publish to a broker that runs as a queue, a partitioned stream or pub/sub; consumers apply each message’s effect to a store. Pause a consumer past its visibility timeout and watch the message delivered twice, make the store idempotent, dead-letter poison messages and redrive them, lose messages by committing before the work, replay a stream to rebuild a projection, and miss messages with a non-durable subscription.',
  topics: ['message queues', 'at-least-once delivery', 'visibility timeout', 'idempotence', 'dead-letter queue', 'Kafka', 'consumer groups', 'offsets', 'event sourcing', 'pub/sub'],
  roles: [
    // The consumers are "the nodes": the node count, random crashes and pauses are theirs.
    { role: 'consumer', prefix: 'n', min: 1, default: 3, max: 6 },
    { role: 'producer', prefix: 'p', min: 2, default: 2, max: 2 },
    { role: 'broker', prefix: 'b', min: 1, default: 1, max: 1 },
    { role: 'store', prefix: 'd', min: 1, default: 1, max: 1 },
  ],
  system: {
    protocols: { consumer, producer, broker, store: effectStore },
    serverRole: 'consumer',
    invariants: [],
    afterRestart,
  },
  defaults: V1_DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: PARAM_SCHEMAS,
  actions: MESSAGING_ACTIONS,
  rules: [
    {
      id: 'not-idempotent', param: 'idempotent', value: false,
      label: 'Non-idempotent consumers: the store applies every delivery',
      warning: 'Idempotence off: a redelivered message takes effect twice (the checker counts duplicated effects)',
    },
    {
      id: 'commit-before', param: 'commit', value: 'before',
      label: 'Acknowledge before the work: delete, commit or ack on receipt',
      warning: 'Acking first: a consumer that crashes mid-work loses that message (the checker counts lost messages)',
    },
    {
      id: 'non-durable', param: 'durable', value: false,
      label: 'Non-durable subscriptions (pub/sub)',
      warning: 'In pub/sub mode, a subscriber that is down misses every message published meanwhile',
    },
  ],
  describeMessage: describeMessagingMessage,
  messageKinds: MESSAGING_MESSAGE_KINDS,
  stage: { layout: 'tiers', links: 'active', tiers: ['producer', 'broker', 'consumer', 'store'] },
  createProjection: messagingProjection,
  verdict: messagingVerdict,
  runChecks: messagingRunChecks,
  coverage: messagingCoverage,
  // Crashes and long pauses of consumers cause redelivery; partitions and cuts only split the
  // consumers from each other (they never talk), so they are not drawn.
  faultWeights: { crash: 14, restart: 14, partition: 0, cut: 0, heal: 4, pause: 30, timeout: 0, network: 12 },
  charts: [
    {
      id: 'flow', title: 'Messages', unit: 'per s',
      lines: [
        { metric: 'produced', stat: 'rate', label: 'produced' },
        { metric: 'consumed', stat: 'rate', label: 'consumed (effects)' },
        { metric: 'redelivered', stat: 'rate', label: 'redelivered' },
      ],
    },
    {
      id: 'backlog', title: 'Backlog', unit: 'messages',
      lines: [
        { metric: 'depth', stat: 'max', label: 'queue depth / unacked' },
        { metric: 'lag', stat: 'max', label: 'consumer lag' },
        { metric: 'dlq', stat: 'last', label: 'dead-letter queue' },
      ],
    },
    {
      id: 'effects', title: 'Duplicates', unit: 'per s',
      lines: [
        { metric: 'duplicates', stat: 'rate', label: 'duplicated effects' },
        { metric: 'deduped', stat: 'rate', label: 'deduped by the store' },
        { metric: 'failed', stat: 'rate', label: 'failed attempts (poison)' },
      ],
    },
  ],
});
