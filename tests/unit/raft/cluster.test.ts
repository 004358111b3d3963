// End-to-end runs through the in-memory driver: elections, committed writes, crashes, Figure 8,
// and random schedules (reorder, drop, duplicate, crash, restart) under every invariant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster';
import { write } from './helpers';

describe('three and five nodes, FIFO delivery', () => {
  it('elects a leader and commits a write on every node', () => {
    const cluster = new Cluster(3);
    cluster.elect('n2');
    expect(cluster.leader()).toBe('n2');
    expect(cluster.notes).toContain('n2 became leader for term 1');
    const requestId = cluster.request('n2', write('x', 3));
    cluster.deliverAll();
    expect(cluster.replies).toEqual([{ kind: 'reply', to: 'c1', requestId, result: { status: 'ok', value: 3 } }]);
    expect(cluster.state('n2')).toMatchObject({ commitIndex: 2, kv: { x: 3 } });
    cluster.fire('n2', 'heartbeat'); // followers learn the new commit index
    cluster.deliverAll();
    for (const id of ['n1', 'n3']) expect(cluster.state(id)).toMatchObject({ commitIndex: 2, lastApplied: 2, kv: { x: 3 }, leaderId: 'n2' });
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
    expect(cluster.state('n1')).toMatchObject({ role: 'follower', currentTerm: 2, kv: { x: 1 }, leaderId: 'n4' });
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
    expect(cluster.state('n1')).toMatchObject({ role: 'follower', currentTerm: 2, kv: { x: 2 } });
    expect(cluster.replies.map((reply) => reply.result.status).sort()).toEqual(['fail', 'ok']);
    expect(cluster.notes.some((text) => text.startsWith('n1 dropped entries'))).toBe(true);
    expect(cluster.violations).toEqual([]);
  });
});

describe('Raft Figure 8 through the driver', () => {
  it('an old-term entry on a majority is not committed, and may then be overwritten', () => {
    const cluster = new Cluster(5);
    const keepOnly = (allowed: (from: string, to: string) => boolean) => {
      while (cluster.queue.length > 0) {
        const envelope = cluster.queue[0];
        if (allowed(envelope.from, envelope.to)) cluster.deliver();
        else cluster.queue.shift();
      }
    };
    cluster.elect('n1'); // term 1, no-op committed everywhere
    cluster.fire('n1', 'heartbeat');
    cluster.deliverAll();
    // (a) n1 leads term 2 and replicates its entry to n2 only.
    cluster.fire('n1', 'election');
    keepOnly((from, to) => from === 'n1' || to === 'n1');
    cluster.request('n1', write('x', 2));
    keepOnly((from, to) => (from === 'n1' && to === 'n2') || (from === 'n2' && to === 'n1'));
    // (b) n1 crashes; n5 leads term 3 with n3 and n4, its entries reach nobody.
    cluster.crash('n1');
    cluster.fire('n5', 'election');
    keepOnly((from, to) => from === 'n3' || from === 'n4' || to === 'n3' || to === 'n4');
    expect(cluster.leader()).toBe('n5');
    cluster.request('n5', write('x', 3));
    cluster.queue = [];
    cluster.crash('n5');
    // (c) n1 restarts, leads term 4 and copies the term-2 entry to n3: a majority holds it.
    cluster.restart('n1');
    cluster.fire('n1', 'election');
    keepOnly((from, to) => ['n1', 'n2', 'n3', 'n4'].includes(from) && ['n1', 'n2', 'n3', 'n4'].includes(to) && (from === 'n1' || to === 'n1') && !(to === 'n1' && from !== 'n1' && cluster.queue[0].message.type === 'AppendEntriesReply'));
    expect(cluster.leader()).toBe('n1');
    expect(cluster.state('n1').currentTerm).toBe(4);
    const index = 3; // no-op of term 1 at 1, no-op of term 2 at 2, x←2 of term 2 at 3
    for (const id of ['n1', 'n2', 'n3']) expect(cluster.state(id).log[index - 1].term).toBe(2);
    expect(cluster.state('n1').commitIndex).toBeLessThan(index);
    // (d) n1 crashes; n5 restarts and wins term 5 (its last term 3 beats 2) and overwrites index 3.
    cluster.crash('n1');
    cluster.queue = [];
    cluster.restart('n5');
    cluster.fire('n5', 'election');
    cluster.deliverAll();
    cluster.fire('n5', 'heartbeat');
    cluster.deliverAll();
    expect(cluster.leader()).toBe('n5');
    for (const id of ['n2', 'n3', 'n4', 'n5']) expect(cluster.state(id).log[index - 1].term).toBe(3);
    expect(cluster.violations).toEqual([]);
  });
});

