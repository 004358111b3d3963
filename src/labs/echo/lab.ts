// The echo lab: the platform's worked example (docs/adding-a-lab.md). Clients ping 3–64 echo
// servers and retry with exponential backoff; it is hidden from the page's lab list and serves
// as a test fixture for the conformance suite and for 64-member stages.
import * as v from 'valibot';
import type { Invariant } from '../../engine/types';
import { noted } from '../coverage';
import { defineLab, type LabDefaults } from '../define-lab';
import { echoClient, echoServer, type EchoServerState } from './protocol';

const DEFAULTS: LabDefaults = {
  nodes: 5,
  params: { intervalMs: 400, timeoutMs: 150, retries: 3, backoffMs: 50 },
  network: { latencyMs: [5, 40], drop: 0, duplicate: 0 },
};

const ms = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000));

/** A server answers each ping it received: its count of answers never runs backwards while it is up. */
const servedNeverShrinks: Invariant<EchoServerState, Record<string, number>> = {
  name: 'served-never-shrinks',
  description: 'A running server never forgets pings it has answered.',
  initGhost: () => ({}),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if (changed !== null && node.id !== changed) continue;
      if (!node.up || node.state === null) {
        delete ghost[node.id];
        continue;
      }
      const before = ghost[node.id] ?? 0;
      if (node.state.served < before) return `${node.id} had answered ${before} pings, now says ${node.state.served}`;
      ghost[node.id] = node.state.served;
    }
    return null;
  },
};

export default defineLab({
  id: 'echo',
  name: 'Echo',
  title: 'Echo: clients that retry',
  tagline: 'Echo lab — clients ping servers and retry with backoff',
  summary: 'Clients ping 3–64 echo servers, time out, and retry on another server with exponential backoff until their retry budget runs out.',
  topics: ['retries', 'timeouts', 'backoff'],
  hidden: true,
  roles: [
    { role: 'server', prefix: 'n', min: 3, default: 5, max: 64 },
    { role: 'client', prefix: 'c', min: 1, default: 3, max: 8 },
  ],
  system: {
    protocols: { server: echoServer, client: echoClient },
    serverRole: 'server',
    invariants: [servedNeverShrinks],
  },
  defaults: DEFAULTS,
  frozen: { 1: DEFAULTS },
  params: { intervalMs: ms, timeoutMs: ms, retries: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)), backoffMs: ms },
  describeMessage: (payload) => ({ label: payload.type === 'Ping' ? `ping ${payload.seq}` : `pong ${payload.seq}`, kind: payload.type === 'Ping' ? 'ping' : 'pong' }),
  messageKinds: [
    { kind: 'ping', label: 'Ping (a client asks)', glyph: 'circle' },
    { kind: 'pong', label: 'Pong (the server echoes)', glyph: 'diamond' },
  ],
  stage: { layout: 'grid', links: 'active' },
  faultWeights: { timeout: 0 },
  // What the clients' metric effects add up to per virtual second (the page draws them; `cli run
  // echo --charts --json` prints them).
  charts: [
    {
      id: 'throughput', title: 'Pings', unit: 'per s',
      lines: [
        { metric: 'pings', stat: 'rate', label: 'sent' },
        { metric: 'answered', stat: 'rate', label: 'answered' },
        { metric: 'retries', stat: 'rate', label: 'retries' },
        { metric: 'gave-up', stat: 'rate', label: 'gave up' },
      ],
    },
    {
      id: 'latency', title: 'Round trip', unit: 'ms',
      lines: [
        { metric: 'latency', stat: 'p50', label: 'p50' },
        { metric: 'latency', stat: 'p99', label: 'p99' },
      ],
    },
  ],
  coverage: [
    { name: 'retried', description: 'a client retried after a timeout', reached: (sim) => noted(sim, 'retried') },
    { name: 'answered-after-retry', description: 'a retry got an answer', reached: (sim) => noted(sim, 'answered-after-retry') },
    { name: 'gave-up', description: 'a client ran out of retries', reached: (sim) => noted(sim, 'gave-up') },
  ],
});
