// Whole runs under random faults: with MACs and sessions no attack breaks an invariant, leaves a
// value no client wrote or rolls a replica back, and the attacks get rejected (a replayed copy of
// a packet n2 never received, newer than what it holds, is taken: as harmless as a late delivery); each defence switched off lets its
// attack through, caught by its invariant.
import { describe, expect, it } from 'vitest';
import { planScenario, runHeadless } from '../../scenarios/headless';
import { trustVerdict } from './checks';

function run(seed: number, params: Record<string, unknown>, faults: 'random' | 'none' = 'random') {
  const result = runHeadless(planScenario({ lab: 'trust', seed, untilMs: 5000, faults, params }));
  return { seed, violations: result.violations.map((v) => v.invariant), fields: trustVerdict(result.simulation).fields, failed: trustVerdict(result.simulation).failed };
}

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

describe('trust lab under random faults', () => {
  it.each(['tamper', 'replay', 'forge', 'drop', 'none'])('MACs and sessions hold every invariant against %s', (attack) => {
    const runs = SEEDS.map((seed) => run(seed, { attack, auth: 'mac', replayProtection: 'nonce' }));
    expect(runs.filter((r) => r.violations.length > 0 || r.failed).map((r) => r.seed)).toEqual([]);
    expect(runs.filter((r) => r.fields.acceptedTampered !== 0 || r.fields.acceptedForged !== 0 || r.fields.rollbacks !== 0).map((r) => [r.seed, r.fields])).toEqual([]);
    // Random faults can keep n1 or n2 down, or the link cut, for most of a run: most seeds, not all.
    if (attack === 'tamper' || attack === 'forge') expect(runs.filter((r) => (r.fields.rejectedBadTag as number) > 0).length).toBeGreaterThan(SEEDS.length * 0.8);
    if (attack === 'replay') expect(runs.filter((r) => (r.fields.rejectedReplays as number) > 0).length).toBeGreaterThan(SEEDS.length * 0.8);
  }, 60_000);

  it('without MACs a tamperer corrupts n2 in every seed, caught by replicas-match-primary', () => {
    const runs = SEEDS.map((seed) => run(seed, { attack: 'tamper', auth: 'none' }, 'none'));
    expect(runs.every((r) => r.violations.includes('replicas-match-primary'))).toBe(true);
    expect(runs.every((r) => (r.fields.acceptedTampered as number) > 0)).toBe(true);
  }, 60_000);

  it('a MAC without sessions lets a replay roll n2 back, caught by no-rollback; sessions stop it', () => {
    const open = SEEDS.map((seed) => run(seed, { attack: 'replay', auth: 'mac', replayProtection: 'none' }, 'none'));
    expect(open.every((r) => r.violations.includes('no-rollback'))).toBe(true);
    const closed = SEEDS.map((seed) => run(seed, { attack: 'replay', auth: 'mac', replayProtection: 'nonce' }, 'none'));
    expect(closed.flatMap((r) => r.violations)).toEqual([]);
    expect(closed.every((r) => (r.fields.rejectedReplays as number) > 0)).toBe(true);
  }, 60_000);

  it('protection costs bytes: the same run carries more bytes per message with MACs', () => {
    const perMessage = (auth: string) => {
      const r = run(1, { attack: 'none', auth, replayProtection: 'none' }, 'none');
      return (r.fields.bytes as number) / (r.fields.messages as number);
    };
    expect(perMessage('mac') - perMessage('none')).toBeGreaterThan(20);
  });
});
