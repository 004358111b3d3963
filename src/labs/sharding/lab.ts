// The sharding lab: a key space partitioned by range or by hash over 4–16 shards, behind a router
// that holds the shard map. Clients send a Zipf-skewed mix of reads, writes and range scans; a
// scan touches one shard under range partitioning and every shard under hash partitioning;
// time-ordered inserts pile onto the last range; a single hot key overloads one shard whatever
// the scheme, until it is salted into sub-keys (writes spread, reads fan out). Splits and moves
// hand keys over in real messages; requests in flight during a move are redirected, never lost.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { afterRestart, askRouter, configure } from './actions';
import { shardingCoverage } from './coverage';
import { shardingInvariants } from './invariants';
import { describeShardingMessage, SHARDING_MESSAGE_KINDS } from './messages';
import { routerProtocol } from './router';
import { clientProtocol } from './client';
import { PARAMS_SCHEMA, SCHEMES, SETTINGS_SCHEMA, SHARDING_DEFAULTS } from './settings';
import { CLIENT_ROLE, ROUTER_ROLE, SHARD_ROLE, shardProtocol } from './shard';
import { shardingVerdict } from './verdict';
import { shardingProjection } from './view';

const DEFAULTS: LabDefaults = {
  nodes: 4,
  params: { ...SHARDING_DEFAULTS },
  network: { latencyMs: [5, 20], drop: 0, duplicate: 0 },
};

export const MAX_SHARDS = 16;
const shardName = v.picklist(Array.from({ length: MAX_SHARDS }, (_, i) => `n${i + 1}`));
const rangeIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(63));

export default defineLab({
  id: 'sharding',
  name: 'Sharding',
  title: 'Sharding and hot keys',
  tagline: 'Sharding lab — range against hash partitioning, range scans, sequential inserts, a hot key, salting, and moving ranges without losing a request',
  summary:
    'A router spreads keys over 4–16 shards by range or by hash. Watch a range scan touch one shard under range partitioning and every shard under hash partitioning, time-ordered inserts pile onto the last range, and one hot key overload its shard whatever the scheme — then salt it into sub-keys and pay for it in read fan-out. Split and move ranges: the keys travel in real messages, and requests in flight are redirected, never lost.',
  topics: ['sharding', 'range partitioning', 'hash partitioning', 'hot keys', 'key salting', 'range scans', 'load-based splitting', 'rebalancing', 'Zipf skew'],
  roles: [
    { role: SHARD_ROLE, prefix: 'n', min: 4, default: 4, max: MAX_SHARDS },
    { role: ROUTER_ROLE, prefix: 'r', min: 1, default: 1, max: 1 },
    { role: CLIENT_ROLE, prefix: 'c', min: 3, default: 3, max: 3 },
  ],
  system: {
    protocols: { [SHARD_ROLE]: shardProtocol, [ROUTER_ROLE]: routerProtocol, [CLIENT_ROLE]: clientProtocol },
    serverRole: SHARD_ROLE,
    invariants: shardingInvariants,
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: PARAMS_SCHEMA,
  actions: {
    configure: { schema: v.partial(v.object(SETTINGS_SCHEMA)), apply: configure },
    split: { schema: v.object({ range: v.optional(rangeIndex) }), apply: askRouter('split') },
    move: { schema: v.object({ range: v.optional(rangeIndex), to: v.optional(shardName) }), apply: askRouter('move') },
    repartition: { schema: v.object({ scheme: v.picklist(SCHEMES) }), apply: askRouter('repartition') },
  },
  rules: [
    {
      id: 'serve-before-handoff', param: 'serveEarly', value: true, label: 'Serve a gained range before its keys arrive',
      warning: 'A shard that gains a range answers for it at once, before the old owner’s keys arrive: at the first move the invariants catch two shards serving the same keys and writes missing from the new owner.',
    },
    {
      id: 'refuse-misrouted', param: 'misrouted', value: 'reject', label: 'Refuse a request for a key that moved away (instead of redirecting it)',
      warning: 'A shard refuses requests for keys it no longer serves: each request in flight during a move fails, and the run counts it as lost.',
    },
  ],
  describeMessage: describeShardingMessage,
  messageKinds: SHARDING_MESSAGE_KINDS,
  stage: { layout: 'tiers', links: 'active', tiers: [CLIENT_ROLE, ROUTER_ROLE, SHARD_ROLE] },
  createProjection: shardingProjection,
  verdict: shardingVerdict,
  coverage: shardingCoverage,
  // Faults strike the shards (the router is the map's keeper); no election timer to fire early.
  faultWeights: { timeout: 0 },
  charts: [
    {
      id: 'shard-load', title: 'Requests per shard', unit: 'req/s',
      lines: [
        { metric: 'shard-load', stat: 'max', label: 'busiest shard' },
        { metric: 'shard-load', stat: 'mean', label: 'mean shard' },
      ],
    },
    {
      id: 'latency', title: 'Latency (client to client)', unit: 'ms',
      lines: [
        { metric: 'latency', stat: 'p50', label: 'p50' },
        { metric: 'latency', stat: 'p99', label: 'p99' },
        { metric: 'queue-wait', stat: 'p99', label: 'queueing p99' },
      ],
    },
    {
      id: 'fan-out', title: 'Shards touched per request', unit: 'shards',
      lines: [
        { metric: 'scan-shards', stat: 'mean', label: 'per range scan' },
        { metric: 'hot-read-shards', stat: 'mean', label: 'per hot-key read' },
      ],
    },
    {
      id: 'moves', title: 'Keys moved and requests redirected', unit: 'per s',
      lines: [
        { metric: 'keys-moved', stat: 'rate', label: 'keys moved' },
        { metric: 'redirects', stat: 'rate', label: 'redirects' },
        { metric: 'lost', stat: 'rate', label: 'lost' },
      ],
    },
  ],
});
