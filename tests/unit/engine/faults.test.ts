// Faults and user actions through the simulation: crash and restart, pause and resume, timeout,
// "leader" resolved at run time, the in-flight limit, network changes mid-run, cuts in flight.
import { describe, expect, it } from 'vitest';
import { inFlightMessages } from '../../../src/engine/in-flight';
import type { TimedAction } from '../../../src/engine/actions';
import type { TraceEvent } from '../../../src/engine/frame';
import { Simulation } from '../../../src/engine/simulation';
import { recentEvents } from '../../../src/engine/trace';
import type { WorldConfig } from '../../../src/engine/world';
import { labById } from '../../../src/labs/registry';
import type { RaftState } from '../../../src/protocols/raft';
import { defaultScenario, toWorldConfig } from '../../../src/scenarios/catalog';
import { pingConfig as basePingConfig, pingSystem, type PingState } from './ping-protocol';

const BIG_TRACE = { traceEvents: 500_000 };

const raftSystem = labById('raft').system;

/** The Raft lab's five servers with the v1 defaults (electionTimeoutMs 150–300, heartbeat 50, latency 10–30). */
function raftConfig(seed = 7, overrides: Partial<WorldConfig> = {}): WorldConfig {
  const { workload: _traffic, ...quiet } = defaultScenario('raft', seed, 5);
  const config = toWorldConfig({ ...quiet, params: labById('raft').frozen[1].params });
  expect(config.params).toEqual({ electionTimeoutMs: [150, 300], heartbeatMs: 50 });
  expect(config.network).toEqual({ latencyMs: [10, 30], drop: 0, duplicate: 0 });
  return { ...config, limits: BIG_TRACE, ...overrides };
}

function pingConfig(overrides: Partial<WorldConfig> = {}): WorldConfig {
  return basePingConfig({ limits: BIG_TRACE, ...overrides });
}

function runRaft(actions: TimedAction[], untilMs: number, seed = 7): Simulation {
  const sim = Simulation.create(raftSystem, raftConfig(seed), actions);
  sim.runUntil(untilMs, Infinity, false);
  return sim;
}

function runPing(actions: TimedAction[], untilMs: number, overrides: Partial<WorldConfig> = {}): Simulation {
  const sim = Simulation.create(pingSystem, pingConfig(overrides), actions);
  sim.runUntil(untilMs, Infinity, false);
  return sim;
}

const events = (sim: Simulation): TraceEvent[] => recentEvents(sim.world.trace);
const raftState = (sim: Simulation, id: string) => sim.world.nodes[id].state as RaftState;
const notes = (sim: Simulation, tag: string) => events(sim).filter((e) => e.kind === 'note' && e.tag === tag);

/** Seed 7's cluster: n3 wins the first election and still leads at 1000 ms. */
const SEED7_LEADER_AT_1000 = 'n3';

const writes: TimedAction[] = [
  { at: 400, do: 'request', node: 'leader', op: { f: 'write', key: 'x', value: 1 } },
  { at: 500, do: 'request', node: 'leader', op: { f: 'write', key: 'y', value: 2 } },
];

