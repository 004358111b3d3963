// Stage labels and positions as a function of display time (DESIGN §1.7).
import { describe, expect, it } from 'vitest';
import { isLabelled, messageProgress, stageLabel, steppedProgress, STOPPED_AT } from './messages';

describe('stageLabel', () => {
  it('keeps the lab’s short label and cuts long ones to 14 characters', () => {
    expect(stageLabel({ label: 'AE 3' })).toBe('AE 3');
    expect(stageLabel({ label: 'AVeryLongMessageTypeName' })).toHaveLength(14);
    expect(stageLabel({ label: 'AVeryLongMessageTypeName' }).endsWith('…')).toBe(true);
  });
});

describe('messageProgress', () => {
  const base = { sentAtMs: 100, deliverAtMs: 200, fate: 'in-flight' as const };

  it('is the fraction of the trip made by display time', () => {
    expect(messageProgress(base, 100)).toBe(0);
    expect(messageProgress(base, 125)).toBe(0.25);
    expect(messageProgress(base, 200)).toBe(1);
  });

  it('is clamped to the link', () => {
    expect(messageProgress(base, 50)).toBe(0);
    expect(messageProgress(base, 500)).toBe(1);
  });

  it('stops lost and cut messages halfway', () => {
    expect(messageProgress({ ...base, fate: 'cut' }, 190)).toBe(STOPPED_AT);
    expect(messageProgress({ ...base, fate: 'dropped' }, 120)).toBeCloseTo(0.2);
  });

  it('survives a zero-length trip', () => {
    expect(messageProgress({ ...base, deliverAtMs: 100 }, 100)).toBe(1);
  });
});

it('labels messages only away from the crowded ends of a link', () => {
  expect(isLabelled(0)).toBe(false);
  expect(isLabelled(0.5)).toBe(true);
  expect(isLabelled(0.95)).toBe(false);
});

describe('steppedProgress (reduced motion)', () => {
  it('puts a message at its sender until half time, then at its receiver', () => {
    expect(steppedProgress(0, false)).toBe(0);
    expect(steppedProgress(0.49, false)).toBe(0);
    expect(steppedProgress(0.5, false)).toBe(1);
    expect(steppedProgress(0.9, false)).toBe(1);
  });

  it('leaves a lost message at the cut once it gets there', () => {
    expect(steppedProgress(0.3, true)).toBe(0);
    expect(steppedProgress(0.5, true)).toBe(STOPPED_AT);
  });
});
