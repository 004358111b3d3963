// The CRDT lab: replicas of a G-Counter, PN-Counter, OR-Set, LWW-Register or LWW-Element-Set (or a
// naive counter or set, the broken baselines) take users' operations and gossip whole states on
// timers; partitions, loss, duplication and reordering come from the platform's faults. The lab
// shows which converge, what the naive ones lose, which intent LWW drops, and the invariant no
// CRDT keeps (balance ≥ 0).
import * as v from 'valibot';
import { CRDT_KINDS, showCrdtValue } from '../../protocols/crdt/index';
import { defineLab, type LabDefaults } from '../define-lab';
import { statesInflate } from './checks';
import { crdtCoverage } from './coverage';
import { afterRestart, opAction, setType } from './mode';
import { ELEMENTS } from './params';
import { replica, type GossipMessage } from './replica';
import { CRDTS } from '../../protocols/crdt/index';
import { crdtProjection, crdtVerdict } from './verdict';

const V1_DEFAULTS: LabDefaults = {
  nodes: 3,
  params: { type: 'g-counter', opIntervalMs: [200, 600], gossipMs: [100, 300] },
  network: { latencyMs: [10, 60], drop: 0, duplicate: 0 },
};

const type = v.picklist(CRDT_KINDS);
const range = v.pipe(
  v.tuple([v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)), v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000))]),
  v.check(([low, high]) => low <= high, 'the first number must not exceed the second'),
);

export default defineLab({
  id: 'crdt',
  name: 'CRDTs',
  title: 'CRDTs: replicas that converge without coordination',
  tagline: 'CRDT lab — counters and sets that merge in any order, and what they still lose',
  summary:
    'Replicas of a counter, set or register take operations on their own and gossip their states. CRDTs converge under any order, duplication and partition; a naive counter loses increments, LWW drops a concurrent add, and no CRDT keeps a balance from going below zero.',
  topics: ['CRDT', 'eventual consistency', 'G-Counter', 'PN-Counter', 'OR-Set', 'last-writer-wins', 'convergence'],
  roles: [{ role: 'replica', prefix: 'n', min: 2, default: 3, max: 5 }],
  system: {
    protocols: { replica },
    serverRole: 'replica',
    invariants: [statesInflate],
    afterRestart,
  },
  defaults: V1_DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: { type, opIntervalMs: range, gossipMs: range },
  actions: {
    op: {
      schema: v.object({ node: v.picklist(['n1', 'n2', 'n3', 'n4', 'n5']), op: v.picklist(['inc', 'dec', 'add', 'remove', 'write']), element: v.optional(v.picklist(ELEMENTS)) }),
      apply: opAction,
    },
    setType: { schema: v.object({ type }), apply: setType },
  },
  describeMessage: (payload) => {
    if (payload.type !== 'Gossip') return { label: payload.type, kind: 'other' };
    const message = payload as GossipMessage;
    return { label: showCrdtValue(CRDTS[message.kind].value(message.crdt)), kind: 'gossip' };
  },
  messageKinds: [{ kind: 'gossip', label: 'Gossip: a replica\'s whole state, merged on arrival', short: '{a,b}', glyph: 'circle' }],
  stage: { layout: 'ring', links: 'mesh' },
  createProjection: crdtProjection,
  verdict: crdtVerdict,
  coverage: crdtCoverage,
  faultWeights: { timeout: 0 },
});