describe('crash and restart', () => {
  it('precondition: with seed 7, n3 leads at 1000 ms and the writes are committed everywhere', () => {
    const sim = runRaft(writes, 1000);
    expect(sim.currentLeader()).toBe(SEED7_LEADER_AT_1000);
    expect(raftState(sim, 'n1').log.length).toBeGreaterThanOrEqual(2);
    expect(raftState(sim, 'n1').commitIndex).toBeGreaterThanOrEqual(2);
  });

  it('a crash takes the node down; restart recovers currentTerm, votedFor and the log but not volatile state', () => {
    const before = raftState(runRaft(writes, 1000), 'n1');
    const sim = Simulation.create(raftSystem, raftConfig(), [...writes, { at: 1000, do: 'crash', node: 'n1' }, { at: 1500, do: 'restart', node: 'n1' }]);
    sim.runUntil(1000, Infinity, false);
    expect(sim.world.nodes.n1.up).toBe(false);
    sim.runUntil(1500, Infinity, false);
    expect(sim.world.nodes.n1.up).toBe(true);
    const after = raftState(sim, 'n1');
    expect(after.currentTerm).toBe(before.currentTerm);
    expect(after.votedFor).toBe(before.votedFor);
    expect(after.log).toEqual(before.log);
    // Volatile state (Raft Figure 2) is gone: it must be relearned from the leader.
    expect(before.commitIndex).toBeGreaterThan(0);
    expect(before.machine).not.toEqual({});
    expect(after.commitIndex).toBe(0);
    expect(after.lastApplied).toBe(0);
    expect(after.machine).toEqual({});
    expect(after.role).toBe('follower');
    expect(after.leaderId).toBeNull();
  });

  it('a crashed node handles nothing: no timers fire, messages to it are dropped', () => {
    const sim = runRaft([{ at: 1000, do: 'crash', node: 'n1' }], 3000);
    const later = events(sim).filter((e) => e.timeMs > 1000);
    expect(later.filter((e) => e.kind === 'timer' && e.node === 'n1')).toEqual([]);
    expect(later.filter((e) => e.kind === 'note' && e.node === 'n1')).toEqual([]);
    expect(later.filter((e) => e.kind === 'deliver' && e.to === 'n1')).toEqual([]);
    expect(later.filter((e) => e.kind === 'send' && e.from === 'n1')).toEqual([]);
    expect(later.some((e) => e.kind === 'drop' && e.to === 'n1' && e.tag === 'node-down')).toBe(true);
  });

  it('a crashed follower never starts an election, however long it stays down', () => {
    const sim = runRaft([{ at: 1000, do: 'crash', node: 'n1' }], 5000);
    expect(notes(sim, 'became-candidate').filter((e) => e.node === 'n1' && e.timeMs > 1000)).toEqual([]);
  });

  it('timers set before a crash stay dead after the restart (only the new timer chain runs)', () => {
    // The ping protocol ticks every 20–60 ms. Two live chains would show ticks closer than 20 ms.
    const sim = runPing([{ at: 300, do: 'crash', node: 'n2' }, { at: 310, do: 'restart', node: 'n2' }], 3000);
    const ticks = events(sim).filter((e) => e.kind === 'timer' && e.node === 'n2' && e.timeMs >= 310).map((e) => e.timeMs);
    expect(ticks.length).toBeGreaterThan(20);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i] - ticks[i - 1]).toBeGreaterThanOrEqual(20);
    expect((sim.world.nodes.n2.state as PingState).restarts).toBe(1);
  });

  it('crashing a node that is down, or restarting one that is up, changes nothing and says so', () => {
    const sim = runPing([
      { at: 100, do: 'restart', node: 'n1' },
      { at: 200, do: 'crash', node: 'n2' },
      { at: 300, do: 'crash', node: 'n2' },
    ], 400);
    const controls = events(sim).filter((e) => e.kind === 'control').map((e) => [e.timeMs, e.node]);
    expect(controls).toEqual([[100, 'n1'], [300, 'n2']]);
    expect(events(sim).filter((e) => e.kind === 'crash')).toHaveLength(1);
    expect(events(sim).filter((e) => e.kind === 'restart')).toEqual([]);
    expect((sim.world.nodes.n1.state as PingState).restarts).toBe(0);
  });

  it('a crash during a pause loses the messages held for the paused node', () => {
    const sim = runPing([
      { at: 100, do: 'pause', node: 'n3', durationMs: 1000 },
      { at: 500, do: 'crash', node: 'n3' },
      { at: 600, do: 'restart', node: 'n3' },
    ], 2000);
    expect(events(sim).filter((e) => e.kind === 'deliver' && e.tag === 'late')).toEqual([]);
    expect(sim.world.nodes.n3.pausedUntilMs).toBeNull();
    // n3 runs normally after the restart.
    expect(events(sim).some((e) => e.kind === 'deliver' && e.to === 'n3' && e.timeMs > 600)).toBe(true);
  });
});

