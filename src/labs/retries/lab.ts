// The retries lab: clients charge one account with a read and a conditional write, all starting
// together, and retry conflicts and timeouts with a backoff policy — none, immediate, fixed,
// exponential, exponential with full, equal or decorrelated jitter — under an optional retry
// budget and deadline. Its experiment reproduces the AWS Architecture Blog's "Exponential Backoff
// And Jitter" figures with the same actors; idempotency keys stop a retried charge applying twice.
import * as v from 'valibot';
import type { Message } from '../../engine/types';
import { defineLab, type LabDefaults } from '../define-lab';
import { retriesProjection } from './checks';
import { CONFIG_SCHEMAS, DEFAULT_CONFIG, MAX_CLIENTS, readConfig } from './config';
import { retriesCoverage } from './coverage';
import { backoffExperiment } from './experiment-command';
import { CLIENT_ROLE, configure } from './settings';
import { retriesSystem, SERVER_ROLE } from './system';
import { retriesVerdict } from './verdict';

const V1_DEFAULTS: LabDefaults = {
  nodes: 1,
  params: { ...DEFAULT_CONFIG },
  // Uniform 7–13 ms: mean 10 ms and standard deviation 2 ms, as in the AWS experiment's network.
  network: { latencyMs: [7, 13], drop: 0, duplicate: 0 },
};

const MESSAGE_KINDS: Record<string, { label: (m: Message) => string; kind: string }> = {
  Read: { label: (m) => `read #${m.order}`, kind: 'read' },
  ReadOk: { label: (m) => `v${m.version}`, kind: 'read-ok' },
  Write: { label: (m) => `$10 if v${m.version}${m.key ? ' +key' : ''}`, kind: 'write' },
  WriteOk: { label: (m) => (m.replayed ? 'ok (key seen)' : 'charged'), kind: 'write-ok' },
  Conflict: { label: (m) => `conflict v${m.version}`, kind: 'conflict' },
  Expired: { label: () => 'expired', kind: 'expired' },
};

export default defineLab({
  id: 'retries',
  name: 'Retries',
  title: 'Retries, backoff and jitter',
  tagline: 'Retries lab — clients that start together collide; backoff, jitter, budgets, deadlines and idempotency keys',
  summary:
    'Clients charge one account with a read and a conditional write, all starting together. Retry conflicts and timeouts at once, with exponential backoff, or with full, equal or decorrelated jitter, and count calls and completion time as the AWS backoff experiment did; cap retries with a budget and a deadline, and watch a retried charge apply twice without an idempotency key.',
  topics: ['retries', 'exponential backoff', 'jitter', 'retry budget', 'deadline propagation', 'idempotency', 'optimistic concurrency'],
  roles: [
    { role: SERVER_ROLE, prefix: 'n', min: 1, default: 1, max: 1 },
    { role: CLIENT_ROLE, prefix: 'c', min: 1, default: DEFAULT_CONFIG.clients, max: MAX_CLIENTS, count: (s) => readConfig(s.params ?? {}).clients },
  ],
  system: retriesSystem,
  defaults: V1_DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: CONFIG_SCHEMAS,
  actions: {
    configure: { schema: v.partial(v.object(CONFIG_SCHEMAS)), apply: configure },
  },
  rules: [
    {
      id: 'no-idempotency-key',
      param: 'idempotencyKey',
      value: false,
      label: 'Retry charges without an idempotency key',
      warning: 'A write whose reply is lost is retried as a new charge: once replies go missing (drop messages, pause the service), the charged-once invariant fires.',
    },
  ],
  describeMessage: (payload) => {
    const known = MESSAGE_KINDS[payload.type];
    return known ? { label: known.label(payload), kind: known.kind } : { label: payload.type, kind: 'other' };
  },
  messageKinds: [
    { kind: 'read', label: 'Read (what version is the account at?)', short: 'read #n', glyph: 'circle' },
    { kind: 'read-ok', label: 'Read reply: the version', short: 'v7', glyph: 'diamond' },
    { kind: 'write', label: 'Conditional write: charge $10 if still at that version', short: '$10 if v7', glyph: 'square' },
    { kind: 'write-ok', label: 'Charged (or: that key was charged already)', short: 'charged', glyph: 'star' },
    { kind: 'conflict', label: 'Conflict: someone wrote first', short: 'conflict', glyph: 'cross' },
    { kind: 'expired', label: 'Refused: the deadline had passed', short: 'expired', glyph: 'triangle' },
  ],
  stage: { layout: 'tiers', links: 'active', tiers: [CLIENT_ROLE, SERVER_ROLE] },
  createProjection: retriesProjection,
  verdict: retriesVerdict,
  coverage: retriesCoverage,
  // Faults strike the clients too (one service alone has no links to partition), and there is
  // no election timer to fire early.
  faultRoles: [SERVER_ROLE, CLIENT_ROLE],
  faultWeights: { timeout: 0 },
  charts: [
    {
      id: 'calls', title: 'Calls', unit: 'per s',
      lines: [
        { metric: 'writes', stat: 'rate', label: 'writes (calls)' },
        { metric: 'conflicts', stat: 'rate', label: 'conflicts' },
        { metric: 'timeouts', stat: 'rate', label: 'timeouts' },
        { metric: 'retries', stat: 'rate', label: 'retries' },
      ],
    },
    {
      id: 'orders', title: 'Orders', unit: 'per s',
      lines: [
        { metric: 'orders', stat: 'rate', label: 'placed' },
        { metric: 'charged', stat: 'rate', label: 'charged' },
        { metric: 'failed', stat: 'rate', label: 'given up' },
        { metric: 'duplicates', stat: 'rate', label: 'charged twice' },
      ],
    },
    {
      id: 'latency', title: 'Order latency (placed → charged)', unit: 'ms',
      lines: [
        { metric: 'latency', stat: 'p50', label: 'p50' },
        { metric: 'latency', stat: 'p99', label: 'p99' },
      ],
    },
  ],
  experiments: { backoff: backoffExperiment },
});

