// The replication lab's lessons as scripted runs: async loses an acknowledged write at failover
// and semi-sync/sync do not; sync stalls with a follower cut off; reads from followers break
// session guarantees; without fencing an isolated primary and its successor both accept writes.
import { describe, expect, it } from 'vitest';
import { findLostWrites } from '../../protocols/primary-backup';
import { lostWrites, replicationProjection } from './checks';
import { isolate, notes, runReplication, serverStates, userWrite } from './test-runs';

const ISOLATE_N1 = isolate('n1', ['n2', 'n3'], 1000);
const WRITE_AT_N1 = userWrite('n1', 1000);

describe('failover after the primary is cut off', () => {
  it('async: the primary acknowledges a write no follower has, and the new primary lacks it', () => {
    const run = runReplication({ mode: 'async' }, [ISOLATE_N1, WRITE_AT_N1], 2500);
    const userWrites = run.simulation.world.history.filter((e) => e.client === 'u1' && e.type !== 'invoke');
    expect(userWrites.map((e) => [e.type, e.node])).toEqual([['ok', 'n1']]);
    expect(notes(run, 'promoted').map((n) => n.node)).not.toContain('n1');
    const found = findLostWrites(run.simulation.world.history, serverStates(run));
    expect(found.authority).not.toBe('n1');
    expect(found.authorityIsPrimary).toBe(true);
    expect(found.lost.map((w) => w.value)).toContain(userWrites[0].value);
  });

  it('async: healed, the old primary is fenced and drops the write it acknowledged', () => {
    const run = runReplication({ mode: 'async' }, [ISOLATE_N1, WRITE_AT_N1, { at: 2500, do: 'heal' }], 3500);
    expect(notes(run, 'lease-expired').map((n) => n.node)).toContain('n1');
    expect(notes(run, 'fenced').map((n) => n.node)).toContain('n1');
    expect(notes(run, 'truncated').map((n) => n.node)).toContain('n1');
    expect(lostWrites(run.simulation).lost.length).toBeGreaterThan(0);
    expect(run.violations).toEqual([]);
  });

  it.each(['semi-sync', 'sync'])('%s: the write waits for a follower, times out, and nothing acknowledged is lost', (mode) => {
    const run = runReplication({ mode }, [ISOLATE_N1, WRITE_AT_N1, { at: 2500, do: 'heal' }], 3500);
    const outcome = run.simulation.world.history.filter((e) => e.client === 'u1' && e.type !== 'invoke');
    expect(outcome.map((e) => e.type)).toEqual(['info']);
    expect(notes(run, 'promoted').length).toBeGreaterThan(0);
    expect(lostWrites(run.simulation).lost).toEqual([]);
  });
});

describe('sync replication with one follower cut off', () => {
  it('stalls writes at the primary until the link heals, while reads go on', () => {
    const run = runReplication({ mode: 'sync' }, [{ at: 1000, do: 'cut', from: 'n1', to: 'n3' }, { at: 3000, do: 'heal' }], 5000);
    const history = run.simulation.world.history;
    const completions = history.filter((e) => e.type !== 'invoke');
    const during = completions.filter((e) => (e.time ?? 0) > 1100 && (e.time ?? 0) < 3000);
    expect(during.some((e) => e.f === 'write' && e.type === 'ok')).toBe(false);
    expect(during.some((e) => e.f === 'write' && e.type === 'info')).toBe(true);
    expect(during.some((e) => e.f === 'read' && e.type === 'ok')).toBe(true);
    expect(completions.some((e) => e.f === 'write' && e.type === 'ok' && (e.time ?? 0) > 3000)).toBe(true);
    const view = replicationProjection()(run.simulation);
    expect(view.mode).toBe('sync');
  });

  it('async under the same cut keeps acknowledging writes', () => {
    const run = runReplication({ mode: 'async' }, [{ at: 1000, do: 'cut', from: 'n1', to: 'n3' }], 3000);
    const oks = run.simulation.world.history.filter((e) => e.f === 'write' && e.type === 'ok' && (e.time ?? 0) > 1100);
    expect(oks.length).toBeGreaterThan(3);
    // …and the cut follower's lag grows in entries and ms.
    const lag = replicationProjection()(run.simulation).lag.find((l) => l.node === 'n3')!;
    expect(lag.missingEntries).toBeGreaterThan(3);
    expect(lag.lagMs).toBeGreaterThan(1000);
  });
});

