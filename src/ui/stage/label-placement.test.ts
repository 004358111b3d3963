// Label placement: free spots only, the selected message first and always, nodes kept clear.
import { describe, expect, it } from 'vitest';
import { boxesIntersect, placeLabels, textBox } from './label-placement';
import { remainingFraction, ringDash } from './timer-ring';

describe('placeLabels', () => {
  it('gives crowded labels different spots and leaves off those with none, never overlapping', () => {
    const requests = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, at: { x: 100 + (i % 3) * 4, y: 100 }, text: 'AE ✓' }));
    const placed = placeLabels(requests, 10);
    const boxes = [...placed.values()].map((label) => label.box);
    expect(boxes.length).toBeGreaterThan(1);
    expect(boxes.length).toBeLessThan(12);
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(boxesIntersect(a, b)).toBe(false)));
  });

  it('places the selected message first, and lost messages before the rest', () => {
    const at = { x: 50, y: 50 };
    const placed = placeLabels(
      [
        { id: 1, at, text: 'HB' },
        { id: 2, at, text: '✕ HB', stopped: true },
        { id: 3, at, text: 'vote?', selected: true },
      ],
      10,
    );
    expect(placed.get(3)?.anchor).toBe('start');
    expect(placed.get(3)?.dy).toBeLessThan(0);
    expect(placed.has(2)).toBe(true);
  });

  it('keeps labels off obstacles (nodes), but still labels the selected message', () => {
    const node = { x: 0, y: 0, width: 400, height: 400 };
    expect(placeLabels([{ id: 1, at: { x: 200, y: 200 }, text: 'HB' }], 10, [node]).size).toBe(0);
    expect(placeLabels([{ id: 1, at: { x: 200, y: 200 }, text: 'HB', selected: true }], 10, [node]).size).toBe(1);
  });

  it('estimates a box that grows with the text and the font', () => {
    expect(textBox('AE 12', 10, 0, 0, 'start').width).toBeGreaterThan(textBox('HB', 10, 0, 0, 'start').width);
    expect(textBox('HB', 20, 0, 0, 'start').height).toBeCloseTo(2 * textBox('HB', 10, 0, 0, 'start').height - 3);
    const middle = textBox('HB', 10, 100, 50, 'middle');
    expect(middle.x + middle.width / 2).toBeCloseTo(100);
  });
});

describe('timer ring', () => {
  it('is full when set, empty when due, linear in between and clamped outside', () => {
    const timer = { setAtMs: 1000, dueAtMs: 1200 };
    expect(remainingFraction(timer, 1000)).toBe(1);
    expect(remainingFraction(timer, 1150)).toBeCloseTo(0.25);
    expect(remainingFraction(timer, 1300)).toBe(0);
    expect(remainingFraction(timer, 900)).toBe(1);
    expect(remainingFraction({ setAtMs: 5, dueAtMs: 5 }, 5)).toBe(0);
  });

  it('draws that share of the circle', () => {
    const [drawn, gap] = ringDash(10, 0.5).split(' ').map(Number);
    expect(drawn).toBeCloseTo(Math.PI * 10, 1);
    expect(gap).toBeGreaterThan(drawn);
  });
});
