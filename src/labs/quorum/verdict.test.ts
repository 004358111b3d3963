// The quorum lab's CLI lines, through the CLI's own `run` over 200 seeds with random faults, as
// `npm run cli -- run quorum --param n=3 --param w=… --param r=… --faults random --seeds 1..200
// --json` prints them: W = R = 1 gives stale reads in most seeds; W = R = 2 gives fewer, and at
// least one seed is not linearizable; every line carries the staleness figures; with a strict
// quorum (no stand-ins) no read misses a completed write and the run never fails.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/run';

interface Line {
  seed: number;
  staleReads: number;
  reads: number;
  linearizable: boolean | 'unknown';
  staleness: { sinceMs: number; reads: number; fresh: number | null }[];
}

function run(params: string[]): { code: number; lines: Line[] } {
  const lines: Line[] = [];
  const code = runCommand({ target: 'quorum', seeds: '1..200', faults: 'random', params: ['n=3', ...params], json: true }, (line) => lines.push(JSON.parse(line)));
  return { code, lines };
}

describe('quorum CLI verdict over 200 faulty seeds', () => {
  const loose = run(['w=1', 'r=1']);
  const overlapping = run(['w=2', 'r=2']);

  it('W = R = 1: stale reads in most seeds, measured against the time since the write', () => {
    expect(loose.lines).toHaveLength(200);
    expect(loose.lines.filter((l) => l.staleReads > 0).length).toBeGreaterThan(100);
    for (const line of loose.lines) {
      expect(line.staleness.map((b) => b.sinceMs)).toEqual([0, 25, 50, 100, 200, 400, 800]);
      expect(line.staleness.reduce((sum, b) => sum + b.reads, 0)).toBe(line.reads);
    }
  });

  it('W = R = 2: fewer stale reads, yet at least one seed is not linearizable', () => {
    const total = (lines: Line[]) => lines.reduce((sum, l) => sum + l.staleReads, 0);
    expect(total(overlapping.lines)).toBeLessThan(total(loose.lines) / 2);
    expect(overlapping.lines.some((l) => l.linearizable === false)).toBe(true);
    expect(overlapping.code).toBe(0);
  });

  it('a strict W = R = 2 (no sloppy quorum) never misses a completed write, so no run fails', () => {
    const strict = run(['w=2', 'r=2', 'sloppyQuorum=false']);
    expect(strict.lines.every((l) => l.staleReads === 0)).toBe(true);
    expect(strict.code).toBe(0);
  });
}, 120_000);
