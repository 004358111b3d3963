// The real command line, end to end (`npm run cli -- …`): a few cases only, each spawns Node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/cli/run';
import { LAB_IDS } from '../../../src/labs/registry';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'splitbrain-cli-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string; lines: string[] } {
  const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const lines = result.stdout.split('\n').filter((line) => line.trim() !== '');
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines };
}

describe('npm run cli', () => {
  it('run raft --seed 7 --until 2s --json: one JSON line, exit 0, the same hash as in process', () => {
    const { status, lines, stderr } = cli('run', 'raft', '--seed', '7', '--until', '2s', '--json');
    expect(status, stderr).toBe(0);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ seed: 7, violations: [] });
    expect(line.events).toBeGreaterThan(0);
    expect(line.traceHash).toMatch(/^[0-9a-f]{16}$/);
    const inProcess: string[] = [];
    runCommand({ target: 'raft', seeds: '7', until: '2s', json: true }, (text) => inProcess.push(text));
    expect(JSON.parse(inProcess[0])).toEqual(line);
  });

  it('run --jobs 2 prints the same lines, in seed order, as one thread', () => {
    const one = cli('run', 'raft', '--seeds', '1..24', '--until', '2s', '--faults', 'random', '--jobs', '1');
    const two = cli('run', 'raft', '--seeds', '1..24', '--until', '2s', '--faults', 'random', '--jobs', '2');
    expect(two.status, two.stderr).toBe(one.status);
    expect(two.lines).toHaveLength(24);
    expect(two.lines).toEqual(one.lines);
  });

  it('run raft --seeds 1..3 --json: three lines, seeds 1 to 3', () => {
    const { status, lines, stderr } = cli('run', 'raft', '--seeds', '1..3', '--until', '1s', '--json');
    expect(status, stderr).toBe(0);
    expect(lines.map((line) => JSON.parse(line).seed)).toEqual([1, 2, 3]);
  });

  it('run cap --mode ap --seeds 1..2 --until 3s --json: lines carry linearizable and converged', () => {
    const { status, lines, stderr } = cli('run', 'cap', '--mode', 'ap', '--seeds', '1..2', '--until', '3s', '--json');
    expect(status, stderr).toBe(0);
    expect(lines).toHaveLength(2);
    for (const text of lines) {
      const line = JSON.parse(text);
      expect(line).toHaveProperty('linearizable');
      expect(line).toHaveProperty('converged');
      expect(line.mode).toBe('ap');
    }
  });

  it('run cap --mode ap is --param mode=ap; --nodes sizes the cluster', () => {
    const alias = cli('run', 'cap', '--mode', 'ap', '--seed', '3', '--until', '1s', '--nodes', '3', '--json');
    const param = cli('run', 'cap', '--param', 'mode=ap', '--seed', '3', '--until', '1s', '--nodes', '3', '--json');
    expect(alias.status, alias.stderr).toBe(0);
    expect(param.status, param.stderr).toBe(0);
    expect(alias.lines).toHaveLength(1);
    expect(JSON.parse(alias.lines[0])).toEqual(JSON.parse(param.lines[0]));
    expect(JSON.parse(alias.lines[0]).mode).toBe('ap');
    const inProcess: string[] = [];
    runCommand({ target: 'cap', seeds: '3', until: '1s', nodes: '3', params: ['mode=ap'], json: true }, (text) => inProcess.push(text));
    expect(JSON.parse(inProcess[0])).toEqual(JSON.parse(alias.lines[0]));
  });

  it('run raft --param mode=ap: exit 2 and a message naming the raft lab’s params', () => {
    const { status, stdout, stderr } = cli('run', 'raft', '--param', 'mode=ap', '--seed', '1', '--until', '1s');
    expect(status).toBe(2);
    expect(stdout.trim()).toBe('');
    expect(stderr).toMatch(/not a parameter of the raft lab \(it has: electionTimeoutMs, heartbeatMs/);
  });

  it('labs --json: one JSON line per lab, the hidden echo lab too', () => {
    const { status, lines, stderr } = cli('labs', '--json');
    expect(status, stderr).toBe(0);
    const rows = lines.map((line) => JSON.parse(line));
    expect(rows.map((row) => row.id)).toEqual([...LAB_IDS]);
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining(['raft', 'cap', 'echo']));
    for (const row of rows) {
      expect(row).toEqual({ id: expect.any(String), title: expect.any(String), topics: expect.any(Array), roles: expect.any(Array) });
      expect(row.roles[0]).toMatchObject({ role: expect.any(String), min: expect.any(Number) });
    }
    expect(rows.find((row) => row.id === 'echo').roles[0].max).toBe(64);
  });

  it('run with a bad scenario file: exit 2 and a message naming the problem', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ lab: 'raft', seed: 1, nodes: 5, actions: [{ at: 100, do: 'crash', node: 'n8' }] }));
    const { status, stdout, stderr } = cli('run', path);
    expect(status).toBe(2);
    expect(stdout.trim()).toBe('');
    expect(stderr).toMatch(/invalid/);
    expect(stderr).toMatch(/n8/);
  });

  it('check on a non-linearizable history: exit 1 and NOT linearizable', () => {
    const path = join(dir, 'stale.json');
    writeFileSync(path, JSON.stringify([
      { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1 },
      { process: 0, type: 'ok', f: 'write', key: 'x', value: 1 },
      { process: 1, type: 'invoke', f: 'read', key: 'x', value: null },
      { process: 1, type: 'ok', f: 'read', key: 'x', value: null },
    ]));
    const { status, stdout } = cli('check', path);
    expect(status).toBe(1);
    expect(stdout).toMatch(/NOT linearizable/);
  });
});
