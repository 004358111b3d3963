// Scenario validation: untrusted input (share links, files, the CLI) becomes a typed scenario or
// a list of coded issues, each with a path and a sentence. It never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateScenario, type ScenarioIssue } from '../../../src/scenarios/validate';

const LABS = ['raft', 'cap'];

const valid = {
  lab: 'raft', seed: 7, nodes: 5,
  params: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
  network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
  actions: [
    { at: 1000, do: 'crash', node: 'leader' },
    { at: 1500, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
    { at: 2000, do: 'cut', from: 'n3', to: 'n4', oneWay: false },
    { at: 3000, do: 'heal' },
    { at: 3500, do: 'restart', node: 'n1' },
    { at: 3600, do: 'timeout', node: 'n2' },
    { at: 4000, do: 'request', node: 'leader', op: { f: 'write', key: 'x', value: 1 } },
  ],
  until: 10000,
};

function issuesOf(input: unknown, labs: readonly string[] | undefined = LABS): ScenarioIssue[] {
  const result = validateScenario(input, labs);
  if (result.ok) throw new Error(`expected issues for ${JSON.stringify(input)}`);
  return result.issues;
}

function withChange(change: (s: any) => void): unknown {
  const copy = structuredClone(valid) as any;
  change(copy);
  return copy;
}

describe('valid scenarios', () => {
  it('accepts the design document’s example and returns it', () => {
    const result = validateScenario(valid, LABS);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scenario).toEqual(valid);
  });

  it('accepts the smallest scenario: lab, seed, nodes and no actions', () => {
    expect(validateScenario({ lab: 'raft', seed: 0, nodes: 3, actions: [] }, LABS).ok).toBe(true);
  });

  it('accepts the extremes of each range', () => {
    expect(validateScenario({ lab: 'cap', seed: 0xffffffff, nodes: 9, actions: [{ at: 0, do: 'crash', node: 'n9' }] }, LABS).ok).toBe(true);
    expect(validateScenario(withChange((s) => { s.network = { latencyMs: [5, 5], drop: 1, duplicate: 0 }; }), LABS).ok).toBe(true);
  });

  it('accepts every action kind', () => {
    const actions = [
      { at: 1, do: 'pause', node: 'n2', durationMs: 300 },
      { at: 2, do: 'heal', from: 'n1', to: 'n2', oneWay: true },
      { at: 3, do: 'network', latencyMs: [20, 40], drop: 0.1, duplicate: 0.05 },
      { at: 4, do: 'skew', node: 'n3', offsetMs: -200 },
      { at: 5, do: 'setMode', mode: 'ap' },
      { at: 6, do: 'request', node: 'n1', op: { f: 'cas', key: 'x', value: [1, 2] }, client: 'c1' },
      { at: 7, do: 'request', node: 'n1', op: { f: 'read' } },
    ];
    expect(validateScenario({ lab: 'cap', seed: 1, nodes: 3, actions }, LABS)).toMatchObject({ ok: true });
  });

  it('accepts a workload', () => {
    const workload = { clients: 3, intervalMs: [100, 300], timeoutMs: 1000, mix: { read: 2, write: 2, cas: 1 }, keys: ['x'] };
    expect(validateScenario({ ...valid, lab: 'cap', workload }, LABS).ok).toBe(true);
  });

  it('without a list of labs, any well-formed lab id is accepted', () => {
    expect(validateScenario({ ...valid, lab: 'paxos' }).ok).toBe(true);
  });
});