type Step =
  | { kind: 'deliver'; pick: number }
  | { kind: 'drop'; pick: number }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'election'; node: number }
  | { kind: 'heartbeat'; node: number }
  | { kind: 'request'; node: number; value: number; f: 'write' | 'read' | 'cas' }
  | { kind: 'crash'; node: number }
  | { kind: 'restart'; node: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('election' as const), node: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), node: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('request' as const), node: fc.nat(4), value: fc.nat(9), f: fc.constantFrom('write' as const, 'read' as const, 'cas' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), node: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restart' as const), node: fc.nat(4) }) },
);

function runStep(cluster: Cluster, step: Step): void {
  const id = 'node' in step ? `n${(step.node % cluster.size) + 1}` : '';
  const pick = 'pick' in step && cluster.queue.length > 0 ? step.pick % cluster.queue.length : -1;
  if (step.kind === 'deliver' && pick >= 0) cluster.deliver(pick);
  else if (step.kind === 'drop' && pick >= 0) cluster.queue.splice(pick, 1);
  else if (step.kind === 'duplicate' && pick >= 0) cluster.queue.push(structuredClone(cluster.queue[pick]));
  else if (step.kind === 'election') cluster.fire(id, 'election');
  else if (step.kind === 'heartbeat') cluster.fire(id, 'heartbeat');
  else if (step.kind === 'crash') cluster.crash(id);
  else if (step.kind === 'restart') cluster.restart(id);
  else if (step.kind === 'request') {
    const op = step.f === 'write' ? write('x', step.value) : step.f === 'read' ? { f: 'read' as const, key: 'x' } : { f: 'cas' as const, key: 'x', value: [step.value, step.value + 1] };
    cluster.request(id, op);
  }
}

/** After the chaos: everyone up, FIFO delivery, one election, one write, heartbeats. */
function settle(cluster: Cluster): string {
  for (const node of cluster.nodes) cluster.restart(node.id);
  cluster.queue = [];
  let leader = 'n1';
  for (const node of cluster.nodes) if (cluster.state(node.id).log.length > cluster.state(leader).log.length) leader = node.id;
  // the longest log with the highest last term wins; try candidates until one is elected
  for (let attempt = 0; attempt < cluster.size && cluster.leader() === null; attempt++) cluster.elect(`n${((Number(leader.slice(1)) - 1 + attempt) % cluster.size) + 1}`);
  const winner = cluster.leader();
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
      fc.property(fc.array(stepArbitrary, { maxLength: 300 }), (steps) => {
        const cluster = new Cluster(size, { maxEntriesPerAppend: 3 });
        for (const step of steps) runStep(cluster, step);
        expect(cluster.violations).toEqual([]);
        const winner = settle(cluster);
        expect(cluster.violations).toEqual([]);
        const finalState = cluster.state(winner);
        expect(finalState.kv.final).toBe(1);
        for (const node of cluster.nodes) {
          expect(cluster.state(node.id).log).toEqual(finalState.log);
          expect(cluster.state(node.id).kv).toEqual(finalState.kv);
        }
        // every acknowledged write is in the final committed log
        const committedOps = finalState.log.map((entry) => JSON.stringify(entry.op));
        for (const reply of cluster.replies) expect(['ok', 'fail', 'redirect']).toContain(reply.result.status);
        expect(committedOps.length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });
});
