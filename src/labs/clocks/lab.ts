// The clocks lab: 3–6 processes exchange messages (on timers and on request) and stamp every
// event with a Lamport clock, a vector clock, a skewed and drifting physical clock and a hybrid
// logical clock. A checker rebuilds happens-before from the messages and judges each clock;
// last-writer-wins on physical or hybrid timestamps shows which one loses causally later writes.
import * as v from 'valibot';
import { defineLab, type LabDefaults } from '../define-lab';
import { clockCondition } from './checks';
import { clocksCoverage } from './coverage';
import { afterRestart, localAction, sendAction, setLww } from './mode';
import { clockProcess, type ClockMessage } from './process';
import { clocksProjection, clocksVerdict } from './verdict';

const V1_DEFAULTS: LabDefaults = {
  nodes: 4,
  params: { intervalMs: [100, 400], skewMs: 250, driftPpm: 20_000, lww: 'physical', bug: null },
  network: { latencyMs: [10, 40], drop: 0, duplicate: 0 },
};

const PROCESS_IDS = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'] as const;
const processId = v.picklist(PROCESS_IDS);
const lww = v.picklist(['physical', 'hybrid']);
const ms = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000));

export default defineLab({
  id: 'clocks',
  name: 'Clocks',
  title: 'Clocks: Lamport, vector, physical and hybrid',
  tagline: 'Clocks lab — what a timestamp can and cannot tell about causality',
  summary:
    'Processes exchange messages and stamp every event with Lamport, vector, physical and hybrid clocks. Pick two events to see whether one happened before the other and why; skew a clock to watch "latest timestamp wins" drop a later write.',
  topics: ['Lamport clocks', 'vector clocks', 'happens-before', 'clock skew', 'hybrid logical clocks', 'last-writer-wins'],
  roles: [{ role: 'process', prefix: 'n', min: 3, default: 4, max: 6 }],
  system: {
    protocols: { process: clockProcess },
    serverRole: 'process',
    invariants: [clockCondition],
    afterRestart,
  },
  defaults: V1_DEFAULTS,
  frozen: { 1: V1_DEFAULTS },
  params: {
    intervalMs: v.pipe(v.tuple([ms, ms]), v.check(([low, high]) => low <= high, 'the first number must not exceed the second')),
    skewMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
    driftPpm: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(500_000)),
    lww,
    bug: v.nullable(v.picklist(['skip-receive-max'])),
  },
  rules: [
    {
      id: 'skip-receive-max',
      param: 'bug',
      value: 'skip-receive-max',
      label: 'A receive only ticks, without taking the maximum with the message\'s stamp (Lamport\'s IR2)',
      warning: 'Receive rule broken: a message from a busier process soon arrives "before" it was sent, and the checker stops the run',
    },
  ],
  actions: {
    send: { schema: v.object({ from: processId, to: processId }), apply: sendAction },
    local: { schema: v.object({ node: processId }), apply: localAction },
    setLww: { schema: v.object({ mode: lww }), apply: setLww },
  },
  describeMessage: (payload) => {
    const message = payload as ClockMessage;
    return payload.type === 'Clock' ? { label: `L${message.lamport}`, kind: 'clock' } : { label: payload.type, kind: 'other' };
  },
  messageKinds: [{ kind: 'clock', label: 'A message carrying the sender\'s clocks and register', short: 'L5', glyph: 'circle' }],
  stage: { layout: 'ring', links: 'mesh' },
  createProjection: clocksProjection,
  verdict: clocksVerdict,
  coverage: clocksCoverage,
  faultWeights: { timeout: 0 },
});
