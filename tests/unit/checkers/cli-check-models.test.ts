// `cli check --model M` and `--list-models`: verdicts and exit codes under other models (0 valid,
// 1 invalid, 2 bad input, 3 undecided), the model list, and the hint for the wrong model.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCheckArgs, runCheck, type CheckOptions } from '../../../src/cli/check';

const dir = mkdtempSync(path.join(os.tmpdir(), 'splitbrain-check-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const full = path.join(dir, name);
  writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
  return full;
}

const e = (process: number, type: string, f: string, value: unknown = null) => ({ process, type, f, value, client: `c${process}` });
const fifo = file('fifo.json', [e(0, 'invoke', 'enqueue', 1), e(0, 'ok', 'enqueue', 1), e(0, 'invoke', 'enqueue', 2), e(0, 'ok', 'enqueue', 2), e(1, 'invoke', 'dequeue'), e(1, 'ok', 'dequeue', 1)]);
const lifo = file('lifo.json', [e(0, 'invoke', 'enqueue', 1), e(0, 'ok', 'enqueue', 1), e(0, 'invoke', 'enqueue', 2), e(0, 'ok', 'enqueue', 2), e(1, 'invoke', 'dequeue'), e(1, 'ok', 'dequeue', 2)]);
const nemesisOnly = file('nemesis.edn', '{:process :nemesis, :type :info, :f :start, :value nil}\n{:process :nemesis, :type :info, :f :stop, :value nil}\n');

async function run(files: string[], options: Partial<CheckOptions> = {}) {
  const lines: string[] = [];
  const code = await runCheck(files, { json: false, ...options }, (line) => lines.push(line));
  return { code, lines };
}

describe('check --model', () => {
  it('exits 0 for a linearizable queue history and 1 for a violation, naming the model', async () => {
    const ok = await run([fifo], { model: 'queue' });
    expect(ok.code).toBe(0);
    expect(ok.lines[0]).toMatch(/fifo\.json: linearizable \(queue model, 3 operations, \d+ steps, \d+ ms\)$/);
    const bad = await run([fifo, lifo], { model: 'queue', json: true });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.lines[1])).toMatchObject({ valid: false, ops: 3, explanation: expect.stringMatching(/c1 dequeue → 2 \(ok\).*it dequeued 2, but the oldest element was 1/) });
  });

  it('exits 2 when the history belongs to another model, saying which', async () => {
    const { code, lines } = await run([fifo]);
    expect(code).toBe(2);
    expect(lines[0]).toBe(`${fifo}: bad input: line 1: event 1: "f" must be one of read, write, cas, got "enqueue" (try --model queue)`);
    expect((await run([fifo], { model: 'stack' })).lines).toEqual(['check: unknown model "stack" (models: register, kv, set, counter, queue, mutex; see --list-models)']);
    expect((await run([fifo], { model: 'stack' })).code).toBe(2);
  });

  it('exits 3 when the budget runs out', async () => {
    const concurrent = file('concurrent.json', [e(0, 'invoke', 'add', 1), e(1, 'invoke', 'add', 2), e(0, 'ok', 'add', 1), e(1, 'ok', 'add', 2), e(2, 'invoke', 'read'), e(2, 'ok', 'read', 3)]);
    expect((await run([concurrent], { model: 'counter' })).code).toBe(0);
    expect((await run([concurrent], { model: 'counter', budgetSteps: 1 })).code).toBe(3);
  });

  it('exits 0 on an EDN history with only nemesis operations', async () => {
    const { code, lines } = await run([nemesisOnly], { model: 'mutex' });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/nemesis\.edn: linearizable \(mutex model, 0 operations/);
    expect((await run([nemesisOnly])).code).toBe(0);
  });
});

describe('check --list-models', () => {
  it('lists every model on one line: name, operations, one sentence', async () => {
    const { code, lines } = await run([], { listModels: true });
    expect(code).toBe(0);
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(['register', 'kv', 'set', 'counter', 'queue', 'mutex']);
    expect(lines[4]).toMatch(/^queue\s+enqueue, dequeue: a FIFO queue/);
    const json = await run([], { listModels: true, json: true });
    expect(JSON.parse(json.lines[5])).toEqual({ model: 'mutex', functions: ['acquire', 'release'], summary: expect.stringMatching(/lock/) });
  });

  it('then checks any files given as well', async () => {
    const { code, lines } = await run([fifo], { listModels: true, model: 'queue' });
    expect(code).toBe(0);
    expect(lines).toHaveLength(7);
  });
});

describe('parseCheckArgs with models', () => {
  it('reads --model in either form and --list-models without files', () => {
    expect(parseCheckArgs(['a.json', '--model', 'queue'])).toEqual({ ok: true, files: ['a.json'], options: { json: false, model: 'queue' } });
    expect(parseCheckArgs(['--model=set', 'a.json', '--json'])).toEqual({ ok: true, files: ['a.json'], options: { json: true, model: 'set' } });
    expect(parseCheckArgs(['--list-models'])).toEqual({ ok: true, files: [], options: { json: false, listModels: true } });
    expect(parseCheckArgs(['--models'])).toMatchObject({ ok: false, error: expect.stringMatching(/no history files given/) });
  });

  it('refuses an unknown or missing model name', () => {
    expect(parseCheckArgs(['a.json', '--model', 'stack'])).toMatchObject({ ok: false, error: expect.stringMatching(/--model needs a model name: unknown model "stack"/) });
    expect(parseCheckArgs(['a.json', '--model'])).toMatchObject({ ok: false, error: expect.stringMatching(/--model/) });
  });
});
