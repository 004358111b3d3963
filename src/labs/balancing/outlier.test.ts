// Outlier ejection's judgement: a server with half its recent answers failed is ejected, one with
// too few answers is not judged, a server three times slower than the others' median is ejected,
// and never more than half the servers are out at once (fast-check over random histories).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOutliers, remember, WINDOW, type Sample } from './outlier';

const ok = (ms: number): Sample => ({ ok: true, ms });
const bad: Sample = { ok: false, ms: 5 };
const many = (sample: Sample, k: number) => Array.from({ length: k }, () => sample);

describe('outlier ejection', () => {
  it('ejects a server whose recent answers mostly failed, not one with too few answers', () => {
    const recent = { n1: [...many(bad, 5), ...many(ok(100), 5)], n2: many(ok(100), 10), n3: many(bad, 4), n4: many(ok(90), 10) };
    expect(findOutliers(['n1', 'n2', 'n3', 'n4'], recent, 0, 4).map((o) => o.server)).toEqual(['n1']);
  });

  it('ejects a server far slower than the median of the others', () => {
    const recent = { n1: many(ok(900), 10), n2: many(ok(100), 10), n3: many(ok(120), 10), n4: many(ok(110), 10) };
    const found = findOutliers(['n1', 'n2', 'n3', 'n4'], recent, 0, 4);
    expect(found.map((o) => o.server)).toEqual(['n1']);
    expect(found[0].reason).toMatch(/900 ms on average, the others’ 110 ms/);
    // Twice as slow is no outlier.
    expect(findOutliers(['n1', 'n2', 'n3'], { n1: many(ok(220), 10), n2: many(ok(100), 10), n3: many(ok(110), 10) }, 0, 3)).toEqual([]);
  });

  it('keeps at most the last WINDOW answers', () => {
    let list: Sample[] | undefined;
    for (let i = 0; i < WINDOW + 7; i++) list = remember(list, ok(i));
    expect(list!.length).toBe(WINDOW);
    expect(list![0].ms).toBe(7);
  });

  it('never ejects more than half the servers, however many fail', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 0, max: 16 }), fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }), (n, already, failing) => {
      const servers = Array.from({ length: n }, (_, i) => `n${i + 1}`);
      const ejectedNow = Math.min(already, n);
      const recent = Object.fromEntries(servers.map((s, i) => [s, failing[i] ? many(bad, 10) : many(ok(100), 10)]));
      const found = findOutliers(servers, recent, ejectedNow, n);
      expect(ejectedNow + found.length).toBeLessThanOrEqual(Math.max(ejectedNow, Math.floor(n / 2)));
      for (const o of found) expect(failing[servers.indexOf(o.server)]).toBe(true);
    }));
  });
});
