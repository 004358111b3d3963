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

/** Issues against the registry's own list of labs (no list given). */
function registryIssuesOf(input: unknown): ScenarioIssue[] {
  const result = validateScenario(input);
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

  it('without a list of labs, the registry’s labs are the known ones (the hidden echo lab too)', () => {
    expect(validateScenario({ ...valid, lab: 'no-such-lab' }).ok).toBe(false);
    expect(registryIssuesOf({ ...valid, lab: 'no-such-lab' })).toEqual([
      expect.objectContaining({ code: 'lab.unknown', path: 'lab', message: expect.stringMatching(/no-such-lab.*raft, cap, .*echo/) }),
    ]);
    expect(validateScenario({ lab: 'echo', seed: 1, nodes: 5, actions: [] }).ok).toBe(true);
    expect(validateScenario(valid).ok).toBe(true);
  });

  it('a legacy {do: "setMode"} of the CAP lab is read as its lab action', () => {
    const result = validateScenario({ lab: 'cap', seed: 1, nodes: 5, actions: [{ at: 5, do: 'setMode', mode: 'ap' }] });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scenario.actions).toEqual([{ at: 5, do: 'lab', name: 'setMode', mode: 'ap' }]);
    // The new spelling is accepted as is.
    const current = validateScenario({ lab: 'cap', seed: 1, nodes: 5, actions: [{ at: 5, do: 'lab', name: 'setMode', mode: 'cp' }] });
    expect(current).toMatchObject({ ok: true, scenario: { actions: [{ at: 5, do: 'lab', name: 'setMode', mode: 'cp' }] } });
  });

  it('node counts are the lab’s: raft and cap 3–9 servers, echo 3–64', () => {
    for (const lab of ['raft', 'cap']) {
      expect(validateScenario({ lab, seed: 1, nodes: 3, actions: [] }).ok).toBe(true);
      expect(validateScenario({ lab, seed: 1, nodes: 9, actions: [] }).ok).toBe(true);
      expect(issuesOf({ lab, seed: 1, nodes: 10, actions: [] })).toEqual([expect.objectContaining({ path: 'nodes', message: expect.stringMatching(/3 to 9/) })]);
    }
    expect(validateScenario({ lab: 'echo', seed: 1, nodes: 64, actions: [{ at: 1, do: 'crash', node: 'n64' }] }).ok).toBe(true);
    expect(registryIssuesOf({ lab: 'echo', seed: 1, nodes: 65, actions: [] }).map((i) => i.path)).toEqual(['nodes']);
    expect(registryIssuesOf({ lab: 'echo', seed: 1, nodes: 2, actions: [] })[0].message).toMatch(/3 to 64/);
  });

  it('actor ids are any of the scenario’s actors: the CAP lab’s clients c1..cK too, not beyond', () => {
    const actions = [{ at: 1, do: 'crash', node: 'c3' }, { at: 2, do: 'cut', from: 'c1', to: 'n1' }, { at: 3, do: 'partition', groups: [['n1', 'c1'], ['n2', 'n3']] }];
    expect(validateScenario({ lab: 'cap', seed: 1, nodes: 3, actions }).ok).toBe(true);
    const issues = issuesOf({ lab: 'cap', seed: 1, nodes: 3, actions: [{ at: 1, do: 'pause', node: 'c4', durationMs: 10 }] });
    expect(issues).toEqual([expect.objectContaining({ path: 'actions.0.node', message: expect.stringMatching(/c4.*3 nodes.*c1–c3/) })]);
    // A workload with more clients makes more client ids valid.
    const workload = { clients: 5, intervalMs: [100, 300], timeoutMs: 1000, mix: { read: 2, write: 2, cas: 1 }, keys: ['x'] };
    expect(validateScenario({ lab: 'cap', seed: 1, nodes: 3, workload, actions: [{ at: 1, do: 'crash', node: 'c5' }] }).ok).toBe(true);
    // The raft lab has no clients of its own.
    expect(issuesOf({ lab: 'raft', seed: 1, nodes: 3, actions: [{ at: 1, do: 'crash', node: 'c1' }] }).map((i) => i.path)).toEqual(['actions.0.node']);
  });

  it('params are checked per lab: an unknown key is refused with a message naming the lab’s params', () => {
    const issues = issuesOf({ lab: 'raft', seed: 1, nodes: 3, params: { mode: 'ap' }, actions: [] });
    expect(issues).toEqual([expect.objectContaining({ path: 'params.mode', message: expect.stringMatching(/raft lab.*electionTimeoutMs, heartbeatMs/) })]);
    expect(validateScenario({ lab: 'cap', seed: 1, nodes: 3, params: { mode: 'ap', antiEntropyMs: 200 }, actions: [] }).ok).toBe(true);
    expect(issuesOf({ lab: 'cap', seed: 1, nodes: 3, params: { mode: 'ca' }, actions: [] }).map((i) => i.path)).toEqual(['params.mode']);
    expect(registryIssuesOf({ lab: 'echo', seed: 1, nodes: 3, params: { heartbeatMs: 50 }, actions: [] })[0].message).toMatch(/echo lab.*intervalMs/);
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
    ['malformed node id', withChange((s) => { s.actions = [{ at: 1, do: 'crash', node: 'N-1' }]; }), 'actions.0.node', /n3|node id|actor id/],
    ['well-formed id of no actor', withChange((s) => { s.actions = [{ at: 1, do: 'crash', node: 'node1' }]; }), 'actions.0.node', /node1.*5 nodes/],
    ['partition with a repeated node', withChange((s) => { s.actions = [{ at: 1, do: 'partition', groups: [['n1', 'n2'], ['n2', 'n3']] }]; }), 'actions.0.groups', /two groups/],
    ['partition with an unknown node', withChange((s) => { s.actions = [{ at: 1, do: 'partition', groups: [['n1', 'n8'], ['n2']] }]; }), 'actions.0.groups', /n8/],
    ['half a heal', withChange((s) => { s.actions = [{ at: 1, do: 'heal', from: 'n1' }]; }), 'actions.0', /both/],
    ['other half of a heal', withChange((s) => { s.actions = [{ at: 1, do: 'heal', to: 'n2' }]; }), 'actions.0', /both/],
    ['latency range backwards', withChange((s) => { s.network.latencyMs = [30, 10]; }), 'network.latencyMs', /exceed/],
    ['latency of zero', withChange((s) => { s.network.latencyMs = [0, 10]; }), 'network.latencyMs.0', /1/],
    ['drop ratio above 1', withChange((s) => { s.network.drop = 1.5; }), 'network.drop', /1/],
    ['negative duplicate ratio', withChange((s) => { s.network.duplicate = -0.1; }), 'network.duplicate', /0/],
    ['ratio in an action above 1', withChange((s) => { s.actions = [{ at: 1, do: 'network', drop: 2 }]; }), 'actions.0.drop', /1/],
    ['unknown lab', withChange((s) => { s.lab = 'no-such-lab'; }), 'lab', /no-such-lab.*raft/],
    ['malformed lab id', withChange((s) => { s.lab = 'Raft Lab!'; }), 'lab', /lab id/],
    ['pause without a duration', withChange((s) => { s.actions = [{ at: 1, do: 'pause', node: 'n1' }]; }), 'actions.0.durationMs', /durationMs|number/],
    ['unknown mode', withChange((s) => { s.lab = 'cap'; s.params = {}; s.actions = [{ at: 1, do: 'setMode', mode: 'ca' }]; }), 'actions.0.mode', /cp/],
    ['unknown mode, new spelling', withChange((s) => { s.lab = 'cap'; s.params = {}; s.actions = [{ at: 1, do: 'lab', name: 'setMode', mode: 'ca' }]; }), 'actions.0.mode', /cp/],
    ['a lab action the lab does not have', withChange((s) => { s.actions = [{ at: 1, do: 'lab', name: 'setMode', mode: 'ap' }]; }), 'actions.0.name', /raft lab has no action "setMode"/],
    ['unknown param', withChange((s) => { s.params.bogus = 1; }), 'params.bogus', /not a parameter of the raft lab/],
    ['bad param value', withChange((s) => { s.params.heartbeatMs = 'fast'; }), 'params.heartbeatMs', /number/],
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
      s.actions = [{ at: 1, do: 'crash', node: 'n11' }, { at: 2, do: 'heal', from: 'n1' }, { at: 3, do: 'lab', name: 'explode' }];
      s.params.bogus = true;
      s.nodes = 10;
    }));
    expect(issues.map((i) => i.path).sort()).toEqual(['actions.0.node', 'actions.1', 'actions.2.name', 'nodes', 'params.bogus']);
    // An unknown lab cannot say what else is wrong (its params, sizes and actors are the lab's): the lab is named.
    const unknownLab = issuesOf(withChange((s) => {
      s.actions = [{ at: 1, do: 'crash', node: 'n7' }, { at: 2, do: 'heal', from: 'n1' }];
      s.lab = 'no-such-lab';
    }));
    expect(unknownLab.map((i) => i.path)).toEqual(['lab']);
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
