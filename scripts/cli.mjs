// `npm run cli`: bundles the command line into one ES module with esbuild (a few dozen ms) and
// runs it in this process. A bundle starts faster and uses less memory than transpiling every
// module on load, which matters for hour-long runs and thousand-seed sweeps.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// One bundle per checkout: two checkouts may share node_modules (a linked worktree used as a
// baseline), and one must never run the other's code.
const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
const outfile = join(root, 'node_modules', '.cache', 'splitbrain', `cli-${checkout}.mjs`);
mkdirSync(dirname(outfile), { recursive: true });

// A long run's live data is a few tens of MB, but V8 by default lets the heap grow up to four
// times past it between full collections (an hour of the CAP lab peaked near 270 MB). Growing in
// 50% steps keeps the peak near twice the live data for a few percent more time in GC (and
// package.json starts Node with 8 MB semi-spaces instead of 16 for the same reason).
setFlagsFromString('--heap-growing-percent=50');

let bundle;
try {
  bundle = await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Node's own modules and installed packages load as usual; only the project is bundled.
    packages: 'external',
    write: false,
    logLevel: 'warning',
  });
} catch {
  // esbuild has printed what failed to compile.
  process.exit(2);
}
// Written aside and renamed into place, so a second CLI started at the same moment never imports
// a half-written file.
const partial = `${outfile}.${process.pid}.tmp`;
writeFileSync(partial, bundle.outputFiles[0].contents);
renameSync(partial, outfile);
await import(pathToFileURL(outfile).href);
