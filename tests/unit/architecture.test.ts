// The deterministic core stays pure (DESIGN §2): no DOM, UI libraries, wall clocks, timers or
// unseeded randomness in src/engine, src/protocols, src/checkers, src/scenarios, src/share, src/hunt and the
// labs' DOM-free parts; and the engine imports nothing else of ours. tsconfig.core.json already
// type-checks the core without the DOM library; this catches what the types cannot (Math.random,
// Date.now, imports). And a lab is one folder (DESIGN §1.9): only the registries import lab
// folders, lab folders do not import each other, and nothing generic names a lab.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['src/engine', 'src/protocols', 'src/checkers', 'src/scenarios', 'src/share', 'src/hunt'];
/** The labs' DOM-free parts: everything in src/labs but their ui/ folders and the UI registry. */
const isLabUi = (file: string) => /^src\/labs\/[^/]+\/ui\//.test(file) || file === 'src/labs/ui-registry.ts';
const FORBIDDEN: [RegExp, string][] = [
  [/\bMath\.random\b/, 'Math.random (use the seeded Prng)'],
  [/\bDate\.now\b|\bnew Date\(/, 'the wall clock (use virtual time)'],
  [/\bperformance\.now\b/, 'the wall clock (use virtual time)'],
  [/\bset(Timeout|Interval)\(/, 'timers (ask the engine for one)'],
  [/from ['"](svelte|svelte\/[^'"]*|d3(-[a-z-]+)?|comlink|xstate|@xstate\/[^'"]*)['"]/, 'a UI or worker library'],
  [/\b(document|window|navigator|localStorage)\./, 'the DOM'],
];

/** A lab's statechart (`src/labs/<id>/*.machine.ts`) may import XState: the protocol steps it with
 * XState's pure functions and keeps only its state value and context, plain data. */
const isLabMachine = (file: string) => /^src\/labs\/[^/]+\/[^/]+\.machine\.ts$/.test(file);
const XSTATE_IMPORT = /from ['"]xstate['"]/g;

function sourceFiles(dir: string, extensions: readonly string[] = ['.ts']): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full, extensions);
    return extensions.some((ext) => full.endsWith(ext)) && !full.endsWith('.test.ts') ? [full] : [];
  });
}

/** The code without comments, so a comment may name what the code must not do. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** The modules a file imports (static, side-effect and dynamic imports), resolved from the
 * repository root when relative ('src/labs/cap/lab'), as written otherwise ('svelte'). */
function importsOf(file: string): string[] {
  const text = code(file);
  const specifiers = [
    ...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? path.posix.join(path.posix.dirname(file), specifier) : specifier));
}

const SOURCES = ['.ts', '.svelte'];
/** Every lab folder under src/labs, by id. */
const LAB_FOLDERS = readdirSync('src/labs').filter((name) => statSync(path.join('src/labs', name)).isDirectory());
const REGISTRIES = ['src/labs/registry.ts', 'src/labs/ui-registry.ts'];

/** The lab folder a module path lies in, or null. */
function labFolderOf(modulePath: string): string | null {
  const match = /^src\/labs\/([^/]+)\//.exec(modulePath);
  return match && LAB_FOLDERS.includes(match[1]) ? match[1] : null;
}

/** Files outside src/labs that may name no lab; src/ui is listed on its own (the page is being
 * rewritten to read labs only from the registry). */
const GENERIC = ['src/engine', 'src/share', 'src/worker', 'src/scenarios', 'src/cli', 'src/hunt'];
/** A lab id as a string literal in code (`lab === 'raft'`, `labById("cap")`, `lab="echo"` in
 * markup): the quoted id right after an operator, a bracket or a keyword, not inside a sentence
 * ('must be a lab id like "raft"' is an example in a message, not a dependency). */
const LAB_ID_LITERAL = new RegExp(`(^|[(,=:[{?!|&+;>]|\\b(?:return|case|in|of)\\b)\\s*(['"\`])(${['raft', 'cap', 'echo'].join('|')})\\2`, 'm');

