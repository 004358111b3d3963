// Measures the gzip size of the JavaScript a page loads before it can run (entry + its imports).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export type WeightFigures = { skipped: string } | { entries: { page: string; gzipKb: number; files: string[] }[] };

export function benchWeight(dist: string): WeightFigures {
  const html = path.join(dist, 'index.html');
  if (!existsSync(html)) return { skipped: 'dist/ not built (run npm run build first)' };
  const source = readFileSync(html, 'utf8');
  const scripts = [...source.matchAll(/<script[^>]+src="\.?\/?([^"]+\.js)"/g), ...source.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const files = [...new Set(scripts)];
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dist, file))).length, 0);
  const workers = readdirSync(path.join(dist, 'assets')).filter((f) => f.includes('worker') && f.endsWith('.js'));
  const workerBytes = workers.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dist, 'assets', file))).length, 0);
  return {
    entries: [
      { page: 'page', gzipKb: Math.round(bytes / 102.4) / 10, files },
      { page: 'worker', gzipKb: Math.round(workerBytes / 102.4) / 10, files: workers },
    ],
  };
}
