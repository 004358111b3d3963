// What a bug hunt can find per lab: invariants after every event, else run checks, else nothing
// (the CLI refuses such a lab and the page's dialog says so).
import { describe, expect, it } from 'vitest';
import { huntChecks } from '../../../src/hunt/hunt-checks';
import { LABS, labById } from '../../../src/labs/registry';

describe('huntChecks', () => {
  it('every lab gives a hunt something to find: its invariants, or its run checks when it has none', () => {
    for (const lab of LABS) {
      const checks = huntChecks(lab);
      expect(checks, lab.id).not.toBeNull();
      expect(checks!.when).toBe(lab.system.invariants.length > 0 ? 'event' : 'run');
      expect(checks!.names.length).toBeGreaterThan(0);
    }
    expect(huntChecks(labById('messaging'))).toMatchObject({ when: 'run', names: ['effect-applied-twice', 'message-lost'] });
    for (const check of huntChecks(labById('raft'))!.checks) expect(check.description.length, check.name).toBeGreaterThan(20);
  });

  it('a lab with neither has nothing to find', () => {
    expect(huntChecks({ ...labById('caching'), runChecks: undefined })).toBeNull();
    expect(huntChecks({ ...labById('caching'), runChecks: { checks: [], everyMs: 50, find: () => [] } })).toBeNull();
  });
});