describe('bad scenarios', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['not an object', 42, '', /scenario/i],
    ['null', null, '', /scenario/i],
    ['seed as a string', withChange((s) => { s.seed = '7'; }), 'seed', /number/i],
    ['negative seed', withChange((s) => { s.seed = -1; }), 'seed', /0/],
    ['seed beyond 32 bits', withChange((s) => { s.seed = 2 ** 32; }), 'seed', /4294967295/],
    ['fractional seed', withChange((s) => { s.seed = 1.5; }), 'seed', /integer/i],
    ['2 nodes', withChange((s) => { s.nodes = 2; }), 'nodes', /3/],
    ['10 nodes', withChange((s) => { s.nodes = 10; }), 'nodes', /9/],
    ['nodes as a string', withChange((s) => { s.nodes = 'five'; }), 'nodes', /number/i],
    ['actions not an array', withChange((s) => { s.actions = {}; }), 'actions', /array/i],
    ['unknown action', withChange((s) => { s.actions = [{ at: 1, do: 'explode' }]; }), 'actions.0.do', /crash/],
    ['negative action time', withChange((s) => { s.actions = [{ at: -5, do: 'crash', node: 'n1' }]; }), 'actions.0.at', /0/],
    ['node id beyond the cluster', withChange((s) => { s.actions = [{ at: 1, do: 'crash', node: 'n6' }]; }), 'actions.0.node', /n6.*5 nodes/],
    ['cut to a node beyond the cluster', withChange((s) => { s.actions = [{ at: 1, do: 'cut', from: 'n1', to: 'n7' }]; }), 'actions.0.to', /n7/],
    ['malformed node id', withChange((s) => { s.actions = [{ at: 1, do: 'crash', node: 'node1' }]; }), 'actions.0.node', /n3|node id/],
    ['partition with a repeated node', withChange((s) => { s.actions = [{ at: 1, do: 'partition', groups: [['n1', 'n2'], ['n2', 'n3']] }]; }), 'actions.0.groups', /two groups/],
    ['partition with an unknown node', withChange((s) => { s.actions = [{ at: 1, do: 'partition', groups: [['n1', 'n8'], ['n2']] }]; }), 'actions.0.groups', /n8/],
    ['half a heal', withChange((s) => { s.actions = [{ at: 1, do: 'heal', from: 'n1' }]; }), 'actions.0', /both/],
    ['other half of a heal', withChange((s) => { s.actions = [{ at: 1, do: 'heal', to: 'n2' }]; }), 'actions.0', /both/],
    ['latency range backwards', withChange((s) => { s.network.latencyMs = [30, 10]; }), 'network.latencyMs', /exceed/],
    ['latency of zero', withChange((s) => { s.network.latencyMs = [0, 10]; }), 'network.latencyMs.0', /1/],
    ['drop ratio above 1', withChange((s) => { s.network.drop = 1.5; }), 'network.drop', /1/],
    ['negative duplicate ratio', withChange((s) => { s.network.duplicate = -0.1; }), 'network.duplicate', /0/],
    ['ratio in an action above 1', withChange((s) => { s.actions = [{ at: 1, do: 'network', drop: 2 }]; }), 'actions.0.drop', /1/],
    ['unknown lab', withChange((s) => { s.lab = 'paxos'; }), 'lab', /paxos.*raft/],
    ['malformed lab id', withChange((s) => { s.lab = 'Raft Lab!'; }), 'lab', /lab id/],
    ['pause without a duration', withChange((s) => { s.actions = [{ at: 1, do: 'pause', node: 'n1' }]; }), 'actions.0.durationMs', /durationMs|number/],
    ['unknown mode', withChange((s) => { s.actions = [{ at: 1, do: 'setMode', mode: 'ca' }]; }), 'actions.0.mode', /cp/],
  ];

  for (const [name, input, path, message] of cases) {
    it(`reports ${name} at "${path}"`, () => {
      const issues = issuesOf(input);
      const issue = issues.find((i) => i.path === path);
      expect(issue, JSON.stringify(issues)).toBeDefined();
      expect(issue!.message).toMatch(message);
      expect(issue!.code).toMatch(/\S/);
    });
  }

  it('reports every problem of a scenario with several, not just the first', () => {
    const issues = issuesOf(withChange((s) => {
      s.actions = [{ at: 1, do: 'crash', node: 'n7' }, { at: 2, do: 'heal', from: 'n1' }];
      s.lab = 'paxos';
    }));
    expect(issues.map((i) => i.path).sort()).toEqual(['actions.0.node', 'actions.1', 'lab']);
  });

  it('a missing required field is named as missing in its message', () => {
    const issues = issuesOf({ seed: 7, nodes: 5, actions: [] });
    const issue = issues.find((i) => i.path === 'lab');
    expect(issue).toBeDefined();
    expect(issue!.message).toMatch(/missing|required/i);
  });

  it('returns at most a bounded number of issues for a very bad input', () => {
    const actions = Array.from({ length: 200 }, (_, i) => ({ at: -i - 1, do: 'crash', node: 'x' }));
    const issues = issuesOf({ lab: 'raft', seed: 1, nodes: 5, actions });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.length).toBeLessThanOrEqual(50);
  });

  it('every issue has a non-empty code and message and a string path', () => {
    for (const [, input] of cases) {
      for (const issue of issuesOf(input)) {
        expect(typeof issue.path).toBe('string');
        expect(issue.code.length).toBeGreaterThan(0);
        expect(issue.message.length).toBeGreaterThan(5);
      }
    }
  });
});

