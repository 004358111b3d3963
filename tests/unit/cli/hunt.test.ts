// `cli hunt`: finds the seeds where a broken rule shows, prints them in seed order with a shrunk
// scenario that `cli run` replays to the same violation, and refuses bad flags with exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { huntCommand, type HuntCommandOptions } from '../../../src/cli/hunt';
import { runCommand } from '../../../src/cli/run';
import { firstViolation } from '../../../src/hunt/first-violation';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'splitbrain-cli-hunt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
}

async function hunt(options: Partial<HuntCommandOptions>): Promise<{ code: number; lines: string[]; summary: string[] }> {
  const lines: string[] = [];
  const summary: string[] = [];
  const code = await huntCommand({ lab: 'raft', json: true, shrink: true, jobs: 1, ...options }, (line) => lines.push(line), (line) => summary.push(line), () => 0);
  return { code, lines, summary };
}

describe('cli hunt', () => {
  it('hunt raft --param bug=vote-twice --seeds 1..300 --json: finds failing seeds whose shrunk scenarios replay through run', () => {
    const { status, stdout, stderr } = cli('hunt', 'raft', '--param', 'bug=vote-twice', '--seeds', '1..300', '--json', '--jobs', '2');
    expect(status, stderr).toBe(0);
    const found = stdout.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found.map((line) => line.seed)).toEqual([...found.map((line) => line.seed)].sort((a, b) => a - b));
    expect(stderr).toMatch(new RegExp(`hunted 300 seeds in [\\d.]+ s \\([\\d.]+ seeds/s\\): ${found.length} failing \\(election-safety`));
    for (const line of found) {
      expect(line.actions.after).toBeLessThanOrEqual(line.actions.before);
      const file = join(dir, `seed-${line.seed}.json`);
      writeFileSync(file, JSON.stringify(line.shrunk));
      const replay: string[] = [];
      expect(runCommand({ target: file, json: true }, (text) => replay.push(text))).toBe(1);
      expect(JSON.parse(replay[0]).violations[0]).toMatchObject({ invariant: line.invariant, timeMs: line.timeMs.after });
    }
  }, 240_000);

  it('on one thread: each line names its seed, invariant and shrunk scenario, never bigger than the original', async () => {
    const { code, lines, summary } = await hunt({ seeds: '1..12', params: ['bug=vote-twice'] });
    expect(code).toBe(0);
    expect(lines.length).toBeGreaterThan(0);
    expect(summary).toHaveLength(1);
    for (const text of lines) {
      const line = JSON.parse(text);
      expect(Object.keys(line)).toEqual(['seed', 'invariant', 'message', 'shrunk', 'actions', 'nodes', 'timeMs']);
      expect(line.shrunk.actions).toHaveLength(line.actions.after);
      expect(line.nodes.after).toBeLessThanOrEqual(line.nodes.before);
    }
  });

  it('--no-shrink prints the planned scenario itself; a healthy lab finds nothing and still exits 0', async () => {
    const unshrunk = await hunt({ seeds: '2', params: ['bug=vote-twice'], shrink: false });
    const line = JSON.parse(unshrunk.lines[0]);
    expect(line.actions.after).toBe(line.actions.before);
    expect(line.shrunk.until).toBe(10_000);
    const healthy = await hunt({ seeds: '1..5', until: '3s' });
    expect(healthy).toMatchObject({ code: 0, lines: [] });
    expect(healthy.summary[0]).toMatch(/hunted 5 seeds .*: 0 failing$/);
  });

  it.each([
    ['idempotent=false', 'effect-applied-twice'],
    ['commit=before', 'message-lost'],
  ])('messaging, which checks its runs rather than every event: --param %s finds %s, and its shrunk scenario shows it again', async (param, check) => {
    const { lines } = await hunt({ lab: 'messaging', seeds: '1..4', params: [param] });
    expect(lines.length).toBeGreaterThan(0);
    for (const text of lines) {
      const line = JSON.parse(text);
      expect(line.invariant).toBe(check);
      expect(line.nodes.after).toBeLessThanOrEqual(line.nodes.before);
      expect(firstViolation(line.shrunk)).toMatchObject({ invariant: check, timeMs: line.timeMs.after });
      // `run --run-checks` looks at the shrunk scenario as the hunt did, and fails on the same finding.
      const file = join(dir, `messaging-${check}-${line.seed}.json`);
      writeFileSync(file, JSON.stringify(line.shrunk));
      const replay: string[] = [];
      expect(runCommand({ target: file, json: true, runChecks: true }, (text) => replay.push(text))).toBe(1);
      expect(JSON.parse(replay[0]).findings[0]).toMatchObject({ check, timeMs: line.timeMs.after });
    }
    const healthy = await hunt({ lab: 'messaging', seeds: '1..8' });
    expect(healthy.lines).toEqual([]);
  });

  it.each([
    [{ seeds: undefined }, /hunt needs --seeds A\.\.B/],
    [{ lab: 'nolab', seeds: '1..2' }, /hunt takes a lab id, not "nolab"/],
    [{ seeds: '1..2', faults: 'sometimes' }, /--faults must be "none" or "random", not "sometimes"/],
    [{ seeds: '1..2', params: ['bug'] }, /--param takes key=value, not "bug"/],
    [{ seeds: '1..2', params: ['bug=vote-thrice'] }, /params\.bug/],
    [{ seeds: '1..2', nodes: '40' }, /the raft lab runs 3 to 9 servers, not 40/],
    [{ seeds: '1..2', budget: 'lots' }, /--budget takes a whole number of runs, not "lots"/],
    [{ seeds: '9..1' }, /the end is before the start/],
  ])('refuses %j with a sentence naming the flag', async (options, message) => {
    await expect(hunt(options as Partial<HuntCommandOptions>)).rejects.toThrow(message);
  });

  it('run --run-checks: reports nothing on a healthy messaging run, and refuses a lab that checks every event', () => {
    const lines: string[] = [];
    expect(runCommand({ target: 'messaging', seeds: '1..2', json: true, runChecks: true }, (text) => lines.push(text))).toBe(0);
    expect(lines.map((text) => JSON.parse(text).findings)).toEqual([[], []]);
    expect(() => runCommand({ target: 'raft', json: true, runChecks: true }, () => {})).toThrow(/--run-checks applies to a lab that names run checks \(.*messaging.*\), not raft/);
  });

  it('exits 2 for a bad flag', () => {
    const result = cli('hunt', 'raft', '--seeds', '1..3', '--until', 'soon');
    expect(result.status).toBe(2);
    expect(result.stdout.trim()).toBe('');
    expect(result.stderr).toMatch(/--until takes a duration/);
  });
});