describe('reads from followers', () => {
  it('break read-your-writes or monotonic reads in some runs, and never with reads at the primary', () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const withFollowers = seeds.map((seed) => replicationProjection()(runReplication({ reads: 'followers' }, [], 6000, seed).simulation).sessions);
    expect(withFollowers.some((s) => s.count > 0)).toBe(true);
    expect(withFollowers.flatMap((s) => s.recent.map((v) => v.guarantee)).some((g) => /read-your-writes|monotonic-reads/.test(g))).toBe(true);
    const atPrimary = seeds.map((seed) => replicationProjection()(runReplication({ reads: 'primary' }, [], 6000, seed).simulation).sessions.count);
    expect(atPrimary.every((count) => count === 0)).toBe(true);
  });
});

describe('fencing', () => {
  it('off: the isolated old primary and the new one both acknowledge writes (split brain)', () => {
    const run = runReplication({ fencing: false }, [ISOLATE_N1], 5000);
    expect(run.violations.map((v) => v.invariant)).toEqual(['no-split-brain']);
    expect(replicationProjection()(run.simulation).splitBrain.writes).toBeGreaterThan(0);
  });

  it('on: the isolated primary stops at its lease; no split brain', () => {
    const run = runReplication({ fencing: true }, [ISOLATE_N1, { at: 3000, do: 'heal' }], 4000);
    expect(run.violations).toEqual([]);
    expect(notes(run, 'lease-expired').map((n) => n.node)).toContain('n1');
    expect(replicationProjection()(run.simulation).splitBrain.writes).toBe(0);
  });

  it('switched off live, an old primary restarted after a failover keeps accepting writes', () => {
    const actions = [{ at: 500, do: 'lab' as const, name: 'setFencing', on: false }, { at: 1000, do: 'crash' as const, node: 'n1' }, { at: 2000, do: 'restart' as const, node: 'n1' }];
    const run = runReplication({}, actions, 4000);
    expect(run.violations.map((v) => v.invariant)).toEqual(['no-split-brain']);
  });
});

describe('manual failover', () => {
  it('promote picks the most up-to-date follower once the old primary is gone', () => {
    const run = runReplication({ failover: 'manual' }, [{ at: 1000, do: 'crash', node: 'n1' }, { at: 1100, do: 'lab', name: 'promote' }], 2500);
    const promoted = notes(run, 'promoted');
    expect(promoted).toHaveLength(1);
    // Nobody stands on their own in manual mode: the operator's choice is the only candidate.
    expect(notes(run, 'stood')).toEqual([]);
    const states = serverStates(run);
    const winner = states.find((s) => s.id === promoted[0].node)!.state!;
    for (const other of states) if (other.state && other.id !== winner.primaryId) expect(winner.log.length).toBeGreaterThanOrEqual(other.state.log.length);
  });

  it('with fencing, promoting a follower beside a live primary fences the old one and waits out its lease', () => {
    const run = runReplication({ failover: 'manual' }, [{ at: 1000, do: 'lab', name: 'promote', node: 'n2' }], 2500);
    const [fenced] = notes(run, 'fenced');
    const [promoted] = notes(run, 'promoted');
    expect([fenced.node, promoted.node]).toEqual(['n1', 'n2']);
    // n2 last heard n1 just before 1000 and promised it a 200 ms lease: its own vote waits for it.
    expect(promoted.timeMs).toBeGreaterThanOrEqual(1150);
    expect(run.violations).toEqual([]);
  });

  it('without fencing, the same promotion makes a second primary at once', () => {
    const run = runReplication({ failover: 'manual', fencing: false }, [{ at: 1000, do: 'lab', name: 'promote', node: 'n2' }], 2500);
    expect(notes(run, 'promoted').map((n) => n.node)).toEqual(['n2']);
    expect(run.violations.map((v) => v.invariant)).toEqual(['no-split-brain']);
  });
});
