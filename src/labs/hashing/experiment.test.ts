// `cli experiment hashing`: its rows, through the CLI's own flag parsing, show what the lab
// teaches — one token per node is lopsided and a hundred nearly even, the ring moves about
// 1/(N+1) of the keys on an add and hash mod N almost all of them.
import { describe, expect, it } from 'vitest';
import { experimentCommand } from '../../cli/experiment';

function rows(args: string[]): Record<string, unknown>[] {
  const lines: string[] = [];
  expect(experimentCommand(['hashing', ...args, '--json'], (line) => lines.push(line))).toBe(0);
  return lines.map((line) => JSON.parse(line));
}

describe('experiment hashing', () => {
  it('prints a row per ring token count and one for hash mod N', () => {
    const out = rows(['--nodes', '10', '--vnodes', '1,100', '--keys', '20000']);
    expect(out.map((row) => [row.scheme, row.vnodes])).toEqual([['ring', 1], ['ring', 100], ['mod', null]]);
    const [one, hundred, mod] = out as { movedFraction: number; maxOverMean: number }[];
    expect(one.maxOverMean).toBeGreaterThan(1.8);
    expect(hundred.maxOverMean).toBeLessThan(1.35);
    expect(hundred.movedFraction).toBeGreaterThan(0.05);
    expect(hundred.movedFraction).toBeLessThan(0.13);
    expect(mod.movedFraction).toBeGreaterThan(0.85);
  });

  it('refuses a malformed flag with a sentence', () => {
    expect(() => rows(['--vnodes', '1,zero'])).toThrow(/--vnodes: expected a whole number/);
    expect(() => rows(['--schemes', 'ring,md5'])).toThrow(/unknown scheme "md5"/);
  });
});
