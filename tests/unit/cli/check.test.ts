// `cli check` in process: a history file's verdict and exit code (0 valid, 1 invalid, 2 bad input,
// 3 undecided), and its argument parsing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCheckArgs, runCheck } from '../../../src/cli/check';

const dir = mkdtempSync(join(tmpdir(), 'splitbrain-cli-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 1));
  return path;
}

async function check(files: string[], json = true, budgetSteps?: number) {
  const lines: string[] = [];
  const code = await runCheck(files, { json, budgetSteps }, (line) => lines.push(line));
  return { code, lines };
}

const VALID = [
  { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1 },
  { process: 0, type: 'ok', f: 'write', key: 'x', value: 1 },
  { process: 1, type: 'invoke', f: 'read', key: 'x', value: null },
  { process: 1, type: 'ok', f: 'read', key: 'x', value: 1 },
];
/** A stale read: the write of 1 completed before the read began, yet the read saw nothing. */
const STALE_READ = [
  { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1 },
  { process: 0, type: 'ok', f: 'write', key: 'x', value: 1 },
  { process: 1, type: 'invoke', f: 'read', key: 'x', value: null },
  { process: 1, type: 'ok', f: 'read', key: 'x', value: null },
];

describe('runCheck', () => {
  it('a linearizable history: exit 0 and valid: true', async () => {
    const { code, lines } = await check([file('valid.json', VALID)]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ valid: true, ops: 2, explanation: null });
  });

  it('a stale read: exit 1, valid: false, with an explanation', async () => {
    const { code, lines } = await check([file('stale.json', STALE_READ)]);
    expect(code).toBe(1);
    const line = JSON.parse(lines[0]);
    expect(line.valid).toBe(false);
    expect(typeof line.explanation).toBe('string');
    expect(line.explanation.length).toBeGreaterThan(10);
  });

  it('the {"history": [...]} form is read too', async () => {
    expect((await check([file('wrapped.json', { history: VALID })])).code).toBe(0);
  });

  it('malformed JSON: exit 2 and an error', async () => {
    const { code, lines } = await check([file('broken.json', '[{"process": 0,')]);
    expect(code).toBe(2);
    expect(JSON.parse(lines[0])).toMatchObject({ valid: null });
    expect(JSON.parse(lines[0]).error).toMatch(/JSON/);
  });

  it('a well-formed file with a bad event: exit 2, naming the field', async () => {
    const { code, lines } = await check([file('bad-event.json', [{ process: 'zero', type: 'invoke', f: 'read' }])], false);
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/bad input.*"process"/);
  });

  it('a completion without its invocation: exit 2', async () => {
    const { code } = await check([file('orphan.json', [{ process: 0, type: 'ok', f: 'read', key: 'x', value: 1 }])]);
    expect(code).toBe(2);
  });

  it('a missing file: exit 2, "file not found"', async () => {
    const { code, lines } = await check([join(dir, 'nope.json')], false);
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/file not found/);
  });

  it('several files: one line each; invalid wins over valid, bad input over invalid', async () => {
    const valid = file('v.json', VALID);
    const stale = file('s.json', STALE_READ);
    const broken = file('b.json', 'nope');
    const mixed = await check([valid, stale]);
    expect(mixed.lines).toHaveLength(2);
    expect(mixed.code).toBe(1);
    expect((await check([stale, broken, valid])).code).toBe(2);
  });

  it('text output says linearizable or NOT linearizable', async () => {
    expect((await check([file('v2.json', VALID)], false)).lines[0]).toMatch(/: linearizable \(/);
    expect((await check([file('s2.json', STALE_READ)], false)).lines[0]).toMatch(/NOT linearizable/);
  });

  it('no files: exit 2', async () => {
    expect((await check([])).code).toBe(2);
  });
});

describe('parseCheckArgs', () => {
  it('reads files, --json and --budget in either form', () => {
    expect(parseCheckArgs(['a.json', '--json', 'b.edn'])).toEqual({ ok: true, files: ['a.json', 'b.edn'], options: { json: true } });
    expect(parseCheckArgs(['a.json', '--budget', '500'])).toMatchObject({ ok: true, options: { budgetSteps: 500 } });
    expect(parseCheckArgs(['--budget=20', 'a.json'])).toMatchObject({ ok: true, files: ['a.json'], options: { budgetSteps: 20 } });
  });

  it('refuses a bad budget, an unknown option and no files', () => {
    for (const args of [['a.json', '--budget'], ['a.json', '--budget', '0'], ['a.json', '--budget', '1.5'], ['a.json', '--budget=x']]) {
      expect(parseCheckArgs(args)).toMatchObject({ ok: false, error: expect.stringMatching(/--budget/) });
    }
    expect(parseCheckArgs(['a.json', '--fast'])).toMatchObject({ ok: false, error: expect.stringMatching(/--fast/) });
    expect(parseCheckArgs(['--json'])).toMatchObject({ ok: false, error: expect.stringMatching(/no history files/) });
  });
});
