// `cli check --models FILE… --json`: each line carries the consistency map's verdicts, each true,
// false or "unknown"; text lines append them; histories of other models get null.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCheckArgs, runCheck, type CheckOptions } from '../../../src/cli/check';

const dir = mkdtempSync(path.join(os.tmpdir(), 'splitbrain-check-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const full = path.join(dir, name);
  writeFileSync(full, JSON.stringify(content));
  return full;
}

/** Operations one after another, each ok before the next begins. */
function steps(list: [number, string, string, unknown][]) {
  return list.flatMap(([p, f, key, value]) => [
    { process: p, type: 'invoke', f, key, value: f === 'read' ? null : value, client: `c${p}` },
    { process: p, type: 'ok', f, key, value, client: `c${p}` },
  ]);
}

const linearizable = file('lin.json', steps([[1, 'write', 'x', 1], [2, 'read', 'x', 1]]));
const stale = file('stale.json', steps([[1, 'write', 'x', 1], [2, 'read', 'x', null]]));
const backwards = file('back.json', steps([[1, 'write', 'x', 1], [1, 'write', 'x', 2], [2, 'read', 'x', 1], [2, 'read', 'x', 2], [2, 'read', 'x', 1]]));
const queue = file('queue.json', [{ process: 0, type: 'invoke', f: 'enqueue', value: 1 }, { process: 0, type: 'ok', f: 'enqueue', value: 1 }]);

async function run(files: string[], options: Partial<CheckOptions> = {}) {
  const lines: string[] = [];
  const code = await runCheck(files, { json: true, consistencyMap: true, ...options }, (line) => lines.push(line));
  return { code, lines, json: options.json === false ? [] : lines.map((line) => JSON.parse(line)) };
}

const NAMES = ['linearizable', 'sequential', 'causal', 'pram', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'];

describe('check --models', () => {
  it('adds the map to each JSON line, in the map’s order', async () => {
    const { code, json } = await run([linearizable, stale, backwards]);
    expect(code).toBe(1);
    expect(Object.keys(json[0].models)).toEqual(NAMES);
    expect(Object.values(json[0].models).every((v) => v === true)).toBe(true);
    expect(json[1].models).toEqual({ linearizable: false, sequential: true, causal: true, pram: true, 'read-your-writes': true, 'monotonic-reads': true, 'monotonic-writes': true, 'writes-follow-reads': true });
    expect(json[2].models).toMatchObject({ linearizable: false, sequential: false, causal: false, pram: false, 'monotonic-reads': false, 'read-your-writes': true });
  });

  it('gives "unknown" for what the budget does not decide, and leaves lines without --models alone', async () => {
    const { json } = await run([stale], { budgetSteps: 1 });
    expect(json[0].valid).toBe(false);
    expect(Object.values(json[0].models).some((v) => v === 'unknown' || v === true)).toBe(true);
    const plain = await run([stale], { consistencyMap: false });
    expect(plain.json[0]).not.toHaveProperty('models');
  });

  it('appends the verdicts to text lines', async () => {
    const { lines } = await run([stale], { json: false });
    expect(lines[0]).toMatch(/^.*stale\.json: NOT linearizable .*\[models: linearizable false, sequential true, causal true, pram true, read-your-writes true, monotonic-reads true, monotonic-writes true, writes-follow-reads true\]$/);
  });

  it('says null for histories of other models', async () => {
    const { json, lines } = await run([queue], { model: 'queue' });
    expect(json[0].models).toBeNull();
    expect((await run([queue], { model: 'queue', json: false })).lines[0]).toMatch(/\[models: the consistency map reads register histories only\]$/);
    expect(lines).toHaveLength(1);
  });

  it('parses --models as the map and --list-models as the listing', () => {
    expect(parseCheckArgs(['a.json', '--models', '--json'])).toEqual({ ok: true, files: ['a.json'], options: { json: true, consistencyMap: true } });
    expect(parseCheckArgs(['--list-models'])).toEqual({ ok: true, files: [], options: { json: false, listModels: true } });
  });
});
