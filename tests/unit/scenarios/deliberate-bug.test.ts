// A deliberate bug shows what a rule protects: without Raft's vote-once rule (§5.2) two leaders
// win the same term, and the election-safety invariant says so. The same seeds without the bug
// stay safe, so the invariant is what tells them apart.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/cli/run';
import { defaultScenario } from '../../../src/scenarios/catalog';
import { runHeadless } from '../../../src/scenarios/headless';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const withBug = (seed: number) => {
  const scenario = { ...defaultScenario('raft', seed), until: 5000 };
  scenario.params = { ...scenario.params, bug: 'vote-twice' };
  return scenario;
};

describe("Raft with a deliberate bug: 'vote-twice'", () => {
  it('elects two leaders in one term, and election safety catches it', () => {
    const caught = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((seed) => runHeadless(withBug(seed)).violations.some((v) => v.invariant === 'election-safety'));
    expect(caught.length).toBeGreaterThanOrEqual(4);
    const sound = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((seed) => runHeadless({ ...defaultScenario('raft', seed), until: 5000 }).violations.length > 0);
    expect(sound).toEqual([]);
  });

  it('makes `cli run` of such a scenario file exit 1 and name the invariant', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'splitbrain-')), 'buggy.json');
    writeFileSync(file, JSON.stringify(withBug(2)));
    const lines: string[] = [];
    expect(runCommand({ target: file, json: true }, (line) => lines.push(line))).toBe(1);
    expect(JSON.parse(lines[0]).violations[0]).toMatchObject({ invariant: 'election-safety' });
  });
});
