// The before/during/after windows the CLI's goodput figures are measured over.
import { describe, expect, it } from 'vitest';
import { triggerWindows } from './figures';

describe('trigger windows', () => {
  it('the default scenario: a trigger at 2–4 s in a 10 s run', () => {
    expect(triggerWindows(2000, 2000, 10_000)).toEqual({ before: { fromSec: 1, toSec: 2 }, during: { fromSec: 2, toSec: 4 }, after: { fromSec: 7, toSec: 10 } });
  });

  it('a trigger that does not start or end on a second counts every second it touches as during', () => {
    expect(triggerWindows(2500, 1200, 20_000)).toEqual({ before: { fromSec: 1, toSec: 2 }, during: { fromSec: 2, toSec: 4 }, after: { fromSec: 17, toSec: 20 } });
  });

  it('after never overlaps the trigger, and is missing when the run ends too soon', () => {
    expect(triggerWindows(2000, 2000, 5000).after).toEqual({ fromSec: 4, toSec: 5 });
    expect(triggerWindows(2000, 2000, 4000).after).toBeNull();
  });

  it('an early trigger keeps second 0 as "before"; no trigger makes the whole run "before"', () => {
    expect(triggerWindows(1000, 500, 10_000).before).toEqual({ fromSec: 0, toSec: 1 });
    expect(triggerWindows(0, 1000, 10_000).before).toBeNull();
    expect(triggerWindows(2000, 0, 10_000)).toEqual({ before: { fromSec: 1, toSec: 10 }, during: null, after: null });
  });
});
