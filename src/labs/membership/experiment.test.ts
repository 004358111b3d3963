// The `swim` experiment: its row carries the published fields, and the figures are what SWIM's
// structure implies (a first suspicion a period or two after a crash, death a suspicion timeout
// later, every member knowing after that; no false positives without loss).
import { describe, expect, it } from 'vitest';
import { swimExperiment } from './experiment';
import { MEMBERSHIP_DEFAULTS } from './settings';

function rows(flags: Record<string, string>): Record<string, unknown>[] {
  const values: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(swimExperiment.options)) values[key] = option.parse(flags[key] ?? option.default);
  const out: Record<string, unknown>[] = [];
  swimExperiment.run(values, (row) => out.push(row));
  return out;
}

describe('cli experiment swim', () => {
  it('prints the published fields, with figures in the expected ranges', () => {
    const [row] = rows({ members: '16', trials: '30' });
    expect(row).toMatchObject({ members: 16, trials: 30, falsePositives: 0, neverAllKnew: 0 });
    const suspicion = row.meanFirstSuspicionPeriods as number;
    const detection = row.meanFirstDetectionPeriods as number;
    expect(suspicion).toBeGreaterThan(0.5);
    expect(suspicion).toBeLessThan(3);
    const timeout = MEMBERSHIP_DEFAULTS.suspicionMs / MEMBERSHIP_DEFAULTS.periodMs;
    expect(detection).toBeCloseTo(suspicion + timeout, 0);
    expect(row.meanAllKnowPeriods as number).toBeGreaterThan(detection);
    expect(row.messagesPerMemberPerSec as number).toBeLessThan(10);
  }, 60_000);

  it('all-to-all heartbeats cost N − 1 messages per member per period', () => {
    const [row] = rows({ members: '16', trials: '3', detector: 'heartbeat' });
    expect(row.messagesPerMemberPerSec as number).toBeCloseTo((15 * 1000) / MEMBERSHIP_DEFAULTS.periodMs, -1);
  }, 60_000);

  it('refuses a bad flag value', () => {
    expect(() => swimExperiment.options.members.parse('7')).toThrow(/8 to 64/);
    expect(() => swimExperiment.options.loss.parse('0.9')).toThrow(/loss ratio/);
  });
});
