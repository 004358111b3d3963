// `cli run` in process: one line per seed with the event count, the trace hash and violations;
// the same seed always gives the same hash; scenario files are validated and run as written.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labsCommand } from '../../../src/cli/labs';
import { runCommand, type RunOptions } from '../../../src/cli/run';
import { LAB_IDS, labById } from '../../../src/labs/registry';
import { planScenario, runHeadless, type HeadlessResult } from '../../../src/scenarios/headless';
import { validateScenario } from '../../../src/scenarios/validate';

const dir = mkdtempSync(join(tmpdir(), 'splitbrain-cli-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

function run(options: Partial<RunOptions> & { target: string }): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runCommand({ json: true, ...options }, (line) => lines.push(line));
  return { code, lines };
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/** The same scenario run in process (what the CLI should have run), to look inside the simulation. */
function headless(scenario: unknown): HeadlessResult {
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return runHeadless(checked.scenario);
}

/** A run line's generic fields, as the CLI prints them for a headless result. */
function lineOf(result: HeadlessResult) {
  return { seed: result.seed, events: result.events, traceHash: result.traceHash, violations: result.violations.map(({ invariant, message, timeMs }) => ({ invariant, message, timeMs })) };
}

describe('run <lab>', () => {
  it('prints one JSON line per seed with seed, events, trace hash and violations, and exits 0', () => {
    const { code, lines } = run({ target: 'raft', seeds: '7', until: '2s' });
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const [line] = parsed(lines);
    expect(line).toMatchObject({ seed: 7, violations: [] });
    expect(line.events).toBeGreaterThan(0);
    expect(line.traceHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('--seeds A..B prints one line per seed, in order', () => {
    const { code, lines } = run({ target: 'raft', seeds: '1..3', until: '1s' });
    expect(code).toBe(0);
    expect(parsed(lines).map((line) => line.seed)).toEqual([1, 2, 3]);
    expect(new Set(parsed(lines).map((line) => line.traceHash)).size).toBe(3);
  });

  it('the same seed twice gives the same trace hash and event count', () => {
    const [a] = parsed(run({ target: 'raft', seeds: '7', until: '2s' }).lines);
    const [b] = parsed(run({ target: 'raft', seeds: '7', until: '2s' }).lines);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b.events).toBe(a.events);
  });

  it('a run is the same whether its seed is alone or part of a range', () => {
    const [alone] = parsed(run({ target: 'raft', seeds: '2', until: '1s' }).lines);
    const inRange = parsed(run({ target: 'raft', seeds: '1..3', until: '1s' }).lines)[1];
    expect(inRange).toEqual(alone);
  });

  it('--until changes how far the run goes', () => {
    const [short] = parsed(run({ target: 'raft', seeds: '7', until: '1s' }).lines);
    const [long] = parsed(run({ target: 'raft', seeds: '7', until: '2s' }).lines);
    expect(long.events as number).toBeGreaterThan(short.events as number);
    expect(long.traceHash).not.toBe(short.traceHash);
  });

  it('--faults random injects faults (the hash changes) and stays deterministic', () => {
    const [calm] = parsed(run({ target: 'raft', seeds: '3', until: '3s' }).lines);
    const [faulty] = parsed(run({ target: 'raft', seeds: '3', until: '3s', faults: 'random' }).lines);
    const [again] = parsed(run({ target: 'raft', seeds: '3', until: '3s', faults: 'random' }).lines);
    expect(faulty.traceHash).not.toBe(calm.traceHash);
    expect(again).toEqual(faulty);
    expect(faulty.violations).toEqual([]);
  });

  it('without --json prints a readable line per seed', () => {
    const { code, lines } = run({ target: 'raft', seeds: '7', until: '1s', json: false });
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^seed 7: \d+ events, trace [0-9a-f]{16}, ok$/);
  });

  it('rejects an unknown lab, a bad --faults, a bad seed and a bad duration with clear errors', () => {
    expect(() => run({ target: 'no-such-lab' })).toThrow(/unknown lab "no-such-lab".*raft, cap, .*echo/);
    expect(() => run({ target: 'raft', faults: 'chaos' })).toThrow(/--faults/);
    expect(() => run({ target: 'raft', seeds: '3..1' })).toThrow(/seed range/);
    expect(() => run({ target: 'raft', until: 'soon' })).toThrow(/--until takes a duration/);
  });

  it('cap --param mode=ap: each line carries the mode and the checkers’ verdicts', () => {
    const { code, lines } = run({ target: 'cap', seeds: '1..2', until: '3s', params: ['mode=ap'] });
    expect(code).toBe(0);
    const rows = parsed(lines);
    expect(rows.map((row) => row.seed)).toEqual([1, 2]);
    for (const row of rows) {
      expect(row.mode).toBe('ap');
      expect([true, false, 'unknown']).toContain(row.linearizable);
      expect([true, false, null]).toContain(row.converged);
      expect(row.ops as number).toBeGreaterThan(0);
    }
  });

  it('the lab’s verdict fields are the lab’s own: a raft line has none, a CAP line has the CAP lab’s', () => {
    const [raftLine] = parsed(run({ target: 'raft', seeds: '1', until: '500ms' }).lines);
    expect(Object.keys(raftLine).sort()).toEqual(['events', 'seed', 'traceHash', 'violations']);
    const [capLine] = parsed(run({ target: 'cap', seeds: '1', until: '2s' }).lines);
    const result = runHeadless(planScenario({ lab: 'cap', seed: 1, untilMs: 2000, faults: 'none' }));
    expect(capLine).toEqual({ ...lineOf(result), ...labById('cap').verdict!(result.simulation).fields });
    expect(capLine).toMatchObject({ mode: 'cp', linearizable: true, converged: true });
  });
});

describe('run --nodes and --param', () => {
  it('--nodes N runs that many servers: the same run as the lab’s default scenario of that size', () => {
    const [line] = parsed(run({ target: 'raft', seeds: '4', until: '1s', nodes: '7' }).lines);
    const result = runHeadless(planScenario({ lab: 'raft', seed: 4, untilMs: 1000, faults: 'none', nodes: 7 }));
    expect(result.simulation.world.nodeIds).toHaveLength(7);
    expect(line).toEqual(lineOf(result));
    const [five] = parsed(run({ target: 'raft', seeds: '4', until: '1s' }).lines);
    expect(five.traceHash).not.toBe(line.traceHash);
  });

  it('--nodes outside the lab’s range, or not a number, is refused naming the range', () => {
    expect(() => run({ target: 'raft', nodes: '10' })).toThrow(/raft lab runs 3 to 9/);
    expect(() => run({ target: 'raft', nodes: '2' })).toThrow(/3 to 9/);
    expect(() => run({ target: 'raft', nodes: 'many' })).toThrow(/--nodes/);
  });

  it('the echo lab runs 64 servers headless', () => {
    const { code, lines } = run({ target: 'echo', seeds: '1', until: '2s', nodes: '64' });
    expect(code).toBe(0);
    const result = runHeadless(planScenario({ lab: 'echo', seed: 1, untilMs: 2000, faults: 'none', nodes: 64 }));
    expect(result.simulation.world.nodeIds).toHaveLength(64);
    expect(parsed(lines)).toEqual([lineOf(result)]);
    expect(() => run({ target: 'echo', nodes: '65' })).toThrow(/"nodes"/);
    expect(() => run({ target: 'echo', nodes: '2' })).toThrow(/echo lab runs 3 to 64/);
  });

  it('--param key=value sets a lab param: JSON values, or the string as written', () => {
    const [line] = parsed(run({ target: 'raft', seeds: '2', until: '1s', params: ['heartbeatMs=20', 'electionTimeoutMs=[100,200]'] }).lines);
    const scenario = planScenario({ lab: 'raft', seed: 2, untilMs: 1000, faults: 'none', params: { heartbeatMs: 20, electionTimeoutMs: [100, 200] } });
    expect(scenario.params).toMatchObject({ heartbeatMs: 20, electionTimeoutMs: [100, 200] });
    expect(line).toEqual(lineOf(runHeadless(scenario)));
    const [plain] = parsed(run({ target: 'raft', seeds: '2', until: '1s' }).lines);
    expect(plain.traceHash).not.toBe(line.traceHash);
    // A string value: mode=ap is the CAP lab's mode (what --mode ap means on the command line).
    const [ap] = parsed(run({ target: 'cap', seeds: '2', until: '1s', params: ['mode=ap'] }).lines);
    expect(ap.mode).toBe('ap');
  });

  it('--param names that are not the lab’s, bad values and bad pairs are refused', () => {
    expect(() => run({ target: 'raft', params: ['mode=ap'] })).toThrow(/"params.mode" is not a parameter of the raft lab \(it has: electionTimeoutMs, heartbeatMs/);
    expect(() => run({ target: 'cap', params: ['mode=ca'] })).toThrow(/params.mode/);
    expect(() => run({ target: 'raft', params: ['heartbeatMs=-5'] })).toThrow(/params.heartbeatMs/);
    expect(() => run({ target: 'raft', params: ['heartbeatMs'] })).toThrow(/--param takes key=value/);
    expect(() => run({ target: 'raft', params: ['=5'] })).toThrow(/--param takes key=value/);
  });
});

describe('labs', () => {
  it('labs --json: one JSON line per registered lab, hidden ones too, with its roles', () => {
    const lines: string[] = [];
    expect(labsCommand(true, (line) => lines.push(line))).toBe(0);
    const rows = parsed(lines);
    expect(rows.map((row) => row.id)).toEqual([...LAB_IDS]);
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining(['raft', 'cap', 'echo']));
    for (const row of rows) {
      const lab = labById(row.id as string);
      expect(row).toEqual({ id: lab.id, title: lab.title, topics: lab.topics, roles: expect.any(Array) });
      // Roles a scenario may size; one-shot keyboard clients (max 0) are left out.
      expect(row.roles).toEqual(lab.roles.filter((role) => role.max > 0).map(({ role, min, max, default: count }) => ({ role, min, default: count, max })));
    }
    expect(rows.find((row) => row.id === 'echo')!.roles).toEqual(expect.arrayContaining([{ role: 'server', min: 3, default: 5, max: 64 }]));
    expect(rows.find((row) => row.id === 'cap')!.roles).toEqual(expect.arrayContaining([{ role: 'server', min: 3, default: 5, max: 9 }, expect.objectContaining({ role: 'client' })]));
  });

  it('labs without --json: a line per lab, the hidden one marked', () => {
    const lines: string[] = [];
    expect(labsCommand(false, (line) => lines.push(line))).toBe(0);
    expect(lines).toHaveLength(LAB_IDS.length);
    expect(lines.find((line) => line.startsWith('raft'))).toContain(labById('raft').title);
    expect(lines.find((line) => line.startsWith('echo'))).toMatch(/hidden/);
    expect(lines.find((line) => line.startsWith('cap'))).not.toMatch(/hidden/);
  });
});

describe('run <scenario.json>', () => {
  const scenario = {
    lab: 'raft', seed: 11, nodes: 5,
    actions: [{ at: 500, do: 'crash', node: 'n1' }, { at: 1500, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] }],
    until: 2500,
  };

  it('runs the file with its own seed and until, applying its actions', () => {
    const { code, lines } = run({ target: writeJson('ok.json', scenario) });
    expect(code).toBe(0);
    expect(parsed(lines)[0].seed).toBe(11);
    // The line is exactly that of the file's scenario run in process, which did what the file says.
    const result = headless(scenario);
    expect(parsed(lines)).toEqual([lineOf(result)]);
    const world = result.simulation.world;
    expect(world.timeMs).toBe(2500);
    expect(world.nodes.n1.up).toBe(false);
    expect(world.trace.notable.some((e) => e.kind === 'partition' && e.timeMs === 1500)).toBe(true);
  });

  it('--seeds and --until override the file’s', () => {
    const { lines } = run({ target: writeJson('ok2.json', scenario), seeds: '3..4', until: '1s' });
    expect(parsed(lines).map((line) => line.seed)).toEqual([3, 4]);
    const results = [3, 4].map((seed) => headless({ ...scenario, seed, until: 1000 }));
    expect(results.map((r) => r.simulation.world.timeMs)).toEqual([1000, 1000]);
    expect(parsed(lines)).toEqual(results.map(lineOf));
  });

  it('--faults, --nodes and --param apply to a lab id, not to a file', () => {
    const path = writeJson('ok3.json', scenario);
    expect(() => run({ target: path, faults: 'random' })).toThrow(/a scenario file brings its own/);
    expect(() => run({ target: path, nodes: '3' })).toThrow(/a scenario file brings its own/);
    expect(() => run({ target: path, params: ['heartbeatMs=20'] })).toThrow(/a scenario file brings its own/);
  });

  it('a file naming a node beyond the cluster is refused with a message naming the problem', () => {
    const bad = { ...scenario, actions: [{ at: 100, do: 'crash', node: 'n7' }] };
    expect(() => run({ target: writeJson('bad-node.json', bad) })).toThrow(/invalid[\s\S]*n7/);
  });

  it('a file with too many nodes is refused, naming the lab’s range', () => {
    expect(() => run({ target: writeJson('bad-size.json', { ...scenario, nodes: 12 }) })).toThrow(/invalid[\s\S]*the raft lab runs 3 to 9 servers, not 12/);
    expect(() => run({ target: writeJson('bad-size-2.json', { ...scenario, nodes: 99 }) })).toThrow(/"nodes"/);
  });

  it('a file that is not JSON, or missing, is refused', () => {
    expect(() => run({ target: writeJson('broken.json', '{"lab": "raft",') })).toThrow(/cannot read scenario/);
    expect(() => run({ target: join(dir, 'missing.json') })).toThrow(/cannot read scenario/);
  });

  it('the order in which a file lists its actions does not matter: they run at their times', () => {
    const sorted = { ...scenario, actions: [{ at: 500, do: 'crash', node: 'n1' }, { at: 2000, do: 'crash', node: 'n2' }] };
    const reversed = { ...scenario, actions: [{ at: 2000, do: 'crash', node: 'n2' }, { at: 500, do: 'crash', node: 'n1' }] };
    const [a] = parsed(run({ target: writeJson('sorted.json', sorted) }).lines);
    const [b] = parsed(run({ target: writeJson('reversed.json', reversed) }).lines);
    const first = headless(sorted);
    const second = headless(reversed);
    expect(a).toEqual(lineOf(first));
    expect(b).toEqual(lineOf(second));
    const crashTimes = (result: HeadlessResult) => result.simulation.world.trace.notable.filter((e) => e.kind === 'crash').map((e) => [e.node, e.timeMs]);
    expect(crashTimes(first)).toEqual([['n1', 500], ['n2', 2000]]);
    expect(crashTimes(second)).toEqual(crashTimes(first));
    expect(b.traceHash).toBe(a.traceHash);
  });
});

describe('run <cap-scenario.json>: the lab’s verdict decorates a file too', () => {
  const partition = { at: 1000, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] };

  it('an AP file: the verdict fields are printed (not linearizable is the lesson, exit 0)', () => {
    const file = { lab: 'cap', seed: 2, nodes: 5, params: { mode: 'ap' }, actions: [partition, { at: 4000, do: 'heal' }], until: 6000 };
    const { code, lines } = run({ target: writeJson('cap-ap.json', file) });
    expect(code).toBe(0);
    const [line] = parsed(lines);
    expect(line).toMatchObject({ seed: 2, mode: 'ap', linearizable: false, converged: true, violations: [] });
    expect(line.ops as number).toBeGreaterThan(20);
    expect(line.explanation).toEqual(expect.any(String));
    expect(line.sessionViolations).toEqual(expect.any(Number));
    const result = headless(file);
    expect(line).toEqual({ ...lineOf(result), ...labById('cap').verdict!(result.simulation).fields });
  });

  it('a CP file stays linearizable under a partition: exit 0', () => {
    const file = { lab: 'cap', seed: 2, nodes: 5, actions: [partition, { at: 4000, do: 'heal' }], until: 6000 };
    const { code, lines } = run({ target: writeJson('cap-cp.json', file), json: false });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^seed 2: \d+ events, trace [0-9a-f]{16}, ok mode="cp" ops=\d+ linearizable=true sessionViolations=0 converged=true$/);
  });

  it('a run that ends in CP with a history that is not linearizable fails the command (exit 1)', () => {
    // AP under a partition (a stale read or a lost write), then the switch to CP: the lab's verdict
    // judges the whole history in the mode the run ended in.
    const file = { lab: 'cap', seed: 1, nodes: 5, params: { mode: 'ap' }, actions: [partition, { at: 4000, do: 'heal' }, { at: 4500, do: 'setMode', mode: 'cp' }], until: 6000 };
    const path = writeJson('cap-ends-cp.json', file);
    const { code, lines } = run({ target: path });
    expect(code).toBe(1);
    const [line] = parsed(lines);
    expect(line).toMatchObject({ mode: 'cp', linearizable: false, violations: [] });
    const result = headless(file);
    expect(labById('cap').verdict!(result.simulation)).toMatchObject({ failed: true });
    const text = run({ target: path, json: false });
    expect(text.code).toBe(1);
    expect(text.lines[0]).toMatch(/, ok FAILED THE LAB'S CHECK mode="cp" .*linearizable=false/);
  });
});
