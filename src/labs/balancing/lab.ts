// The balancing lab: clients send requests through one or more load balancers to 3–32 servers of
// different speeds. Compare round-robin, random, least connections, least loaded from stale load
// reports and two random choices on live latency and queue charts; watch stale information herd
// every request onto the server that looked idle (Mitzenmacher, "How useful is old information?",
// 2000); and fail a server to see health checks and outlier ejection take it out of the pool, with
// the requests lost before they do counted.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { balancer } from './balancer';
import { balancingClient } from './client';
import { balancingCoverage } from './coverage';
import { ballsExperiment } from './experiment';
import { describeMessage } from './messages';
import { BALANCING_DEFAULTS, MAX_BALANCERS, MAX_CLIENTS, PARAMS_SCHEMA, readParams, SETTINGS_SCHEMA } from './params';
import { balancingRunChecks } from './run-checks';
import { balancingServer } from './server';
import { afterRestart, configure, failServer, slowServer } from './settings';
import { balancingVerdict } from './verdict';
import { balancingProjection } from './view';

const DEFAULTS: LabDefaults = {
  nodes: 8,
  params: { ...BALANCING_DEFAULTS },
  network: { latencyMs: [2, 6], drop: 0, duplicate: 0 },
};

// `server`, not `node`: a server this run lacks is ignored by the action, not refused by the link.
const server = v.pipe(v.string(), v.minLength(1), v.maxLength(8));
const ACTIONS = {
  configure: { schema: v.partial(v.object(SETTINGS_SCHEMA)), apply: configure },
  slowServer: { schema: v.object({ server, factor: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)) }), apply: slowServer },
  failServer: { schema: v.object({ server, failing: v.boolean() }), apply: failServer },
};

export default defineLab({
  id: 'balancing',
  name: 'Load balancing',
  title: 'Load balancing: policies, stale load and health checks',
  tagline: 'Balancing lab — round-robin, least connections, stale least-loaded herds, two random choices, and ejecting failed servers',
  summary:
    'Clients send requests through load balancers to servers of different speeds. Round-robin piles work on a slow server; least-loaded with load reports a second old herds every request onto the server that looked idle; two random choices, with the same stale reports, stays close to the best. Fail a server and watch health checks and outlier ejection take it out, with the requests lost before they do counted.',
  topics: ['load balancing', 'round-robin', 'least connections', 'power of two choices', 'stale load information', 'herding', 'health checks', 'outlier ejection', 'tail latency'],
  roles: [
    { role: 'server', prefix: 'n', min: 3, default: 8, max: 32 },
    { role: 'balancer', prefix: 'lb', min: 1, default: BALANCING_DEFAULTS.balancers, max: MAX_BALANCERS, count: (s) => readParams(s.params ?? {}).balancers },
    { role: 'client', prefix: 'c', min: 1, default: BALANCING_DEFAULTS.clients, max: MAX_CLIENTS, count: (s) => readParams(s.params ?? {}).clients },
  ],
  system: {
    protocols: { server: balancingServer, balancer, client: balancingClient },
    serverRole: 'server',
    invariants: [],
    afterRestart,
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: PARAMS_SCHEMA,
  actions: ACTIONS,
  rules: [
    {
      id: 'shallow-health-checks',
      param: 'healthCheck',
      value: 'shallow',
      label: 'Probe only whether the process answers (shallow health checks)',
      warning: 'A server that is up but answers every request with an error passes a shallow probe. Fail one: the detection check reports it overstaying in the pool, unless outlier ejection is on.',
    },
  ],
  describeMessage,
  messageKinds: [
    { kind: 'request', label: 'Request', glyph: 'circle' },
    { kind: 'reply', label: 'Answer', glyph: 'diamond' },
    { kind: 'failed', label: 'Error (failing, queue full, no server, timed out)', glyph: 'cross' },
    { kind: 'probe', label: 'Health probe', glyph: 'triangle' },
    { kind: 'probe-reply', label: 'Probe answer', glyph: 'wye' },
    { kind: 'load', label: 'Load report (the board every balancer reads)', glyph: 'square' },
  ],
  stage: { layout: 'tiers', links: 'active', tiers: ['client', 'balancer', 'server'] },
  createProjection: balancingProjection,
  verdict: balancingVerdict,
  runChecks: balancingRunChecks,
  coverage: balancingCoverage,
  // No election timer to fire early.
  // Random plans also fail servers that stay up (answering every request with an error): the
  // fault a shallow health check misses, so a bug hunt can find the lab's rule broken.
  faultWeights: { timeout: 0, lab: 10 },
  labFault: {
    strike: (_prng, node) => ({ do: 'lab', name: 'failServer', server: node, failing: true }),
    undo: (node) => ({ do: 'lab', name: 'failServer', server: node, failing: false }),
  },
  charts: [
    {
      id: 'latency', title: 'Latency of answered requests', unit: 'ms',
      lines: [
        { metric: 'latency', stat: 'p50', label: 'p50' },
        { metric: 'latency', stat: 'p99', label: 'p99' },
      ],
    },
    {
      id: 'queues', title: 'Requests held per server', unit: 'requests',
      lines: [
        { metric: 'queue', stat: 'max', label: 'longest' },
        { metric: 'queue', stat: 'mean', label: 'mean' },
      ],
    },
    {
      id: 'failures', title: 'Requests failed', unit: 'per s',
      lines: [
        { metric: 'failed', stat: 'rate', label: 'failed' },
        { metric: 'timeouts', stat: 'rate', label: 'timed out' },
        { metric: 'errors', stat: 'rate', label: 'error answers' },
      ],
    },
    {
      id: 'ejected', title: 'Servers ejected', unit: 'servers',
      lines: [{ metric: 'ejected', stat: 'max', label: 'by the balancer ejecting most' }],
    },
  ],
  experiments: { balls: ballsExperiment },
});