describe('pause and resume', () => {
  const pause: TimedAction[] = [{ at: 100, do: 'pause', node: 'n3', durationMs: 500 }];

  it('a paused node handles nothing until it resumes', () => {
    const sim = runPing(pause, 1000);
    const during = events(sim).filter((e) => e.timeMs > 100 && e.timeMs < 600);
    expect(during.filter((e) => (e.kind === 'deliver' && e.to === 'n3') || (e.kind === 'timer' && e.node === 'n3') || (e.kind === 'send' && e.from === 'n3'))).toEqual([]);
    // Others keep pinging it meanwhile: the messages are held, not dropped.
    expect(during.some((e) => e.kind === 'send' && e.to === 'n3')).toBe(true);
    expect(during.some((e) => e.kind === 'drop' && e.to === 'n3')).toBe(false);
  });

  it('held messages are delivered late, at the resume time, tagged "late"', () => {
    const sim = runPing(pause, 1000);
    const all = events(sim);
    const resume = all.find((e) => e.kind === 'resume' && e.node === 'n3');
    expect(resume?.timeMs).toBe(600);
    const late = all.filter((e) => e.kind === 'deliver' && e.tag === 'late');
    expect(late.length).toBeGreaterThan(0);
    for (const e of late) {
      expect(e.to).toBe('n3');
      expect(e.timeMs).toBe(600);
    }
    // Every message sent to n3 during the pause and not lost arrives exactly once, late or not.
    const sentDuring = all.filter((e) => e.kind === 'send' && e.to === 'n3' && e.timeMs > 100 && e.timeMs < 590).map((e) => e.messageId);
    const delivered = all.filter((e) => e.kind === 'deliver' && e.to === 'n3').map((e) => e.messageId);
    for (const id of sentDuring) expect(delivered.filter((d) => d === id)).toHaveLength(1);
  });

  it('a timer that expired during the pause fires late, at the resume time', () => {
    const sim = runPing(pause, 1000);
    const n3Timers = events(sim).filter((e) => e.kind === 'timer' && e.node === 'n3');
    expect(n3Timers.filter((e) => e.timeMs > 100 && e.timeMs < 600)).toEqual([]);
    expect(n3Timers.some((e) => e.timeMs === 600)).toBe(true);
    // and the node is running normally again afterwards
    expect(n3Timers.some((e) => e.timeMs > 600)).toBe(true);
  });

  it('the late events follow the resume event in the trace', () => {
    const all = events(runPing(pause, 1000));
    const resumeIndex = all.findIndex((e) => e.kind === 'resume');
    const firstLate = all.findIndex((e) => e.kind === 'deliver' && e.tag === 'late');
    expect(resumeIndex).toBeGreaterThanOrEqual(0);
    expect(firstLate).toBeGreaterThan(resumeIndex);
  });

  it('a leader paused longer than the election timeout is replaced, and steps down when it resumes', () => {
    const sim = runRaft([{ at: 1000, do: 'pause', node: SEED7_LEADER_AT_1000, durationMs: 1000 }], 2500);
    const newLeader = notes(sim, 'became-leader').find((e) => e.timeMs > 1000 && e.timeMs < 2000);
    expect(newLeader?.node).toBeDefined();
    expect(newLeader?.node).not.toBe(SEED7_LEADER_AT_1000);
    expect(notes(sim, 'stepped-down').some((e) => e.node === SEED7_LEADER_AT_1000 && e.timeMs >= 2000)).toBe(true);
    expect(raftState(sim, SEED7_LEADER_AT_1000).role).toBe('follower');
    expect(sim.world.violations).toEqual([]);
  });

  it('a timeout on a paused node is refused', () => {
    const sim = runPing([...pause, { at: 200, do: 'timeout', node: 'n3' }], 300);
    expect(events(sim).filter((e) => e.kind === 'timeout')).toEqual([]);
    expect(events(sim).some((e) => e.kind === 'control' && e.node === 'n3' && e.timeMs === 200)).toBe(true);
  });
});

describe('timeout', () => {
  it('on a follower starts an election at once, in the next term', () => {
    const leaderTerm = raftState(runRaft([], 1000), SEED7_LEADER_AT_1000).currentTerm;
    const sim = runRaft([{ at: 1000, do: 'timeout', node: 'n1' }], 1000);
    const candidacy = notes(sim, 'became-candidate').filter((e) => e.node === 'n1' && e.timeMs === 1000);
    expect(candidacy).toHaveLength(1);
    expect(raftState(sim, 'n1').role).toBe('candidate');
    expect(raftState(sim, 'n1').currentTerm).toBe(leaderTerm + 1);
    expect(events(sim).some((e) => e.kind === 'timeout' && e.node === 'n1' && e.timeMs === 1000)).toBe(true);
  });

  it('the cluster settles on one leader again afterwards, with no invariant broken', () => {
    const sim = runRaft([{ at: 1000, do: 'timeout', node: 'n1' }], 3000);
    expect(sim.currentLeader()).not.toBeNull();
    expect(sim.world.violations).toEqual([]);
  });

  it('on a crashed node is skipped', () => {
    const sim = runRaft([{ at: 500, do: 'crash', node: 'n1' }, { at: 600, do: 'timeout', node: 'n1' }], 700);
    expect(events(sim).filter((e) => e.kind === 'timeout')).toEqual([]);
    expect(events(sim).some((e) => e.kind === 'control' && e.timeMs === 600)).toBe(true);
  });
});

