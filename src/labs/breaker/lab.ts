// The breaker lab: a client calls two dependencies, A and B, through a circuit breaker per
// dependency (Resilience4j's semantics, as an XState statechart), bulkheads and a time limiter.
// B turns slow at 1 s: watch the breaker trip, fail fast, probe with trial calls and close again;
// take the bulkheads away and B's slow calls drain the pool calls to healthy A need.
import * as v from 'valibot';
import type { Message } from '../../engine/types';
import { defineLab, type LabDefaults } from '../define-lab';
import { breakerProjection } from './checks';
import { client } from './client';
import { afterRestart, CLIENT_ROLE, configure, DEPENDENCY_ROLE, setDependency } from './controls';
import { breakerCoverage } from './coverage';
import { dependency } from './dependency';
import { CLIENT_SCHEMAS, DEPENDENCIES, MODES, PARAM_DEFAULTS, PARAM_SCHEMAS } from './params';
import { breakerRunChecks } from './run-checks';
import { breakerVerdict } from './verdict';

const V1_DEFAULTS: LabDefaults = {
  nodes: 2,
  params: { ...PARAM_DEFAULTS },
  network: { latencyMs: [2, 8], drop: 0, duplicate: 0 },
};

const ACTIONS = {
  setDependency: { schema: v.object({ dependency: v.picklist(DEPENDENCIES), mode: v.picklist(MODES) }), apply: setDependency },
  configure: { schema: v.partial(v.object(CLIENT_SCHEMAS)), apply: configure },
};

function describe(payload: Message): { label: string; kind: string } {
  if (payload.type === 'Call') return { label: `call ${payload.id}`, kind: 'call' };
  if (payload.type === 'Reply') return payload.ok ? { label: `ok ${payload.id}`, kind: 'reply' } : { label: `error ${payload.id}`, kind: 'error' };
  return { label: payload.type, kind: 'other' };
}

/** One outcome chart per dependency. */
function outcomes(d: string) {
  return {
    id: `calls-${d}`, title: `Calls to ${d}`, unit: 'per s',
    lines: [
      { metric: `${d}.success`, stat: 'rate' as const, label: 'success' },
      { metric: `${d}.slow`, stat: 'rate' as const, label: 'slow' },
      { metric: `${d}.failure`, stat: 'rate' as const, label: 'failure' },
      { metric: `${d}.rejected-breaker`, stat: 'rate' as const, label: 'rejected by breaker' },
      { metric: `${d}.rejected-bulkhead`, stat: 'rate' as const, label: 'rejected by bulkhead' },
    ],
  };
}

export default defineLab({
  id: 'breaker',
  name: 'Breakers',
  title: 'Circuit breakers, bulkheads and timeouts',
  tagline: 'Breaker lab — a slow dependency, a breaker that fails fast, bulkheads that contain it',
  summary:
    'A client calls dependencies A and B through a circuit breaker each (CLOSED, OPEN, HALF_OPEN, with Resilience4j’s sliding windows, thresholds and trial calls), bulkheads and a timeout. When B slows down, watch its breaker trip on the failure or slow-call rate, fail fast, probe and close; without bulkheads B’s slow calls take the slots calls to healthy A need; a timeout too long holds slots, one too short fails healthy calls.',
  topics: ['circuit breaker', 'bulkhead', 'timeouts', 'fail fast', 'Resilience4j', 'cascading failure', 'statecharts'],
  roles: [
    { role: DEPENDENCY_ROLE, prefix: 'n', min: 2, default: 2, max: 2 },
    { role: CLIENT_ROLE, prefix: 'c', min: 1, default: 1, max: 1 },
  ],
  system: {
    protocols: { [DEPENDENCY_ROLE]: dependency, [CLIENT_ROLE]: client },
    serverRole: DEPENDENCY_ROLE,
    // The properties this lab checks are the client's (its pools and breakers): its checks and
    // verdict report them, and the statechart is tested transition by transition.
    invariants: [],
    afterRestart,
  },
  defaults: V1_DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: PARAM_SCHEMAS,
  actions: ACTIONS,
  rules: [
    {
      id: 'no-bulkhead',
      param: 'bulkheads',
      value: false,
      label: 'No bulkheads: calls to A and B share one pool of 10 slots',
      warning: 'Shared pool: when B slows down its calls hold the slots, and calls to healthy A are refused too (the “healthy failures” check counts them)',
    },
    {
      id: 'no-breaker',
      param: 'breaker',
      value: false,
      label: 'Breaker off: every call goes through, whatever the dependency’s record',
      warning: 'Breaker off: calls keep going into B while it fails or crawls; “calls into a failing dependency” climbs and B’s slots stay full',
    },
  ],
  describeMessage: describe,
  messageKinds: [
    { kind: 'call', label: 'Call (the client asks a dependency)', short: 'call n', glyph: 'circle' },
    { kind: 'reply', label: 'Reply (answered)', short: 'ok n', glyph: 'diamond' },
    { kind: 'error', label: 'Error reply (a failing dependency)', short: 'error n', glyph: 'cross' },
  ],
  stage: { layout: 'tiers', links: 'active', tiers: [CLIENT_ROLE, DEPENDENCY_ROLE] },
  createProjection: breakerProjection,
  verdict: breakerVerdict,
  runChecks: breakerRunChecks,
  coverage: breakerCoverage,
  // Partitions and cuts only ever split A from B, which never talk; there is no election timer.
  faultWeights: { partition: 0, cut: 0, timeout: 0 },
  charts: [
    outcomes('A'),
    outcomes('B'),
    {
      id: 'success', title: 'Success rate', unit: '%',
      lines: [
        { metric: 'A.ok', stat: 'mean', label: 'A' },
        { metric: 'B.ok', stat: 'mean', label: 'B' },
      ],
    },
    {
      id: 'latency', title: 'Call latency', unit: 'ms',
      lines: [
        { metric: 'A.latency', stat: 'p50', label: 'A p50' },
        { metric: 'A.latency', stat: 'p99', label: 'A p99' },
        { metric: 'B.latency', stat: 'p50', label: 'B p50' },
        { metric: 'B.latency', stat: 'p99', label: 'B p99' },
      ],
    },
    {
      id: 'slots', title: 'Slots held (peak)', unit: 'calls',
      lines: [
        { metric: 'A.slots', stat: 'max', label: 'A slots' },
        { metric: 'B.slots', stat: 'max', label: 'B slots' },
        { metric: 'B.busy', stat: 'max', label: 'calls B is working on' },
      ],
    },
    {
      id: 'breaker-state', title: 'Breaker state', unit: 'level',
      lines: [
        { metric: 'A.breaker', stat: 'max', label: 'A (0 closed, 1 half-open, 2 open)' },
        { metric: 'B.breaker', stat: 'max', label: 'B' },
      ],
    },
  ],
});
