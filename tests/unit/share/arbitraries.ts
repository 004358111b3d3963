// fast-check generators of valid share states: raft and CAP scenarios with 3–9 nodes, each lab's
// own params, and actions that name only the scenario's actors (servers, and the CAP lab's clients),
// a cursor and an optional view.
import fc from 'fast-check';
import type { TimedAction } from '../../../src/engine/actions';
import type { Scenario } from '../../../src/scenarios/scenario';
import { MAX_TIME_MS } from '../../../src/scenarios/validate';
import type { ShareState } from '../../../src/share';

const timeMs = fc.integer({ min: 0, max: MAX_TIME_MS });
const ratio = fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100);
const rangeMs = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }))
  .map(([min, extra]): [number, number] => [min, min + extra]);
const scalar = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((x) => !Object.is(x, -0)),
);

function nodeIds(nodes: number, prefix = 'n'): string[] {
  return Array.from({ length: nodes }, (_, index) => `${prefix}${index + 1}`);
}

type Lab = 'raft' | 'cap';

/** Actions on the scenario's actors: servers n1..nN and clients c1..cK (faults apply to clients too). */
function actionOf(lab: Lab, nodes: number, clients: number): fc.Arbitrary<TimedAction> {
  const ids = nodeIds(nodes);
  const actorIds = [...ids, ...nodeIds(clients, 'c')];
  const nodeId = fc.constantFrom(...ids);
  const actorId = fc.constantFrom(...actorIds);
  const nodeRef = fc.oneof(nodeId, fc.constant('leader'));
  const actorRef = fc.oneof(actorId, fc.constant('leader'));
  const on = <T extends string>(kind: T) => fc.record({ at: timeMs, do: fc.constant(kind), node: actorRef });
  const partition = fc.shuffledSubarray(ids, { minLength: 1 }).chain((members) =>
    fc.integer({ min: 0, max: members.length }).map((split) => ({
      groups: [members.slice(0, split), members.slice(split)].filter((group) => group.length > 0),
    })));
  const operation = fc.oneof(
    fc.record({ f: fc.constant('read' as const), key: fc.constantFrom('x', 'y') }, { requiredKeys: ['f'] }),
    fc.record({ f: fc.constant('write' as const), key: fc.constantFrom('x', 'y'), value: scalar }, { requiredKeys: ['f'] }),
    fc.record({ f: fc.constant('cas' as const), key: fc.constant('x'), value: fc.tuple(scalar, scalar) }, { requiredKeys: ['f'] }),
  );
  const generic = [
    on('crash'), on('restart'), on('timeout'),
    fc.record({ at: timeMs, do: fc.constant('pause' as const), node: actorRef, durationMs: fc.integer({ min: 1, max: 600_000 }) }),
    fc.record({ at: timeMs, p: partition }).map(({ at, p }) => ({ at, do: 'partition' as const, groups: p.groups })),
    fc.record({ at: timeMs, do: fc.constant('cut' as const), from: actorId, to: actorId, oneWay: fc.boolean() }, { requiredKeys: ['at', 'do', 'from', 'to'] }),
    fc.record({ at: timeMs, do: fc.constant('heal' as const) }),
    fc.record({ at: timeMs, do: fc.constant('heal' as const), from: actorId, to: actorId, oneWay: fc.boolean() }, { requiredKeys: ['at', 'do', 'from', 'to'] }),
    fc.record({ at: timeMs, do: fc.constant('request' as const), node: nodeRef, op: operation, client: fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/) }, { requiredKeys: ['at', 'do', 'node', 'op'] }),
    fc.record({ at: timeMs, do: fc.constant('network' as const), latencyMs: rangeMs, drop: ratio, duplicate: ratio }, { requiredKeys: ['at', 'do'] }),
    fc.record({ at: timeMs, do: fc.constant('skew' as const), node: nodeId, offsetMs: fc.integer({ min: -3_600_000, max: 3_600_000 }) }),
  ];
  // The CAP lab's own action, in its current spelling (a legacy {do: 'setMode'} decodes to this).
  const labActions = lab === 'cap' ? [fc.record({ at: timeMs, do: fc.constant('lab' as const), name: fc.constant('setMode'), mode: fc.constantFrom('cp', 'ap') })] : [];
  return fc.oneof(...generic, ...labActions) as fc.Arbitrary<TimedAction>;
}

