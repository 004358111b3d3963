// End-to-end runs through the in-memory driver: elections, committed writes, crashes, Figure 8,
// and random schedules (reorder, drop, duplicate, crash, restart) under every invariant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../src/engine/types';
import { Cluster, type Envelope } from './cluster';
import { write } from './helpers';

describe('three and five nodes, FIFO delivery', () => {
  it('elects a leader and commits a write on every node', () => {
    const cluster = new Cluster(3);
    cluster.elect('n2');
    expect(cluster.leader()).toBe('n2');
    expect(cluster.notes).toContain('n2 became leader for term 1');
    const requestId = cluster.request('n2', write('x', 3));
    cluster.deliverAll();
    expect(cluster.replies).toEqual([{ to: 'c1', requestId, result: { status: 'ok', value: 3 } }]);
    expect(cluster.state('n2')).toMatchObject({ commitIndex: 2, machine: { x: 3 } });
    cluster.fire('n2', 'heartbeat'); // followers learn the new commit index
    cluster.deliverAll();
    for (const id of ['n1', 'n3']) expect(cluster.state(id)).toMatchObject({ commitIndex: 2, lastApplied: 2, machine: { x: 3 }, leaderId: 'n2' });
    expect(cluster.violations).toEqual([]);
  });

  it('re-elects after the leader crashes and keeps every committed write', () => {
    const cluster = new Cluster(5);
    cluster.elect('n1');
    cluster.request('n1', write('x', 1));
    cluster.deliverAll();
    cluster.crash('n1');
    cluster.elect('n4');
    expect(cluster.leader()).toBe('n4');
    expect(cluster.state('n4').currentTerm).toBe(2);
    cluster.request('n4', { f: 'read', key: 'x' });
    cluster.deliverAll();
    expect(cluster.replies.at(-1)?.result).toEqual({ status: 'ok', value: 1 });
    cluster.restart('n1');
    cluster.fire('n4', 'heartbeat');
    cluster.deliverAll();
    expect(cluster.state('n1')).toMatchObject({ role: 'follower', currentTerm: 2, machine: { x: 1 }, leaderId: 'n4' });
    expect(cluster.state('n1').log).toEqual(cluster.state('n4').log);
    expect(cluster.violations).toEqual([]);
  });

  it('a partitioned old leader is deposed and its uncommitted entry replaced', () => {
    const cluster = new Cluster(3);
    cluster.elect('n1');
    cluster.request('n1', write('x', 1));
    cluster.queue = []; // the append is lost: n1 is cut off
    cluster.elect('n2');
    cluster.request('n2', write('x', 2));
    cluster.deliverAll();
    cluster.fire('n2', 'heartbeat');
    cluster.deliverAll();
    expect(cluster.state('n1')).toMatchObject({ role: 'follower', currentTerm: 2, machine: { x: 2 } });
    expect(cluster.replies.map((reply) => reply.result.status).sort()).toEqual(['fail', 'ok']);
    expect(cluster.notes.some((text) => text.startsWith('n1 dropped entries'))).toBe(true);
    expect(cluster.violations).toEqual([]);
  });
});

describe('Raft Figure 8 through the driver', () => {
  it('an old-term entry on a majority is not committed, and may then be overwritten', () => {
    const cluster = new Cluster(5, { maxEntriesPerAppend: 2 });
    const isVote = (envelope: Envelope) => envelope.message.type.startsWith('RequestVote');
    const between = (envelope: Envelope, a: string, b: string) =>
      (envelope.from === a && envelope.to === b) || (envelope.from === b && envelope.to === a);
    const termOf = (id: string, index: number) => cluster.state(id).log[index - 1]?.term;
    cluster.elect('n2'); // term 1: its no-op (index 1) commits everywhere
    cluster.fire('n2', 'heartbeat');
    cluster.deliverAll();
    // (a) n1 leads term 2; its no-op (2) and x←2 (3) reach n2 only.
    cluster.fire('n1', 'election');
    cluster.deliverOnly((envelope) => isVote(envelope) || between(envelope, 'n1', 'n2'));
    cluster.request('n1', write('x', 2));
    cluster.deliverOnly((envelope) => between(envelope, 'n1', 'n2'));
    expect([termOf('n1', 3), termOf('n2', 3), termOf('n3', 3)]).toEqual([2, 2, undefined]);
    // (b) n1 crashes; n5 leads term 3 with votes of n3 and n4; its entries reach nobody.
    cluster.crash('n1');
    cluster.fire('n5', 'election');
    cluster.deliverOnly(isVote);
    expect(cluster.leader()).toBe('n5');
    cluster.request('n5', write('x', 3));
    cluster.queue = [];
    cluster.crash('n5');
    // (c) n1 restarts and leads term 4 (term 3 is taken by n5's voters). n2 gets its term-4 no-op;
    // n3 gets index 3 (term 2) but not the no-op. So n1 knows index 3 is on a majority (n1, n2,
    // n3) while index 4 is not, and it must not commit index 3 by counting.
    cluster.restart('n1');
    cluster.fire('n1', 'election');
    cluster.deliverOnly(isVote);
    cluster.fire('n1', 'election');
    const carriesTerm4 = (envelope: Envelope) => ((envelope.message.entries ?? []) as { term: number }[]).some((entry) => entry.term === 4);
    // n3 rejects the first probe (prev 3), takes 2–3 on the retry; later term-4 entries are lost
    const toN3 = (envelope: Envelope) => between(envelope, 'n1', 'n3') && !(carriesTerm4(envelope) && termOf('n3', 3) === 2);
    cluster.deliverOnly((envelope) => isVote(envelope) || between(envelope, 'n1', 'n2') || toN3(envelope));
    expect(cluster.leader()).toBe('n1');
    expect(cluster.state('n1').currentTerm).toBe(4);
    expect([termOf('n1', 3), termOf('n2', 3), termOf('n3', 3)]).toEqual([2, 2, 2]);
    expect(cluster.state('n1').matchIndex).toMatchObject({ n2: 4, n3: 3 });
    // not committed by counting (n1's volatile commitIndex restarted from 0)
    expect(cluster.state('n1').commitIndex).toBe(0);
    // (d) n1 crashes; n5 restarts and wins term 5 (its last term 3 beats 2), overwriting index 3.
    cluster.crash('n1');
    cluster.queue = [];
    cluster.restart('n5');
    cluster.fire('n5', 'election');
    cluster.deliverAll();
    cluster.fire('n5', 'election');
    cluster.deliverAll();
    cluster.fire('n5', 'heartbeat');
    cluster.deliverAll();
    expect(cluster.leader()).toBe('n5');
    expect(cluster.state('n5').currentTerm).toBe(5);
    for (const id of ['n2', 'n3', 'n4', 'n5']) expect(termOf(id, 3)).toBe(3);
    expect(cluster.state('n2').machine).toEqual({ x: 3 });
    expect(cluster.violations).toEqual([]);
  });
});