describe('"leader" in actions', () => {
  it('resolves when the action runs: a crash at 1000 ms (n3 leading) crashes n3', () => {
    expect(runRaft([], 1000).currentLeader()).toBe('n3');
    const sim = runRaft([{ at: 1000, do: 'crash', node: 'leader' }], 1000);
    expect(sim.world.nodes.n3.up).toBe(false);
    for (const id of ['n1', 'n2', 'n4', 'n5']) expect(sim.world.nodes[id].up).toBe(true);
    expect(events(sim).find((e) => e.kind === 'crash')).toMatchObject({ node: 'n3', timeMs: 1000 });
  });

  it('two crashes of "leader" take down two different leaders', () => {
    const first = runRaft([{ at: 1000, do: 'crash', node: 'leader' }], 2500);
    const second = first.currentLeader();
    expect(second).not.toBeNull();
    expect(second).not.toBe('n3');
    const sim = runRaft([{ at: 1000, do: 'crash', node: 'leader' }, { at: 2500, do: 'crash', node: 'leader' }], 2500);
    expect(sim.world.nodes.n3.up).toBe(false);
    expect(sim.world.nodes[second!].up).toBe(false);
    expect(sim.world.nodeIds.filter((id) => !sim.world.nodes[id].up)).toHaveLength(2);
  });

  it('with no leader yet, the action is skipped and a control event says so', () => {
    const sim = runRaft([{ at: 50, do: 'crash', node: 'leader' }], 60);
    for (const id of sim.world.nodeIds) expect(sim.world.nodes[id].up).toBe(true);
    const control = events(sim).find((e) => e.kind === 'control' && e.timeMs === 50);
    expect(control?.text).toMatch(/skipped/);
    expect(control?.text).toMatch(/leader/);
    expect(events(sim).filter((e) => e.kind === 'crash')).toEqual([]);
  });

  it('a request to "leader" with no leader is not sent, and says so', () => {
    const sim = runRaft([{ at: 50, do: 'request', node: 'leader', op: { f: 'write', key: 'x', value: 1 } }], 60);
    expect(events(sim).some((e) => e.kind === 'control' && e.timeMs === 50)).toBe(true);
    expect(sim.world.history).toEqual([]);
  });
});

describe('in-flight limit', () => {
  it('drops messages beyond the limit and says a limit was hit', () => {
    const sim = runPing([], 2000, { limits: { ...BIG_TRACE, inFlightMessages: 1 }, network: { latencyMs: [50, 100], drop: 0, duplicate: 0 } });
    expect(events(sim).some((e) => e.kind === 'drop' && e.tag === 'overflow')).toBe(true);
    expect(sim.world.limited).toMatch(/in flight/);
  });

  it('without pressure on the limit nothing overflows and nothing is flagged', () => {
    const sim = runPing([], 2000);
    expect(events(sim).some((e) => e.tag === 'overflow')).toBe(false);
    expect(sim.world.limited).toBeNull();
  });

  it('never holds more than the limit in flight', () => {
    const sim = Simulation.create(pingSystem, pingConfig({ limits: { ...BIG_TRACE, inFlightMessages: 3 }, network: { latencyMs: [50, 100], drop: 0, duplicate: 0 } }), []);
    let peak = 0;
    for (let t = 0; t <= 2000; t++) {
      sim.runUntil(t, Infinity, false);
      peak = Math.max(peak, inFlightMessages(sim.world).length);
    }
    expect(peak).toBe(3);
  });

  it('never holds more than the limit in flight, even when the network duplicates messages', () => {
    const sim = Simulation.create(pingSystem, pingConfig({ limits: { ...BIG_TRACE, inFlightMessages: 3 }, network: { latencyMs: [50, 100], drop: 0, duplicate: 1 } }), []);
    let peak = 0;
    for (let t = 0; t <= 2000; t++) {
      sim.runUntil(t, Infinity, false);
      peak = Math.max(peak, inFlightMessages(sim.world).length);
    }
    expect(peak).toBeLessThanOrEqual(3);
  });
});

