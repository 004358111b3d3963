// `cli run` in process: one line per seed with the event count, the trace hash and violations;
// the same seed always gives the same hash; scenario files are validated and run as written.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decoratorFor } from '../../../src/cli/run-decorators';
import { runCommand, type RunDecorator, type RunOptions } from '../../../src/cli/run';
import type { HeadlessResult } from '../../../src/scenarios/headless';

const dir = mkdtempSync(join(tmpdir(), 'splitbrain-cli-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

function run(options: Partial<RunOptions> & { target: string }, decorate?: RunDecorator): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runCommand({ json: true, ...options }, (line) => lines.push(line), decorate);
  return { code, lines };
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/** A decorator that only captures each run's result, to look inside the simulation. */
function capture(): { results: HeadlessResult[]; decorate: RunDecorator } {
  const results: HeadlessResult[] = [];
  return { results, decorate: (_scenario, result) => { results.push(result); return {}; } };
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
    expect(() => run({ target: 'paxos' })).toThrow(/unknown lab "paxos".*raft/);
    expect(() => run({ target: 'raft', faults: 'chaos' })).toThrow(/--faults/);
    expect(() => run({ target: 'raft', seeds: '3..1' })).toThrow(/seed range/);
    expect(() => run({ target: 'raft', until: 'soon' })).toThrow(/bad duration/);
  });

  it('cap --mode ap: each line carries the mode and the checkers’ verdicts', () => {
    const { code, lines } = run({ target: 'cap', seeds: '1..2', until: '3s', mode: 'ap' }, decoratorFor('cap'));
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

  it('a CP run that is not linearizable fails the command (exit 1)', () => {
    const notLinearizable: RunDecorator = () => ({ mode: 'cp', linearizable: false });
    expect(run({ target: 'raft', seeds: '1', until: '500ms' }, notLinearizable).code).toBe(1);
    const apNotLinearizable: RunDecorator = () => ({ mode: 'ap', linearizable: false });
    expect(run({ target: 'raft', seeds: '1', until: '500ms' }, apNotLinearizable).code).toBe(0);
  });
});

describe('run <scenario.json>', () => {
  const scenario = {
    lab: 'raft', seed: 11, nodes: 5,
    actions: [{ at: 500, do: 'crash', node: 'n1' }, { at: 1500, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] }],
    until: 2500,
  };

  it('runs the file with its own seed and until, applying its actions', () => {
    const { results, decorate } = capture();
    const { code, lines } = run({ target: writeJson('ok.json', scenario) }, decorate);
    expect(code).toBe(0);
    expect(parsed(lines)[0].seed).toBe(11);
    const world = results[0].simulation.world;
    expect(world.timeMs).toBe(2500);
    expect(world.nodes.n1.up).toBe(false);
    expect(world.trace.notable.some((e) => e.kind === 'partition' && e.timeMs === 1500)).toBe(true);
  });

  it('--seeds and --until override the file’s', () => {
    const { results, decorate } = capture();
    const { lines } = run({ target: writeJson('ok2.json', scenario), seeds: '3..4', until: '1s' }, decorate);
    expect(parsed(lines).map((line) => line.seed)).toEqual([3, 4]);
    expect(results.map((r) => r.simulation.world.timeMs)).toEqual([1000, 1000]);
  });

  it('a file naming a node beyond the cluster is refused with a message naming the problem', () => {
    const bad = { ...scenario, actions: [{ at: 100, do: 'crash', node: 'n7' }] };
    expect(() => run({ target: writeJson('bad-node.json', bad) })).toThrow(/invalid[\s\S]*n7/);
  });

  it('a file with too many nodes is refused, naming "nodes"', () => {
    expect(() => run({ target: writeJson('bad-size.json', { ...scenario, nodes: 12 }) })).toThrow(/"nodes"/);
  });

  it('a file that is not JSON, or missing, is refused', () => {
    expect(() => run({ target: writeJson('broken.json', '{"lab": "raft",') })).toThrow(/cannot read scenario/);
    expect(() => run({ target: join(dir, 'missing.json') })).toThrow(/cannot read scenario/);
  });

  it('the order in which a file lists its actions does not matter: they run at their times', () => {
    const sorted = { ...scenario, actions: [{ at: 500, do: 'crash', node: 'n1' }, { at: 2000, do: 'crash', node: 'n2' }] };
    const reversed = { ...scenario, actions: [{ at: 2000, do: 'crash', node: 'n2' }, { at: 500, do: 'crash', node: 'n1' }] };
    const first = capture();
    const second = capture();
    const [a] = parsed(run({ target: writeJson('sorted.json', sorted) }, first.decorate).lines);
    const [b] = parsed(run({ target: writeJson('reversed.json', reversed) }, second.decorate).lines);
    const crashTimes = (result: HeadlessResult) => result.simulation.world.trace.notable.filter((e) => e.kind === 'crash').map((e) => [e.node, e.timeMs]);
    expect(crashTimes(second.results[0])).toEqual(crashTimes(first.results[0]));
    expect(b.traceHash).toBe(a.traceHash);
  });
});
