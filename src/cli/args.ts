// Parses the CLI's small vocabulary: seeds ("7" or "1..500") and durations ("120s", "500ms", "2m").

import { MAX_TIME_MS } from '../scenarios/validate';

/** The longest run anywhere (page, links, scenario files, CLI): the scenario limit, 24 h. */
export const MAX_DURATION_MS = MAX_TIME_MS;

export function parseDurationMs(text: string, flag = '--until'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`${flag} takes a duration like 500ms, 60s, 2m or 1h, not "${text}"`);
  const value = Number(match[1]);
  const unit = match[2] ?? 'ms';
  const ms = Math.round(unit === 'ms' ? value : unit === 's' ? value * 1000 : unit === 'm' ? value * 60_000 : value * 3_600_000);
  if (ms < 1 || ms > MAX_DURATION_MS) throw new Error(`${flag} ${text} is outside 1 ms to 24 h, the longest run Splitbrain simulates`);
  return ms;
}

const MAX_SEED = 0xffffffff;

function checkSeed(seed: number, text: string): number {
  if (!Number.isSafeInteger(seed) || seed > MAX_SEED) throw new Error(`bad seed in "${text}": seeds are whole numbers from 0 to ${MAX_SEED}`);
  return seed;
}

export function parseSeeds(text: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text.trim());
  if (range) {
    const [from, to] = [checkSeed(Number(range[1]), text), checkSeed(Number(range[2]), text)];
    if (to < from) throw new Error(`bad seed range "${text}": the end is before the start`);
    if (to - from > 1_000_000) throw new Error(`seed range "${text}" is too large (at most 1,000,000 seeds)`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  if (/^\d+$/.test(text.trim())) return [checkSeed(Number(text), text)];
  throw new Error(`bad seed "${text}": use a number like 7 or a range like 1..500`);
}
