// The locks lab: distributed locks and fencing, after Kleppmann's "How to do distributed locking"
// (2016). Clients take a lease-based lock — from one lock node, or Redlock's majority of five —
// and do a read-modify-write on a storage service's counter. A client paused past its lease (a
// GC pause) wakes and writes while the next holder writes too; Redlock does not prevent it, and
// a clock jump on a lock node cuts a lease short. Fencing tokens, checked by the storage, reject
// the stale write. The lock service itself stays a linearizable mutex throughout.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { lockClient } from './client';
import { afterRestart, configure } from './control';
import { locksCoverage } from './coverage';
import { LOCK_INVARIANTS } from './invariants';
import { lockNode } from './lock-node';
import { describeLockMessage, MESSAGE_KINDS } from './messages';
import { locksProjection } from './projection';
import { SETTINGS_DEFAULTS, SETTINGS_SCHEMA } from './settings';
import { storage } from './storage';
import { locksVerdict } from './verdict';

const DEFAULTS: LabDefaults = {
  nodes: 5,
  params: { ...SETTINGS_DEFAULTS, durableLocks: true },
  network: { latencyMs: [5, 40], drop: 0, duplicate: 0 },
};

export default defineLab({
  id: 'locks',
  name: 'Locks',
  title: 'Distributed locks and fencing',
  tagline: 'Locks lab — a paused lock holder, Redlock and clock jumps, and fencing tokens',
  summary:
    'Clients take a lease-based lock from one lock node or a Redlock majority of five, then read, work on and write back a counter in storage. Pause a holder past its lease and two clients write in one critical section; Redlock does not prevent it, and a clock jump on a lock node cuts a lease short. Fencing tokens, checked by the storage, reject the stale write — while the lock service itself stays a linearizable mutex.',
  topics: ['distributed locks', 'leases', 'fencing tokens', 'Redlock', 'GC pauses', 'clock jumps', 'mutual exclusion'],
  roles: [
    { role: 'lock', prefix: 'n', min: 3, default: 5, max: 7 },
    { role: 'storage', prefix: 's', min: 1, default: 1, max: 1 },
    { role: 'client', prefix: 'c', min: 3, default: 3, max: 3 },
  ],
  system: {
    protocols: { lock: lockNode, storage, client: lockClient },
    serverRole: 'lock',
    invariants: LOCK_INVARIANTS,
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: { ...SETTINGS_SCHEMA, durableLocks: v.boolean() },
  actions: {
    configure: { schema: v.partial(v.object(SETTINGS_SCHEMA)), apply: configure },
  },
  rules: [
    {
      id: 'no-fencing',
      param: 'fencing',
      value: false,
      label: 'Break a rule: the storage ignores fencing tokens',
      warning: 'Fencing off: a holder paused past its lease writes over its successor — watch double writes and lost increments climb',
    },
    {
      id: 'forgetful-lock-nodes',
      param: 'durableLocks',
      value: false,
      label: 'Break a rule: lock nodes forget leases and tokens when they restart (no fsync)',
      warning: 'Lock nodes keep nothing across a crash: a restarted node grants a held lock again and reuses tokens — the mutex checker and the token invariant catch it',
    },
  ],
  describeMessage: describeLockMessage,
  messageKinds: MESSAGE_KINDS,
  stage: { layout: 'tiers', links: 'active', tiers: ['client', 'lock', 'storage'] },
  createProjection: locksProjection,
  verdict: locksVerdict,
  coverage: locksCoverage,
  // Faults strike clients too (a holder's long pause is the lesson), and no election timer exists.
  // Clocks jump too: a lease is measured on the lock node's clock and the holder's, and a jump
  // ends one early or stretches it (Kleppmann's case against Redlock's timing assumptions).
  faultRoles: ['lock', 'client'],
  faultWeights: { timeout: 0, pause: 60, skew: 15 },
  charts: [
    {
      id: 'writes', title: 'Storage writes', unit: 'per s',
      lines: [
        { metric: 'accepted', stat: 'rate', label: 'accepted' },
        { metric: 'rejected', stat: 'rate', label: 'rejected (stale token)' },
        { metric: 'double-writes', stat: 'rate', label: 'double writes' },
      ],
    },
    {
      id: 'leases', title: 'Leases', unit: 'per s',
      lines: [
        { metric: 'grants', stat: 'rate', label: 'granted' },
        { metric: 'expiries', stat: 'rate', label: 'expired' },
        { metric: 'denials', stat: 'rate', label: 'denied' },
      ],
    },
  ],
});
