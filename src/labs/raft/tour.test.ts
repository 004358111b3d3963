// Each step of the Raft lab's tour on hand-built frames: when it is done and when not, and what its
// "Do it for me" injects. (Lives here because the lab folder belongs to the lab's integrator.)
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../engine/frame';
import { raftTour } from './tour';
import { partitionCut, server, tourFrame, type ServerOptions } from '../../ui/tour/test-frames';
import type { TourStep } from '../../ui/tour/types';

function step(id: string): TourStep {
  const found = raftTour.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

/** Five servers: `roles` overrides some, the rest are followers of `term`. */
function cluster(term: number, roles: Record<string, ServerOptions> = {}, overrides: Partial<Frame> = {}): Frame {
  const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const nodes = ids.map((id) => server(id, { term, ...roles[id] }));
  const leader = nodes.find((n) => n.up && n.view.role === 'leader')?.id ?? null;
  return tourFrame({ nodes, leader, ...overrides });
}

describe('Raft tour', () => {
  it('has five steps, each with narration and a task', () => {
    expect(raftTour.steps.map((s) => s.id)).toEqual(['election', 'replication', 'kill-leader', 'minority-partition', 'heal']);
    for (const s of raftTour.steps) expect(s.narration.length * s.task.length).toBeGreaterThan(0);
  });

  it('election: done once a leader is up', () => {
    const none = cluster(1, { n3: { role: 'candidate', term: 2 } });
    const elected = cluster(2, { n3: { role: 'leader' } });
    expect(step('election').done(none, none)).toBe(false);
    expect(step('election').done(elected, none)).toBe(true);
    expect(step('election').doneText(elected, none)).toBe('n3 became leader in term 2');
  });

  it('replication: done when a client entry beyond the no-op is committed after the step began', () => {
    const noOp: ServerOptions['log'] = [['no-op', 2, true]];
    const pending: ServerOptions['log'] = [['no-op', 2, true], ['x←1', 2, false]];
    const committed: ServerOptions['log'] = [['no-op', 2, true], ['x←1', 2, true]];
    const start = cluster(2, { n3: { role: 'leader', log: noOp } });
    const hollow = cluster(2, { n3: { role: 'leader', log: pending }, n1: { log: pending } });
    const done = cluster(2, { n3: { role: 'leader', log: committed }, n1: { log: pending } });
    expect(step('replication').done(start, start)).toBe(false);
    expect(step('replication').done(hollow, start)).toBe(false);
    expect(step('replication').done(done, start)).toBe(true);
    expect(step('replication').doneText(done, start)).toBe('x←1 committed at index 2 in term 2');
    // A write committed before the step began does not count again.
    expect(step('replication').done(done, done)).toBe(false);
  });

  it('replication: "Do it" writes the next value to the leader', () => {
    const frame = cluster(2, { n3: { role: 'leader', log: [['no-op', 2, true], ['x←1', 2, true]] } });
    expect(step('replication').doIt?.actions(frame)).toEqual([{ do: 'request', node: 'leader', op: { f: 'write', key: 'x', value: 2 } }]);
  });

  it('kill the leader: done when a different leader wins a higher term', () => {
    const start = cluster(2, { n3: { role: 'leader' } });
    const crashed = cluster(2, { n3: { up: false }, n1: { role: 'candidate', term: 3 } });
    const sameTerm = cluster(2, { n1: { role: 'leader' }, n3: { up: false } });
    const taken = cluster(3, { n1: { role: 'leader' }, n3: { up: false, term: 2 } });
    expect(step('kill-leader').done(start, start)).toBe(false);
    expect(step('kill-leader').done(crashed, start)).toBe(false);
    expect(step('kill-leader').done(sameTerm, start)).toBe(false);
    expect(step('kill-leader').done(taken, start)).toBe(true);
    expect(step('kill-leader').doneText(taken, start)).toBe('n1 took over from n3 in term 3');
    expect(step('kill-leader').doIt?.actions(start)).toEqual([{ do: 'crash', node: 'leader' }]);
  });

  it('minority partition: done when the partition is in force and the majority side has a leader', () => {
    const whole = cluster(3, { n1: { role: 'leader' } });
    const split = partitionCut([['n1', 'n2'], ['n3', 'n4', 'n5']]);
    const justCut = cluster(3, { n1: { role: 'leader' } }, { links: split });
    const elected = cluster(4, { n1: { role: 'leader', term: 3 }, n2: { term: 3 }, n4: { role: 'leader' } }, { links: split, leader: 'n4' });
    expect(step('minority-partition').done(whole, whole)).toBe(false);
    expect(step('minority-partition').done(justCut, whole)).toBe(false);
    expect(step('minority-partition').done(elected, whole)).toBe(true);
    expect(step('minority-partition').doneText(elected, whole)).toBe('n4 leads the majority in term 4; n1, n2 cannot commit');
  });

  it('minority partition: "Do it" restarts the down, cuts the leader and one follower off and writes to the old leader', () => {
    const frame = cluster(3, { n4: { role: 'leader' }, n2: { up: false, term: 2 } });
    expect(step('minority-partition').doIt?.actions(frame)).toEqual([
      { do: 'restart', node: 'n2' },
      { do: 'partition', groups: [['n2', 'n4'], ['n1', 'n3', 'n5']] },
      { do: 'request', node: 'n4', op: { f: 'write', key: 'x', value: 1 } },
    ]);
    const noneDown = cluster(3, { n4: { role: 'leader' } });
    expect(step('minority-partition').doIt?.actions(noneDown)[0]).toEqual({ do: 'partition', groups: [['n1', 'n4'], ['n2', 'n3', 'n5']] });
  });

  it('heal: done when no link is cut and exactly one leader is left', () => {
    const split = partitionCut([['n1', 'n2'], ['n3', 'n4', 'n5']]);
    const partitioned = cluster(4, { n1: { role: 'leader', term: 3 }, n4: { role: 'leader' } }, { links: split, leader: 'n4' });
    const twoLeaders = cluster(4, { n1: { role: 'leader', term: 3 }, n4: { role: 'leader' } }, { leader: 'n4' });
    const one = cluster(4, { n4: { role: 'leader' } });
    expect(step('heal').done(partitioned, partitioned)).toBe(false);
    expect(step('heal').done(twoLeaders, partitioned)).toBe(false);
    expect(step('heal').done(one, partitioned)).toBe(true);
    expect(step('heal').doneText(one, partitioned)).toBe('network whole; n4 is the only leader, in term 4');
    expect(step('heal').doIt?.actions(one)).toEqual([{ do: 'heal' }]);
  });
});