function namingLabs(dirs: string[]): string[] {
  return dirs.filter((dir) => existsSync(dir)).flatMap((dir) => sourceFiles(dir, SOURCES))
    .filter((file) => !file.startsWith('src/labs/'))
    .flatMap((file) => {
      const found = code(file).match(LAB_ID_LITERAL);
      return found ? [`${file} names the lab ${found[2]}${found[3]}${found[2]}`] : [];
    });
}

describe('architecture', () => {
  it('keeps the deterministic core free of the DOM, clocks, randomness and UI libraries', () => {
    const labFiles = sourceFiles('src/labs').filter((file) => !isLabUi(file));
    expect(labFiles).toEqual(expect.arrayContaining(['src/labs/registry.ts', 'src/labs/cap/lab.ts', 'src/labs/echo/protocol.ts']));
    const offences = [...CORE.flatMap((dir) => sourceFiles(dir)), ...labFiles].flatMap((file) => {
      const text = isLabMachine(file) ? code(file).replace(XSTATE_IMPORT, '') : code(file);
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
    const files = ['src/ui', 'src/engine', 'src/protocols', 'src/checkers', 'src/scenarios', 'src/share', 'src/labs', 'src/cli'].flatMap((dir) => sourceFiles(dir, SOURCES));
    const offences = files.filter((file) => /from ['"]comlink['"]/.test(code(file)) && !file.endsWith('client.ts'));
    expect(offences).toEqual([]);
  });
});

describe('a lab is one folder (DESIGN §1.9)', () => {
  it('finds the lab folders and their imports (the check below is not vacuous)', () => {
    expect(LAB_FOLDERS).toEqual(expect.arrayContaining(['raft', 'cap', 'echo']));
    const registryImports = REGISTRIES.flatMap(importsOf).map(labFolderOf).filter((lab) => lab !== null);
    expect(new Set(registryImports)).toEqual(new Set(LAB_FOLDERS.filter((lab) => existsSync(`src/labs/${lab}/lab.ts`))));
    for (const named of ["labById('cap')", "if (lab === 'raft')", 'const LABS = ["raft", "cap"]', "{ lab: 'echo' }", '<Panel lab="cap" />', "case 'raft':", 'return `echo`']) {
      expect(LAB_ID_LITERAL.test(named), named).toBe(true);
    }
    for (const unnamed of ['const capacity = 3;', "'must be a lab id like \"raft\"'", "const raft = labs.raft", "'cape'", "'raft-lab'"]) {
      expect(LAB_ID_LITERAL.test(unnamed), unnamed).toBe(false);
    }
  });

  it('only src/labs/registry.ts and src/labs/ui-registry.ts import from a lab folder', () => {
    const offences = sourceFiles('src', SOURCES).flatMap((file) => {
      if (REGISTRIES.includes(file)) return [];
      const own = labFolderOf(file);
      return importsOf(file)
        .filter((target) => { const lab = labFolderOf(target); return lab !== null && lab !== own; })
        .map((target) => `${file} imports ${target}`);
    });
    expect(offences).toEqual([]);
  });

  it('lab folders do not import each other', () => {
    const offences = LAB_FOLDERS.flatMap((lab) => sourceFiles(`src/labs/${lab}`, SOURCES).flatMap((file) =>
      importsOf(file)
        .filter((target) => { const other = labFolderOf(target); return other !== null && other !== lab; })
        .map((target) => `${file} (lab ${lab}) imports ${target}`),
    ));
    expect(offences).toEqual([]);
  });

  it('the engine, share links, the worker, scenarios and the CLI never name a lab', () => {
    expect(namingLabs(GENERIC)).toEqual([]);
  });

  it('the page (src/ui) never names a lab', () => {
    expect(namingLabs(['src/ui'])).toEqual([]);
  });
});
