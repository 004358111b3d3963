// The deterministic core stays pure (DESIGN §2): no DOM, UI libraries, wall clocks, timers or
// unseeded randomness in src/engine, src/protocols, src/checkers, src/scenarios and src/share; and
// the engine imports nothing else of ours. tsconfig.core.json already type-checks the core
// without the DOM library; this catches what the types cannot (Math.random, Date.now, imports).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['src/engine', 'src/protocols', 'src/checkers', 'src/scenarios', 'src/share'];
const FORBIDDEN: [RegExp, string][] = [
  [/\bMath\.random\b/, 'Math.random (use the seeded Prng)'],
  [/\bDate\.now\b|\bnew Date\(/, 'the wall clock (use virtual time)'],
  [/\bperformance\.now\b/, 'the wall clock (use virtual time)'],
  [/\bset(Timeout|Interval)\(/, 'timers (ask the engine for one)'],
  [/from ['"](svelte|svelte\/[^'"]*|d3(-[a-z-]+)?|comlink|xstate|@xstate\/[^'"]*)['"]/, 'a UI or worker library'],
  [/\b(document|window|navigator|localStorage)\./, 'the DOM'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

/** The code without comments, so a comment may name what the code must not do. */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('architecture', () => {
  it('keeps the deterministic core free of the DOM, clocks, randomness and UI libraries', () => {
    const offences = CORE.flatMap(sourceFiles).flatMap((file) => {
      const text = code(file);
      return FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, what]) => `${file}: ${what}`);
    });
    expect(offences).toEqual([]);
  });

  it('keeps the engine independent of every other layer', () => {
    const offences = sourceFiles('src/engine').flatMap((file) =>
      [...code(file).matchAll(/from ['"](\.\.\/[^'"]+)['"]/g)].map((match) => `${file} imports ${match[1]}`),
    );
    expect(offences).toEqual([]);
  });

  it('keeps Comlink behind the worker boundary', () => {
    const files = ['src/ui', 'src/engine', 'src/protocols', 'src/checkers', 'src/scenarios', 'src/share'].flatMap(sourceFiles);
    const offences = files.filter((file) => /from ['"]comlink['"]/.test(code(file)) && !file.endsWith('client.ts'));
    expect(offences).toEqual([]);
  });
});
