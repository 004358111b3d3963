// The overload lab: retry storms and metastable failure (Bronson et al., HotOS 2021). Clients
// send requests at a steady share of a bounded service's capacity, time out and retry; a short
// slowdown pushes the service over capacity, and with aggressive retries it stays there after the
// slowdown ends — busy answering requests whose clients already gave up. Backoff with jitter, a
// retry budget, load shedding, adaptive LIFO and a circuit breaker are switches to compare.
import * as v from 'valibot';
import type { Message } from '../../engine/types';
import { defineLab } from '../define-lab';
import { overloadCoverage } from './coverage';
import { metastableExperiment } from './experiment';
import { PARAMS_SCHEMA, SETTINGS_SCHEMA } from './params';
import { configure, slowDown } from './settings';
import { CLIENTS, OVERLOAD_LAB_DEFAULTS, overloadSystem } from './system';
import { overloadVerdict } from './verdict';
import { overloadProjection } from './view';

const SLOW_DOWN_SCHEMA = v.object({
  factor: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(20)),
  forMs: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(30_000)),
});

const ACTIONS = {
  configure: { schema: v.partial(v.object(SETTINGS_SCHEMA)), apply: configure },
  slowDown: { schema: SLOW_DOWN_SCHEMA, apply: slowDown },
};

function describeMessage(payload: Message): { label: string; kind: string } {
  const attempt = Number(payload.attempt) + 1;
  if (payload.type === 'Request') return { label: attempt > 1 ? `${payload.id} try ${attempt}` : String(payload.id), kind: attempt > 1 ? 'retry' : 'request' };
  if (payload.type === 'Reply') return { label: `ok ${payload.id}`, kind: 'reply' };
  if (payload.type === 'Shed') return { label: `no ${payload.id}`, kind: 'shed' };
  return { label: payload.type, kind: 'other' };
}

export default defineLab({
  id: 'overload',
  name: 'Overload',
  title: 'Retry storms and metastable failure',
  tagline: 'Overload lab — a short slowdown, aggressive retries, and a service that stays down after the trigger is gone',
  summary:
    'Clients send requests to a service with bounded capacity, time out and retry. A two-second slowdown pushes it over capacity; with aggressive retries it stays overloaded afterwards, its work spent on answers nobody waits for (a metastable failure). Compare backoff with jitter, a retry budget, load shedding, adaptive LIFO and a circuit breaker on live goodput charts.',
  topics: ['overload', 'metastable failure', 'retries', 'retry budget', 'backoff and jitter', 'load shedding', 'deadlines', 'circuit breaker', 'goodput'],
  roles: [
    { role: 'server', prefix: 'n', min: 2, default: 2, max: 5 },
    { role: 'client', prefix: 'c', min: CLIENTS, default: CLIENTS, max: CLIENTS },
  ],
  system: overloadSystem,
  defaults: OVERLOAD_LAB_DEFAULTS,
  frozen: { 1: OVERLOAD_LAB_DEFAULTS },
  params: PARAMS_SCHEMA,
  actions: ACTIONS,
  rules: [
    {
      id: 'deadline-on-arrival',
      param: 'shed',
      value: 'deadline-on-arrival',
      label: 'Shed by deadline, but check deadlines only when a request arrives',
      warning: 'A request that was fresh when it arrived can expire while it waits in the queue: once the slowdown fills the queues, the deadline-respected invariant catches a server beginning one it cannot finish in time.',
    },
  ],
  describeMessage,
  messageKinds: [
    { kind: 'request', label: 'Request (first attempt)', glyph: 'circle' },
    { kind: 'retry', label: 'Retry (a later attempt)', glyph: 'triangle' },
    { kind: 'reply', label: 'Answer', glyph: 'diamond' },
    { kind: 'shed', label: 'Refused (queue full, shed or expired)', glyph: 'cross' },
  ],
  stage: { layout: 'tiers', links: 'active', tiers: ['client', 'server'] },
  createProjection: overloadProjection,
  verdict: overloadVerdict,
  coverage: overloadCoverage,
  // No election timer to fire early.
  faultWeights: { timeout: 0 },
  experiments: { metastable: metastableExperiment },
  charts: [
    {
      id: 'throughput', title: 'Load and goodput', unit: 'req/s',
      lines: [
        { metric: 'capacity', stat: 'rate', label: 'capacity' },
        { metric: 'offered', stat: 'rate', label: 'offered (all attempts)' },
        { metric: 'goodput', stat: 'rate', label: 'goodput' },
        { metric: 'wasted', stat: 'rate', label: 'wasted work' },
      ],
    },
    {
      id: 'errors', title: 'Errors and retries', unit: 'per s',
      lines: [
        { metric: 'timeouts', stat: 'rate', label: 'timeouts' },
        { metric: 'shed', stat: 'rate', label: 'refused' },
        { metric: 'retries', stat: 'rate', label: 'retries' },
        { metric: 'gave-up', stat: 'rate', label: 'gave up' },
      ],
    },
    {
      id: 'latency', title: 'Latency of answered requests', unit: 'ms',
      lines: [
        { metric: 'latency', stat: 'p50', label: 'p50' },
        { metric: 'latency', stat: 'p99', label: 'p99' },
      ],
    },
    {
      id: 'queue', title: 'Queue depth (all servers)', unit: 'requests',
      lines: [{ metric: 'queued', stat: 'rate', label: 'waiting' }],
    },
  ],
});