const electionTimeoutMs = fc.tuple(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 60_000 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
const raftParams = {
  electionTimeoutMs,
  heartbeatMs: fc.integer({ min: 1, max: 60_000 }),
  maxEntriesPerAppend: fc.integer({ min: 1, max: 1000 }),
  bug: fc.constantFrom(null, 'vote-twice'),
};

/** Each lab's params: absent, its defaults, or any valid subset (params are checked per lab). */
function paramsOf(lab: Lab): fc.Arbitrary<Record<string, unknown> | undefined> {
  const own = lab === 'cap'
    ? { ...raftParams, mode: fc.constantFrom('cp', 'ap'), antiEntropyMs: fc.integer({ min: 1, max: 60_000 }) }
    : raftParams;
  const defaults = lab === 'cap'
    ? { electionTimeoutMs: [150, 300], heartbeatMs: 50, mode: 'cp', antiEntropyMs: 150 }
    : { electionTimeoutMs: [150, 300], heartbeatMs: 50 };
  return fc.oneof(fc.constant(undefined), fc.constant(defaults), fc.record(own, { requiredKeys: [] }));
}
const network = fc.oneof(
  fc.constant(undefined),
  fc.constant({ latencyMs: [10, 30] as [number, number], drop: 0, duplicate: 0 }),
  fc.record({ latencyMs: rangeMs, drop: ratio, duplicate: ratio }, { requiredKeys: [] }),
);
const workload = fc.oneof(
  fc.constant(undefined),
  fc.record({
    clients: fc.integer({ min: 1, max: 9 }),
    intervalMs: rangeMs,
    timeoutMs: fc.integer({ min: 1, max: 600_000 }),
    mix: fc.record({ read: fc.nat(10), write: fc.nat(10), cas: fc.nat(10) }),
    keys: fc.array(fc.constantFrom('x', 'y', 'z', 'k'), { minLength: 1, maxLength: 4 }),
  }),
);

export function scenarioArbitrary(maxActions = 25, labs: readonly Lab[] = ['raft']): fc.Arbitrary<Scenario> {
  return fc.tuple(fc.constantFrom(...labs), fc.integer({ min: 3, max: 9 }), workload).chain(([lab, nodes, load]) => {
    // The CAP lab runs the workload's clients (three by default); the raft lab only a given workload's.
    const clients = load?.clients ?? (lab === 'cap' ? 3 : 0);
    return fc.record({
      lab: fc.constant(lab),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      nodes: fc.constant(nodes),
      params: paramsOf(lab),
      network,
      workload: fc.constant(load),
      actions: fc.array(actionOf(lab, nodes, clients), { maxLength: maxActions }),
      until: fc.option(fc.integer({ min: 1, max: MAX_TIME_MS }), { nil: undefined }),
    });
  }).map(dropUndefined);
}

export function shareStateArbitrary(maxActions = 25, labs: readonly Lab[] = ['raft']): fc.Arbitrary<ShareState> {
  return fc.record({
    scenario: scenarioArbitrary(maxActions, labs),
    cursorMs: fc.oneof(fc.constant(0), timeMs),
    view: fc.option(fc.record({ speed: fc.constantFrom(0.01, 0.1, 0.25, 1, 4, 16, 100), theme: fc.constantFrom('light', 'dark') }, { requiredKeys: [] })
      .filter((view) => Object.keys(view).length > 0), { nil: undefined }),
  }).map(dropUndefined);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** A realistic recorded session: clicks every few seconds on a 5-node cluster. */
export function recordedSession(actionCount: number, seed = 7): ShareState {
  let state = 12345 + seed;
  const next = (range: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % range;
  };
  const node = () => `n${1 + next(5)}`;
  const actions: TimedAction[] = [];
  let at = 0;
  for (let index = 0; index < actionCount; index++) {
    at += 50 + next(3000);
    const kind = next(6);
    if (kind === 0) actions.push({ at, do: 'crash', node: node() });
    else if (kind === 1) actions.push({ at, do: 'restart', node: node() });
    else if (kind === 2) actions.push({ at, do: 'timeout', node: node() });
    else if (kind === 3) actions.push({ at, do: 'cut', from: node(), to: node(), oneWay: false });
    else if (kind === 4) actions.push({ at, do: 'heal' });
    else actions.push({ at, do: 'request', node: 'leader', op: { f: 'write', key: 'x', value: next(100) } });
  }
  return {
    scenario: { lab: 'raft', seed, nodes: 5, params: { electionTimeoutMs: [150, 300], heartbeatMs: 50 }, network: { latencyMs: [10, 30], drop: 0, duplicate: 0 }, actions },
    cursorMs: at,
  };
}