describe('network action mid-run', () => {
  /** For each delivered or dropped message, the time it took since it was sent. */
  function latencies(sim: Simulation, sentAfterMs: number, sentBeforeMs: number): number[] {
    const all = events(sim);
    const sentAt = new Map<number, number>();
    for (const e of all) if (e.kind === 'send' && e.messageId !== undefined) sentAt.set(e.messageId, e.timeMs);
    return all
      .filter((e) => e.kind === 'deliver' && e.tag !== 'late' && e.messageId !== undefined && sentAt.has(e.messageId))
      .filter((e) => sentAt.get(e.messageId!)! > sentAfterMs && sentAt.get(e.messageId!)! < sentBeforeMs)
      .map((e) => e.timeMs - sentAt.get(e.messageId!)!);
  }

  it('changes the latency of messages sent after it, not before', () => {
    const sim = runPing([{ at: 1000, do: 'network', latencyMs: [200, 200] }], 3000);
    const before = latencies(sim, 0, 1000);
    const after = latencies(sim, 1000, 2500);
    expect(before.length).toBeGreaterThan(10);
    expect(after.length).toBeGreaterThan(10);
    for (const ms of before) {
      expect(ms).toBeGreaterThanOrEqual(5);
      expect(ms).toBeLessThanOrEqual(15);
    }
    for (const ms of after) expect(ms).toBe(200);
    expect(events(sim).some((e) => e.kind === 'network' && e.timeMs === 1000)).toBe(true);
  });

  it('drop: 1 loses every message sent after it; drop: 0 later restores delivery', () => {
    const sim = runPing([{ at: 1000, do: 'network', drop: 1 }, { at: 2000, do: 'network', drop: 0 }], 3000);
    const all = events(sim);
    const sentWindow = (from: number, to: number) => all.filter((e) => e.kind === 'send' && e.timeMs > from && e.timeMs < to).map((e) => e.messageId);
    const deliveredIds = new Set(all.filter((e) => e.kind === 'deliver').map((e) => e.messageId));
    const lost = sentWindow(1000, 2000);
    expect(lost.length).toBeGreaterThan(10);
    for (const id of lost) expect(deliveredIds.has(id)).toBe(false);
    expect(all.some((e) => e.kind === 'drop' && e.tag === 'dropped' && e.timeMs > 1000)).toBe(true);
    const restored = sentWindow(2000, 2900);
    expect(restored.length).toBeGreaterThan(10);
    for (const id of restored) expect(deliveredIds.has(id)).toBe(true);
  });

  it('duplicate: 1 delivers every message sent after it twice', () => {
    const sim = runPing([{ at: 1000, do: 'network', duplicate: 1 }], 2000);
    const all = events(sim);
    const sendsBefore = all.filter((e) => e.kind === 'send' && e.timeMs < 1000).length;
    const deliveriesOfEarlySends = all.filter((e) => e.kind === 'deliver' && e.timeMs < 1000).length;
    expect(deliveriesOfEarlySends).toBeLessThanOrEqual(sendsBefore);
    const sendsAfter = all.filter((e) => e.kind === 'send' && e.timeMs > 1000 && e.timeMs < 1900).length;
    const deliveriesAfter = all.filter((e) => e.kind === 'deliver' && e.timeMs > 1020 && e.timeMs < 1915).length;
    expect(deliveriesAfter).toBeGreaterThanOrEqual(2 * sendsAfter - 10);
  });

  it('a network action leaves fields it does not name unchanged', () => {
    const sim = runPing([{ at: 100, do: 'network', latencyMs: [40, 60], drop: 0.5 }, { at: 200, do: 'network', duplicate: 0.25 }], 300);
    expect(sim.world.network.latencyMs).toEqual([40, 60]);
    expect(sim.world.network.dropPpm).toBe(500_000);
    expect(sim.world.network.duplicatePpm).toBe(250_000);
  });
});

