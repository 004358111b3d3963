// Every Jepsen etcd history of the shared conformance data gets the verdict of expected.json.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { checkHistoryLinearizability, parseHistory } from '../../../src/checkers/index';

const dir = path.resolve(process.cwd(), '../shared/conformance/jepsen-etcd');
const exists = existsSync(path.join(dir, 'expected.json'));
if (!exists) console.log(`conformance: ${dir} not found, skipping the Jepsen etcd conformance tests`);

describe.skipIf(!exists)('Jepsen etcd conformance', () => {
  const expected: Record<string, boolean> = exists ? JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) : {};
  const files = exists ? readdirSync(dir).filter((f) => f.endsWith('.log')).sort() : [];
  const timings: { file: string; ms: number }[] = [];

  it('has a verdict for every log', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(expected[file], file).toBeTypeOf('boolean');
  });

  it.each(files)('%s', (file) => {
    const parsed = parseHistory(file, readFileSync(path.join(dir, file), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const started = performance.now();
    const checked = checkHistoryLinearizability(parsed.history);
    timings.push({ file, ms: performance.now() - started });
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.result.valid).toBe(expected[file]);
    if (!expected[file]) expect(checked.result.explanation?.sentence).toMatch(/\w/);
  });

  afterAll(() => {
    const total = timings.reduce((sum, t) => sum + t.ms, 0);
    const slowest = [...timings].sort((a, b) => b.ms - a.ms)[0];
    if (slowest) console.log(`conformance: ${timings.length} histories checked in ${total.toFixed(0)} ms; slowest ${slowest.file} ${slowest.ms.toFixed(0)} ms`);
  });
});
