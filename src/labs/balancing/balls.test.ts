// `cli experiment balls`, through the CLI's own flag parsing: one extra choice cuts the fullest
// bin sharply (about ln n / ln ln n → ln ln n / ln 2), a third helps much less; rows are the same
// whichever other rows are asked for; malformed flags are refused with a sentence.
import { describe, expect, it } from 'vitest';
import { experimentCommand } from '../../cli/experiment';
import { Prng } from '../../engine/prng';
import { maxLoad } from './balls';

function rows(args: string[]): { choices: number; bins: number; maxLoad: number; trials: number }[] {
  const lines: string[] = [];
  expect(experimentCommand(['balls', ...args, '--json'], (line) => lines.push(line))).toBe(0);
  return lines.map((line) => JSON.parse(line));
}

describe('experiment balls', () => {
  it('prints a row per choice count; two choices beat one by far, three beat two by little', () => {
    const [one, two, three] = rows(['--bins', '50000', '--choices', '1,2,3', '--trials', '3']);
    expect([one.choices, two.choices, three.choices]).toEqual([1, 2, 3]);
    expect(one.bins).toBe(50_000);
    expect(one.trials).toBe(3);
    expect(one.maxLoad).toBeGreaterThanOrEqual(6);
    expect(two.maxLoad).toBeGreaterThanOrEqual(3);
    expect(two.maxLoad).toBeLessThanOrEqual(4);
    expect(three.maxLoad).toBeLessThanOrEqual(two.maxLoad);
    expect(one.maxLoad - two.maxLoad).toBeGreaterThan(two.maxLoad - three.maxLoad);
  });

  it('a row does not depend on the other rows asked for', () => {
    const alone = rows(['--bins', '5000', '--choices', '2', '--trials', '2'])[0];
    const together = rows(['--bins', '5000', '--choices', '1,2', '--trials', '2'])[1];
    expect(together).toEqual(alone);
  });

  it('places every ball: the fullest bin holds at least one and at most all', () => {
    expect(maxLoad(1, 1, Prng.fromSeed(1, 't'))).toBe(1);
    const load = maxLoad(100, 2, Prng.fromSeed(1, 't'));
    expect(load).toBeGreaterThanOrEqual(1);
    expect(load).toBeLessThanOrEqual(100);
  });

  it('refuses a malformed flag with a sentence', () => {
    expect(() => rows(['--choices', '1,two'])).toThrow(/--choices: expected a whole number/);
    expect(() => rows(['--bins', '0'])).toThrow(/--bins: expected a whole number from 1/);
  });
});
