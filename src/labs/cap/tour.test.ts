// Each step of the CAP lab's tour on hand-built frames: its completion read from the lab's checker
// verdicts (labView) and the client history, and what its "Do it for me" injects. (Lives here
// because the lab folder belongs to the lab's integrator.)
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../engine/frame';
import type { HistoryEvent } from '../../engine/types';
import { capTour, capView } from './tour';
import { client, fiveServers, historyEvent, partitionCut, tourFrame } from '../../ui/tour/test-frames';
import type { TourStep } from '../../ui/tour/types';

function step(id: string): TourStep {
  const found = capTour.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

const SPLIT = [['n1', 'n2'], ['n3', 'n4', 'n5']];

interface CapOptions {
  mode?: 'cp' | 'ap';
  linearizable?: true | false | 'unknown';
  windowStartMs?: number;
  converged?: boolean | null;
  partitioned?: boolean;
  history?: HistoryEvent[];
  timeMs?: number;
  faults?: Frame['faults'];
  /** The checker's sentence naming the operations, when it found a violation. */
  sentence?: string;
}

/** Five replicas with clients c1 at n1 (the minority side of SPLIT) and c2 at n4. */
function capFrame(options: CapOptions = {}): Frame {
  const { mode = 'ap', linearizable = true, windowStartMs = 0, converged = null, partitioned = false, history = [], timeMs = 5000, faults = [], sentence } = options;
  return tourFrame({
    lab: 'cap',
    timeMs,
    nodes: [...fiveServers({ role: 'replica' }), client('c1', 'n1'), client('c2', 'n4')],
    links: partitioned ? partitionCut(SPLIT) : [],
    history,
    faults,
    labView: { mode, checks: { linearizable, windowStartMs, converged, explanation: sentence ? { sentence, operations: [3, 7] } : null, sessions: [], divergent: [], availability: { ok: 1, total: 1, windowMs: 5000 }, checkedOps: 1 } },
  });
}

describe('CAP tour', () => {
  it('has four steps, each with narration, a task, a "Do it" and an honest note', () => {
    expect(capTour.steps.map((s) => s.id)).toEqual(['ap-stale-read', 'cp-minority-fails', 'ap-both-sides-write', 'heal-converges']);
    for (const s of capTour.steps) expect([s.narration, s.task, s.note, s.doIt?.label].every(Boolean)).toBe(true);
    expect(capTour.steps[0].narration).toContain('not "pick two');
  });

  it('reads the lab view only when it has a mode', () => {
    expect(capView(tourFrame({ labView: null }))).toBeNull();
    expect(capView(tourFrame({ labView: { mode: 'xx' } }))).toBeNull();
    expect(capView(capFrame({ mode: 'cp' }))?.mode).toBe('cp');
  });

  it('AP stale read: done when AP during a partition is found not linearizable', () => {
    const start = capFrame();
    const s = step('ap-stale-read');
    expect(s.done(capFrame({ partitioned: true }), start)).toBe(false);
    expect(s.done(capFrame({ linearizable: false }), start)).toBe(false);
    expect(s.done(capFrame({ mode: 'cp', linearizable: false, partitioned: true }), start)).toBe(false);
    expect(s.done(capFrame({ linearizable: false, partitioned: true }), start)).toBe(true);
    // Healed already, but the partition happened inside the checked window.
    const healedAfter = capFrame({ linearizable: false, windowStartMs: 1000, faults: [{ seq: 1, timeMs: 2000, kind: 'partition' }] });
    expect(s.done(healedAfter, start)).toBe(true);
  });

  it('AP stale read: tells what the checker found, in its own sentence, not an assumed cause', () => {
    const s = step('ap-stale-read');
    const sentence = 'c2 read 1 after c1 had written 2 (operations 3 and 7)';
    const found = capFrame({ linearizable: false, partitioned: true, sentence });
    expect(s.doneText(found, capFrame())).toBe(`in AP during a partition, the checker found the history not linearizable: ${sentence}`);
    expect(s.doneText(capFrame({ linearizable: false, partitioned: true }), capFrame())).toBe('in AP during a partition, the checker found the history not linearizable');
    // The step names both possible sources of a stale value rather than assuming one.
    expect(s.note).toContain('from the other side of the cut, or from a replica on the same side');
  });

  it('AP stale read: "Do it" switches to AP and cuts a minority off with a client on each side', () => {
    expect(step('ap-stale-read').doIt?.actions(capFrame())).toEqual([
      { do: 'lab', name: 'setMode', mode: 'ap' },
      { do: 'partition', groups: SPLIT },
    ]);
  });

  it('leaves one-shot keyboard clients out when choosing the minority', () => {
    const frame = capFrame();
    const withUser = { ...frame, nodes: [...frame.nodes, client('u3', 'n3', 'user')] };
    expect(step('ap-stale-read').doIt?.actions(withUser)[1]).toEqual({ do: 'partition', groups: SPLIT });
  });

  it('CP: done when a client cut off fails after the step began and the verdict stays linearizable', () => {
    const s = step('cp-minority-fails');
    const start = capFrame({ timeMs: 3000 });
    const minorityFail = [historyEvent('c1', 'invoke', 'write', 3, 3100), historyEvent('c1', 'fail', 'write', 3, 3200)];
    const majorityFail = [historyEvent('c2', 'invoke', 'write', 3, 3100), historyEvent('c2', 'info', 'write', 3, 3200)];
    const earlyFail = [historyEvent('c1', 'invoke', 'write', 3, 2000), historyEvent('c1', 'fail', 'write', 3, 2100)];
    const cp = { mode: 'cp' as const, partitioned: true };
    expect(s.done(capFrame({ ...cp, history: minorityFail }), start)).toBe(true);
    expect(s.doneText(capFrame({ ...cp, history: minorityFail }), start)).toContain('cut off with n1, n2 failed');
    expect(s.done(capFrame({ ...cp, history: majorityFail }), start)).toBe(false);
    expect(s.done(capFrame({ ...cp, history: earlyFail }), start)).toBe(false);
    expect(s.done(capFrame({ ...cp, linearizable: 'unknown', history: minorityFail }), start)).toBe(false);
    expect(s.done(capFrame({ mode: 'ap', partitioned: true, history: minorityFail }), start)).toBe(false);
    expect(s.done(capFrame({ mode: 'cp', history: minorityFail }), start)).toBe(false);
    // Operations before the mode switch belong to the previous window.
    expect(s.done(capFrame({ ...cp, windowStartMs: 3500, history: minorityFail }), start)).toBe(false);
  });

  it('CP: "Do it" heals, switches to CP and partitions again', () => {
    expect(step('cp-minority-fails').doIt?.actions(capFrame({ partitioned: true }))).toEqual([
      { do: 'heal' },
      { do: 'lab', name: 'setMode', mode: 'cp' },
      { do: 'partition', groups: SPLIT },
    ]);
  });

  it('AP both sides: done when clients on both sides of the partition wrote ok since the step began', () => {
    const s = step('ap-both-sides-write');
    const start = capFrame({ timeMs: 1000 });
    const c1 = historyEvent('c1', 'ok', 'write', 1, 1500);
    const c2 = historyEvent('c2', 'ok', 'cas', [1, 2], 1600);
    const read = historyEvent('c2', 'ok', 'read', 1, 1600);
    expect(s.done(capFrame({ partitioned: true, history: [c1, c2] }), start)).toBe(true);
    expect(s.done(capFrame({ partitioned: true, history: [c1, read] }), start)).toBe(false);
    expect(s.done(capFrame({ partitioned: true, history: [c1] }), start)).toBe(false);
    expect(s.done(capFrame({ history: [c1, c2] }), start)).toBe(false);
    expect(s.done(capFrame({ mode: 'cp', partitioned: true, history: [c1, c2] }), start)).toBe(false);
    expect(s.doIt?.actions(capFrame({ partitioned: true }))).toEqual([{ do: 'lab', name: 'setMode', mode: 'ap' }]);
  });

  it('heal: done when the network is whole and the replicas converged', () => {
    const s = step('heal-converges');
    const start = capFrame({ partitioned: true });
    expect(s.done(capFrame({ partitioned: true, converged: true }), start)).toBe(false);
    expect(s.done(capFrame({ converged: null }), start)).toBe(false);
    expect(s.done(capFrame({ converged: false }), start)).toBe(false);
    expect(s.done(capFrame({ converged: true }), start)).toBe(true);
    expect(s.doneText(capFrame({ converged: true }), start)).toBe('healed; all replicas converged in AP');
    expect(s.doIt?.actions(start)).toEqual([{ do: 'heal' }]);
  });
});
