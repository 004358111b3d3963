// The caching lab: clients, app servers, a cache and a database. Compare cache-aside,
// read-through, write-through and write-behind; TTLs; invalidation by delete, by update or by TTL
// alone. See the stale reads TTL-only invalidation serves, the cache-aside race that leaves a
// stale value in the cache indefinitely (Nishtala et al., "Scaling Memcache at Facebook", NSDI
// 2013) and the leases or versioned sets that stop it, a stampede when a hot key expires and the
// coalescing or early expiration (XFetch) that flattens it, and write-behind losing acknowledged
// writes when the cache crashes.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { appServer } from './app';
import { cacheNode } from './cache';
import { cachingProjection } from './checks';
import { cachingClient } from './client';
import { cachingCoverage } from './coverage';
import { database } from './database';
import { CACHING_MESSAGE_KINDS, describeCachingMessage } from './messages';
import { CACHING_DEFAULTS, PARAMS_SCHEMA, SETTINGS_SCHEMA } from './params';
import { cachingRunChecks } from './run-checks';
import { afterRestart, configure, flushCache } from './settings';
import { cachingVerdict } from './verdict';

const DEFAULTS: LabDefaults = {
  nodes: 2,
  params: { ...CACHING_DEFAULTS, opEveryMs: [...CACHING_DEFAULTS.opEveryMs], dbMs: [...CACHING_DEFAULTS.dbMs], slowFillMs: [...CACHING_DEFAULTS.slowFillMs] },
  network: { latencyMs: [2, 12], drop: 0, duplicate: 0 },
};

export default defineLab({
  id: 'caching',
  name: 'Caching',
  title: 'Caching: strategies, invalidation, races and stampedes',
  tagline: 'Caching lab — stale reads, the cache-aside race that stays stale, leases, stampedes and write-behind',
  summary:
    'Clients read and write keys through app servers, a cache and a database. Compare cache-aside, read-through, write-through and write-behind; see TTL-only invalidation serve stale reads, the cache-aside race leave a key stale indefinitely until leases or versioned sets stop it, a hot key’s expiry send a herd to the database until coalescing or early expiration flattens it, and write-behind lose acknowledged writes when the cache crashes.',
  topics: ['caching', 'cache-aside', 'read-through', 'write-through', 'write-behind', 'TTL', 'invalidation', 'leases', 'thundering herd', 'request coalescing', 'XFetch', 'session guarantees'],
  roles: [
    { role: 'app', prefix: 'app', min: 1, default: 2, max: 4 },
    { role: 'cache', prefix: 'cache', min: 1, default: 1, max: 1 },
    { role: 'db', prefix: 'db', min: 1, default: 1, max: 1 },
    { role: 'client', prefix: 'c', min: 1, default: 8, max: 12 },
  ],
  system: {
    protocols: { app: appServer, cache: cacheNode, db: database, client: cachingClient },
    serverRole: 'app',
    invariants: [],
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: PARAMS_SCHEMA,
  actions: {
    configure: { schema: v.partial(v.object(SETTINGS_SCHEMA)), apply: configure },
    flush: { schema: v.object({}), apply: flushCache },
  },
  rules: [
    {
      id: 'delete-first',
      param: 'invalidation',
      value: 'delete-first',
      label: 'Delete the cache entry before writing the database, not after',
      warning: 'Delete first: a reader that misses between the delete and the database write fills the cache with the old value, and no later delete comes to remove it. Leases do not help (the lease was handed out after the delete), so a run with leases on fails on staleForeverKeys.',
    },
  ],
  describeMessage: describeCachingMessage,
  messageKinds: CACHING_MESSAGE_KINDS,
  stage: { layout: 'tiers', links: 'active', tiers: ['client', 'app', 'cache', 'db'] },
  createProjection: cachingProjection,
  verdict: cachingVerdict,
  runChecks: cachingRunChecks,
  coverage: cachingCoverage,
  // No election timer to fire early; faults strike every tier.
  faultWeights: { timeout: 0 },
  faultRoles: ['app', 'cache', 'db', 'client'],
  charts: [
    {
      id: 'origin', title: 'Origin load', unit: 'req/s',
      lines: [
        { metric: 'db-requests', stat: 'rate', label: 'database requests' },
        { metric: 'db-reads', stat: 'rate', label: 'database reads' },
        { metric: 'herd', stat: 'max', label: 'most reads of one key at once' },
      ],
    },
    {
      id: 'cache', title: 'Cache', unit: 'per s',
      lines: [
        { metric: 'hits', stat: 'rate', label: 'hits' },
        { metric: 'misses', stat: 'rate', label: 'misses' },
        { metric: 'waits', stat: 'rate', label: 'told to wait' },
        { metric: 'refused-fills', stat: 'rate', label: 'fills refused' },
        { metric: 'expired', stat: 'rate', label: 'expired' },
      ],
    },
    {
      id: 'latency', title: 'Read latency', unit: 'ms',
      lines: [
        { metric: 'read-latency', stat: 'p50', label: 'p50' },
        { metric: 'read-latency', stat: 'p99', label: 'p99' },
      ],
    },
  ],
});
