// Reads the seed and cluster size from the page address and writes them back, so a link reproduces a run.

export const SEED_DEFAULT = 1;
export const SEED_MAX = 0xffffffff;
export const NODES_MIN = 3;
export const NODES_MAX = 9;
export const NODES_DEFAULT = 5;

export interface PageParams {
  seed: number;
  nodes: number;
}

function parseInteger(text: string | null): number | null {
  if (text === null || !/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= SEED_MAX;
}

export function clampNodes(nodes: number): number {
  if (!Number.isFinite(nodes)) return NODES_DEFAULT;
  return Math.min(NODES_MAX, Math.max(NODES_MIN, Math.round(nodes)));
}

/** `?seed=N&nodes=N`; anything missing or out of range falls back to the defaults. */
export function readParams(search: string): PageParams {
  const query = new URLSearchParams(search);
  const seed = parseInteger(query.get('seed'));
  const nodes = parseInteger(query.get('nodes'));
  return {
    seed: seed !== null && isValidSeed(seed) ? seed : SEED_DEFAULT,
    nodes: nodes !== null && nodes >= NODES_MIN && nodes <= NODES_MAX ? nodes : NODES_DEFAULT,
  };
}

/** `?autoplay=0` (or `false`) starts paused; anything else plays once the worker is ready. */
export function readAutoplay(search: string): boolean {
  const value = new URLSearchParams(search).get('autoplay');
  return value === null || !/^(0|false|no|off)$/i.test(value);
}

/** The same address with `seed` (always) and `nodes` (when not the default) set; other parameters kept. */
export function withParams(href: string, params: PageParams): string {
  const url = new URL(href);
  url.searchParams.set('seed', String(params.seed));
  if (params.nodes === NODES_DEFAULT) url.searchParams.delete('nodes');
  else url.searchParams.set('nodes', String(params.nodes));
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A fresh seed for the "New seed" button: small enough to read aloud, never the current one. */
export function nextRandomSeed(current: number, random: () => number = Math.random): number {
  for (let attempt = 0; attempt < 8; attempt++) {
    const seed = 1 + Math.floor(random() * 999_999);
    if (seed !== current) return seed;
  }
  return current + 1;
}
