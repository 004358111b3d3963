// `cli experiment`: finding an experiment across labs and checking its flags before it runs.
import { describe, expect, it } from 'vitest';
import { experimentCommand } from '../../../src/cli/experiment';

describe('cli experiment', () => {
  it('refuses an unknown experiment, naming the known ones', () => {
    expect(() => experimentCommand(['no-such-thing'], () => {})).toThrow(/unknown experiment "no-such-thing"/);
  });

  it('lists experiments with --list and exits 0', () => {
    const lines: string[] = [];
    expect(experimentCommand(['--list'], (line) => lines.push(line))).toBe(0);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('without a name, prints the list and exits 2', () => {
    expect(experimentCommand([], () => {})).toBe(2);
  });
});
