// A swarm over the CAP lab in CP with log compaction every 20 entries (small, so snapshots and
// InstallSnapshot happen often): random faults (crashes, restarts, partitions, cuts, pauses,
// loss, duplication) hold every Raft invariant, and the history stays linearizable.
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../../src/checkers/index';
import type { TraceEvent } from '../../../src/engine/frame';
import { recentEvents, type TraceState } from '../../../src/engine/trace';
import type { RegisterState } from '../../../src/protocols/register';
import { createSimulation, planScenario } from '../../../src/scenarios/headless';

const SEEDS = Number(process.env.SNAPSHOT_SWARM_SEEDS ?? 200);
const UNTIL_MS = 10_000;
const SLICE_MS = 50;

/** The events recorded since the trace held `seen` (slices are short enough for the ring). */
function eventsSince(trace: TraceState, seen: number): TraceEvent[] {
  return recentEvents(trace).filter((event) => event.seq >= seen);
}

/** Raft §5.3 with §7: replicas that applied the log up to the same index hold the same state
 * machine (store and stamps), whether they got there by applying entries or by a snapshot. */
function machinesAgree(sim: ReturnType<typeof createSimulation>): string | null {
  const byIndex = new Map<number, { id: string; text: string }>();
  for (const id of sim.world.nodeIds) {
    const node = sim.world.nodes[id];
    const raft = node.up ? (node.state as RegisterState | null)?.raft : undefined;
    if (raft === undefined) continue;
    const text = JSON.stringify([raft.machine.store, raft.machine.stamps]);
    const known = byIndex.get(raft.lastApplied);
    if (known === undefined) byIndex.set(raft.lastApplied, { id, text });
    else if (known.text !== text) return `${known.id} and ${id} applied up to ${raft.lastApplied} but hold ${known.text} and ${text}`;
  }
  return null;
}

describe(`CAP lab with snapshotEvery 20: ${SEEDS} seeds with random faults`, () => {
  it('holds every invariant, stays linearizable and keeps equal machines at equal applied indexes, with snapshots taken and installed', () => {
    const failures: string[] = [];
    let snapshots = 0;
    let installs = 0;
    let seedsWithInstall = 0;
    let compacted = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const sim = createSimulation(planScenario({ lab: 'cap', seed, untilMs: UNTIL_MS, faults: 'random', params: { mode: 'cp', snapshotEvery: 20 } }));
      let seen = 0;
      let installed = 0;
      for (let t = SLICE_MS; t <= UNTIL_MS; t += SLICE_MS) {
        sim.runUntil(t, Infinity, false);
        for (const event of eventsSince(sim.world.trace, seen)) {
          if (event.kind === 'note' && event.tag === 'snapshot') snapshots++;
          if (event.kind === 'note' && event.tag === 'snapshot-installed') installed++;
        }
        seen = sim.world.trace.count;
        const differ = machinesAgree(sim);
        if (differ !== null) {
          failures.push(`seed ${seed} at ${t} ms: ${differ}`);
          break;
        }
      }
      installs += installed;
      if (installed > 0) seedsWithInstall++;
      for (const v of sim.world.violations) failures.push(`seed ${seed}: ${v.invariant} at ${v.timeMs} ms: ${v.message}`);
      const checked = checkHistory(sim.world.history);
      if (!checked.ok) failures.push(`seed ${seed}: ${checked.error.message}`);
      else if (checked.linearizability.valid !== true) failures.push(`seed ${seed}: not linearizable: ${checked.linearizability.explanation?.sentence ?? 'unknown'}`);
      for (const id of sim.world.nodeIds) {
        const state = sim.world.nodes[id].state as RegisterState | null;
        if (state?.raft.snapshot) compacted++;
      }
    }
    if (failures.length > 0) console.error(failures.slice(0, 20).join('\n'));
    expect(failures).toEqual([]);
    // The runs really compacted, and followers really caught up by snapshot.
    expect(snapshots / SEEDS).toBeGreaterThan(5);
    expect(compacted / SEEDS).toBeGreaterThan(3);
    expect(seedsWithInstall).toBeGreaterThan(SEEDS / 20);
    expect(installs).toBeGreaterThan(seedsWithInstall - 1);
  });
});