describe('validateScenario on arbitrary input (property)', () => {
  const checkShape = (result: ReturnType<typeof validateScenario>) => {
    if (result.ok) {
      expect(typeof result.scenario.lab).toBe('string');
    } else {
      expect(result.issues.length).toBeGreaterThan(0);
      for (const issue of result.issues) {
        expect(typeof issue.code).toBe('string');
        expect(typeof issue.path).toBe('string');
        expect(typeof issue.message).toBe('string');
      }
    }
  };

  it('never throws on fc.anything() and returns ok or issues', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }), (input) => {
      checkShape(validateScenario(input, LABS));
      checkShape(validateScenario(input));
    }), { numRuns: 2000 });
  });

  it('never throws when a valid scenario has arbitrary values in one field', () => {
    const fields = ['lab', 'seed', 'nodes', 'params', 'network', 'workload', 'actions', 'until'];
    fc.assert(fc.property(fc.constantFrom(...fields), fc.anything({ withNullPrototype: true, withBigInt: true }), (field, value) => {
      checkShape(validateScenario({ ...valid, [field]: value }, LABS));
    }), { numRuns: 1500 });
  });

  it('never throws on arbitrary actions', () => {
    const actionLike = fc.record({
      at: fc.oneof(fc.integer(), fc.double(), fc.anything()),
      do: fc.oneof(fc.constantFrom('crash', 'restart', 'pause', 'timeout', 'partition', 'cut', 'heal', 'request', 'network', 'skew', 'setMode'), fc.string()),
      node: fc.oneof(fc.constantFrom('n1', 'n9', 'leader', 'n0'), fc.anything()),
      from: fc.oneof(fc.constantFrom('n1', 'n2', 'n9'), fc.anything()),
      to: fc.oneof(fc.constantFrom('n1', 'n2', 'n9'), fc.anything()),
      groups: fc.oneof(fc.array(fc.array(fc.constantFrom('n1', 'n2', 'n3', 'n8'))), fc.anything()),
    }, { requiredKeys: ['do'] });
    fc.assert(fc.property(fc.array(actionLike, { maxLength: 8 }), (actions) => {
      checkShape(validateScenario({ ...valid, actions }, LABS));
    }), { numRuns: 1500 });
  });

  it('accepts any well-formed crash/restart/cut schedule on the cluster’s own nodes', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 9 }), fc.array(fc.tuple(fc.nat(100_000), fc.constantFrom('crash', 'restart', 'cut'), fc.nat(8), fc.nat(8)), { maxLength: 20 }), (nodes, raw) => {
      const id = (i: number) => `n${(i % nodes) + 1}`;
      const actions = raw.map(([at, kind, a, b]) => (kind === 'cut' ? { at, do: 'cut', from: id(a), to: id(b) } : { at, do: kind, node: id(a) }));
      const result = validateScenario({ lab: 'raft', seed: 1, nodes, actions }, LABS);
      expect(result.ok).toBe(true);
    }), { numRuns: 300 });
  });
});
