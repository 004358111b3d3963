import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCheckArgs, runCheck } from '../../../src/cli/check';

const dir = mkdtempSync(path.join(os.tmpdir(), 'splitbrain-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
}

const event = (process: number, type: string, f: string, value: unknown, time: number) => ({ process, type, f, key: 'x', value, time, client: `c${process}` });
const valid = file('valid.json', JSON.stringify([event(1, 'invoke', 'write', 1, 0), event(1, 'ok', 'write', 1, 100), event(2, 'invoke', 'read', null, 200), event(2, 'ok', 'read', 1, 300)]));
const invalid = file('invalid.json', JSON.stringify({ history: [event(1, 'invoke', 'write', 1, 0), event(1, 'ok', 'write', 1, 100), event(2, 'invoke', 'read', null, 200), event(2, 'ok', 'read', 2, 300)] }));
const concurrent = file(
  'concurrent.json',
  JSON.stringify([event(1, 'invoke', 'write', 1, 0), event(2, 'invoke', 'write', 2, 0), event(1, 'ok', 'write', 1, 100), event(2, 'ok', 'write', 2, 100), event(3, 'invoke', 'read', null, 200), event(3, 'ok', 'read', 2, 300)]),
);
const log = file('etcd.log', 'INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\tnil\n');
const broken = file('broken.json', '[\n{"process": 0, "type": "invoke", "f": "read"},\n{"process": 0, "type": "ok", "f": "read",}\n]');
const unpaired = file('unpaired.json', '[\n{"process": 0, "type": "ok", "f": "read", "value": 1}\n]');

async function run(files: string[], json = false, budgetSteps?: number) {
  const lines: string[] = [];
  const code = await runCheck(files, { json, budgetSteps }, (line) => lines.push(line));
  return { code, lines };
}

describe('runCheck', () => {
  it('exits 0 when every history is linearizable', async () => {
    const { code, lines } = await run([valid, log]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/valid\.json: linearizable \(2 operations, \d+ steps, \d+ ms\)$/);
  });

  it('exits 1 on a violation and prints the explanation', async () => {
    const { code, lines } = await run([valid, invalid], true);
    expect(code).toBe(1);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed[0]).toMatchObject({ file: valid, valid: true, ops: 2, explanation: null });
    expect(parsed[1]).toMatchObject({ file: invalid, valid: false, ops: 2, explanation: 'c2 read x=2 at 0.2 s, but no operation wrote 2' });
    expect(Object.keys(parsed[1])).toEqual(['file', 'valid', 'ops', 'ms', 'explanation']);
    expect(parsed[1].ms).toBeTypeOf('number');
  });

  it('exits 2 on a missing, unparseable or malformed file, naming the file and the problem', async () => {
    const missing = path.join(dir, 'missing.json');
    expect(await run([missing])).toEqual({ code: 2, lines: [`${missing}: bad input: file not found`] });
    const bad = await run([broken]);
    expect(bad.code).toBe(2);
    expect(bad.lines[0]).toMatch(new RegExp(`^${broken.replace(/[.\\]/g, '\\$&')}: bad input: line 3: not valid JSON`));
    const pairing = await run([unpaired], true);
    expect(pairing.code).toBe(2);
    expect(JSON.parse(pairing.lines[0])).toMatchObject({ file: unpaired, valid: null, error: 'line 2: event 1: process 0 completes a read (ok) it never invoked [completion-without-invoke]' });
    expect((await run([invalid, missing])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });

  it('exits 3 when the budget runs out and nothing is invalid', async () => {
    const { code, lines } = await run([valid, concurrent], false, 1);
    expect(code).toBe(3);
    expect(lines[1]).toMatch(/undecided within the budget/);
    // An invalid verdict (found in 2 steps) wins over an undecided one.
    const instant = file('instant.json', JSON.stringify([event(2, 'invoke', 'read', null, 0), event(2, 'ok', 'read', 2, 100)]));
    expect((await run([concurrent, instant], false, 2)).code).toBe(1);
  });
});

describe('parseCheckArgs', () => {
  it('reads files, --json and --budget', () => {
    expect(parseCheckArgs(['a.json', '--json', 'b.log', '--budget', '1000'])).toEqual({ ok: true, files: ['a.json', 'b.log'], options: { json: true, budgetSteps: 1000 } });
    expect(parseCheckArgs(['--budget=5', 'a.json'])).toEqual({ ok: true, files: ['a.json'], options: { json: false, budgetSteps: 5 } });
    expect(parseCheckArgs(['a.json', '--budget', 'lots'])).toMatchObject({ ok: false });
    expect(parseCheckArgs(['--verbose', 'a.json'])).toMatchObject({ ok: false, error: expect.stringMatching(/unknown option --verbose/) });
    expect(parseCheckArgs([])).toMatchObject({ ok: false });
  });
});