type Step =
  | { kind: 'deliver'; pick: number }
  | { kind: 'reorder'; pick: number }
  | { kind: 'drop'; pick: number }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'election'; node: number }
  | { kind: 'heartbeat'; node: number }
  | { kind: 'request'; node: number; toLeader: boolean; value: number; f: 'write' | 'read' | 'cas' }
  | { kind: 'crash'; node: number }
  | { kind: 'restart'; node: number };

const pick = fc.nat(50);
const node = fc.nat(4);
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 24, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reorder' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('election' as const), node }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), node }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('request' as const), node, toLeader: fc.boolean(), value: fc.nat(3), f: fc.constantFrom('write' as const, 'read' as const, 'cas' as const) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), node }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), node }) },
);

let uniqueValue = 0;

function runStep(cluster: Cluster, step: Step): void {
  const id = 'node' in step ? `n${(step.node % cluster.size) + 1}` : '';
  const length = cluster.queue.length;
  if (step.kind === 'deliver' && length > 0) cluster.deliver(step.pick % Math.min(3, length)); // nearly FIFO
  else if (step.kind === 'reorder' && length > 0) cluster.deliver(step.pick % length);
  else if (step.kind === 'drop' && length > 0) cluster.queue.splice(step.pick % length, 1);
  else if (step.kind === 'duplicate' && length > 0) cluster.queue.push(structuredClone(cluster.queue[step.pick % length]));
  else if (step.kind === 'election') cluster.fire(id, 'election');
  else if (step.kind === 'heartbeat') cluster.fire(id, 'heartbeat');
  else if (step.kind === 'crash') cluster.crash(id);
  else if (step.kind === 'restart') cluster.restart(id);
  else if (step.kind === 'request') {
    const value = `w${uniqueValue - 1 - step.value}`; // one of the last few writes
    const op: Operation =
      step.f === 'write' ? write('x', `w${uniqueValue++}`) : step.f === 'read' ? { f: 'read', key: 'x' } : { f: 'cas', key: 'x', value: [value, `w${uniqueValue++}`] };
    cluster.request(step.toLeader ? (cluster.leader() ?? id) : id, op);
  }
}

/** After the chaos: everyone up, FIFO delivery, elections until a leader of the highest term, then
 * a write and a heartbeat. */
function settle(cluster: Cluster): string {
  for (const node of cluster.nodes) cluster.restart(node.id);
  cluster.queue = [];
  const settled = () => {
    const leader = cluster.leader();
    const maxTerm = Math.max(...cluster.nodes.map((node) => cluster.state(node.id).currentTerm));
    return leader !== null && cluster.state(leader).currentTerm === maxTerm ? leader : null;
  };
  for (let attempt = 0; attempt < 2 * cluster.size && settled() === null; attempt++) cluster.elect(`n${(attempt % cluster.size) + 1}`);
  const winner = settled();
  if (winner === null) throw new Error('no leader after settling');
  cluster.request(winner, write('final', 1));
  cluster.deliverAll();
  cluster.fire(winner, 'heartbeat');
  cluster.deliverAll();
  return winner;
}

describe('random schedules keep every invariant', () => {
  it.each([3, 5])('%i nodes', (size) => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 100, maxLength: 400 }), (steps) => {
        const cluster = new Cluster(size, { maxEntriesPerAppend: 3 });
        for (const step of steps) runStep(cluster, step);
        expect(cluster.violations).toEqual([]);
        const winner = settle(cluster);
        expect(cluster.violations).toEqual([]);
        const finalState = cluster.state(winner);
        expect((finalState.machine as Record<string, unknown>).final).toBe(1);
        for (const node of cluster.nodes) {
          expect(cluster.state(node.id).log).toEqual(finalState.log);
          expect(cluster.state(node.id).machine).toEqual(finalState.machine);
        }
        // an acknowledged write is in the final log; a failed one certainly is not
        const finalWrites = new Set(finalState.log.flatMap((entry) => ((entry.command as Operation | null)?.f === 'write' ? [(entry.command as Operation).value] : [])));
        for (const reply of cluster.replies) {
          const op = cluster.requests.get(reply.requestId);
          if (op?.f !== 'write') continue;
          if (reply.result.status === 'ok') expect(finalWrites.has(op.value)).toBe(true);
          if (reply.result.status === 'fail') expect(finalWrites.has(op.value)).toBe(false);
        }
      }),
      { numRuns: 200, seed: 20240601 },
    );
  });
});
