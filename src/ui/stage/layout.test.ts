// Where the node menu opens.
import { describe, expect, it } from 'vitest';
import { menuPlacement } from './layout';

describe('menuPlacement', () => {
  it('opens below nodes in the upper half and above those in the lower half', () => {
    expect(menuPlacement({ x: 320, y: 100 }, 30).side).toBe('below');
    expect(menuPlacement({ x: 320, y: 540 }, 30).side).toBe('above');
    expect(menuPlacement({ x: 320, y: 100 }, 30).leftPercent).toBeCloseTo(50);
  });

  it('measures against a tall layout’s own size', () => {
    const placement = menuPlacement({ x: 320, y: 600 }, 10, 640, 1400);
    expect(placement.side).toBe('below');
    expect(placement.topPercent).toBeCloseTo(((600 + 36) / 1400) * 100);
  });
});