describe('a cut with messages in flight', () => {
  const slow: Partial<WorldConfig> = { network: { latencyMs: [80, 120], drop: 0, duplicate: 0 } };

  function inFlightBetween(sim: Simulation, a: string, b: string, afterMs: number) {
    return inFlightMessages(sim.world).filter((m) => m.from === a && m.to === b && m.deliverAtMs > afterMs);
  }

  it('marks messages already on the cut link as "cut" and drops them at their delivery time', () => {
    const sim = Simulation.create(pingSystem, pingConfig(slow), [{ at: 300, do: 'cut', from: 'n1', to: 'n2' }]);
    sim.runUntil(299, Infinity, false);
    const caught = [...inFlightBetween(sim, 'n1', 'n2', 300), ...inFlightBetween(sim, 'n2', 'n1', 300)];
    const bystanders = inFlightMessages(sim.world).filter((m) => (m.from === 'n3' || m.to === 'n3') && m.deliverAtMs > 300);
    expect(caught.length).toBeGreaterThan(0);
    expect(bystanders.length).toBeGreaterThan(0);
    sim.runUntil(300, Infinity, false);
    for (const m of caught) expect(inFlightMessages(sim.world).find((w) => w.id === m.id)?.fate).toBe('cut');
    for (const m of bystanders) expect(inFlightMessages(sim.world).find((w) => w.id === m.id)?.fate).toBe('in-flight');
    sim.runUntil(1000, Infinity, false);
    const all = events(sim);
    for (const m of caught) {
      expect(all.filter((e) => e.kind === 'deliver' && e.messageId === m.id)).toEqual([]);
      const drop = all.find((e) => e.kind === 'drop' && e.messageId === m.id);
      expect(drop).toMatchObject({ tag: 'cut', timeMs: m.deliverAtMs });
    }
    for (const m of bystanders) expect(all.some((e) => e.kind === 'deliver' && e.messageId === m.id)).toBe(true);
  });

  it('a one-way cut marks only the messages going that way', () => {
    const sim = Simulation.create(pingSystem, pingConfig(slow), [{ at: 300, do: 'cut', from: 'n1', to: 'n2', oneWay: true }]);
    sim.runUntil(299, Infinity, false);
    const forward = inFlightBetween(sim, 'n1', 'n2', 300);
    const backward = inFlightBetween(sim, 'n2', 'n1', 300);
    expect(forward.length + backward.length).toBeGreaterThan(0);
    sim.runUntil(300, Infinity, false);
    for (const m of forward) expect(inFlightMessages(sim.world).find((w) => w.id === m.id)?.fate).toBe('cut');
    for (const m of backward) expect(inFlightMessages(sim.world).find((w) => w.id === m.id)?.fate).toBe('in-flight');
  });

  it('a partition marks messages crossing it as "cut"', () => {
    const sim = Simulation.create(pingSystem, pingConfig(slow), [{ at: 300, do: 'partition', groups: [['n1'], ['n2', 'n3']] }]);
    sim.runUntil(299, Infinity, false);
    const crossing = inFlightMessages(sim.world).filter((m) => (m.from === 'n1') !== (m.to === 'n1') && m.deliverAtMs > 300);
    const inside = inFlightMessages(sim.world).filter((m) => m.from !== 'n1' && m.to !== 'n1' && m.deliverAtMs > 300);
    expect(crossing.length).toBeGreaterThan(0);
    sim.runUntil(300, Infinity, false);
    for (const m of crossing) expect(inFlightMessages(sim.world).find((w) => w.id === m.id)?.fate).toBe('cut');
    for (const m of inside) expect(inFlightMessages(sim.world).find((w) => w.id === m.id)?.fate).toBe('in-flight');
  });

  it('a message sent over a link that is already cut is dropped at once', () => {
    const sim = runPing([{ at: 0, do: 'cut', from: 'n1', to: 'n2' }], 1000, slow);
    const sends = events(sim).filter((e) => e.kind === 'send' && ((e.from === 'n1' && e.to === 'n2') || (e.from === 'n2' && e.to === 'n1')));
    expect(sends).toEqual([]);
    expect(events(sim).some((e) => e.kind === 'drop' && e.tag === 'cut' && e.from === 'n1' && e.to === 'n2')).toBe(true);
  });
});

describe('heal of one link', () => {
  it('restores traffic on that link only', () => {
    const sim = runPing([
      { at: 0, do: 'cut', from: 'n1', to: 'n2' },
      { at: 0, do: 'cut', from: 'n1', to: 'n3' },
      { at: 500, do: 'heal', from: 'n2', to: 'n1' },
    ], 2000);
    const after = events(sim).filter((e) => e.kind === 'deliver' && e.timeMs > 520);
    expect(after.some((e) => e.from === 'n1' && e.to === 'n2')).toBe(true);
    expect(after.some((e) => e.from === 'n2' && e.to === 'n1')).toBe(true);
    expect(after.some((e) => (e.from === 'n1' && e.to === 'n3') || (e.from === 'n3' && e.to === 'n1'))).toBe(false);
  });

  it('a one-way heal restores only that direction', () => {
    const sim = runPing([
      { at: 0, do: 'cut', from: 'n1', to: 'n2' },
      { at: 500, do: 'heal', from: 'n1', to: 'n2', oneWay: true },
    ], 2000);
    const after = events(sim).filter((e) => e.kind === 'deliver' && e.timeMs > 520);
    expect(after.some((e) => e.from === 'n1' && e.to === 'n2')).toBe(true);
    expect(after.some((e) => e.from === 'n2' && e.to === 'n1')).toBe(false);
  });
});
