// Snapshots change what a run does, so they are on only where a scenario asks for them: a v1 link
// (recorded before snapshotEvery existed) must replay the old way however long it runs, even
// once the labs' current defaults turn compaction on.
import { describe, expect, it } from 'vitest';
import type { RegisterState } from '../../../src/protocols/register';
import { toWorldConfig } from '../../../src/scenarios/catalog';
import { runHeadless } from '../../../src/scenarios/headless';
import { decodeShareState } from '../../../src/share';

// The "cap modes" link of tests/unit/share/recorded-v1-links.test.ts (CP, then AP at 500 ms).
const CAP_V1 = 'v=1&lab=cap&s=fZFNbsMgFITvMmtagdtUFXfoCSwvkHluLLuGApZbWb57Hkn8s4iyAUYa5s0HMyK0UgIGupxhEvRJSgHroBEpfTlLEPjJm4bxWMTNVWwub0JqU-sG9n0HN3pOLEsMivVQoBJ8fsvn97ycUFVrxueWEeh3pJiy4TbpanYeekbDcgptyj06-mf1h2WNUHJv29F0CChyQNNkBi70wlTrnR3wTKbfiJ5w1zs3D7y76mDieR_Yk7EUNt_HgS0mfqJDNfUgbaA0udCxy4bMLV_5U-zo-7Y2jJ71UgnU155yuQDOKN1_';

describe('snapshots and v1 links', () => {
  it('a v1 CAP link runs without snapshotEvery, and a long replay takes no snapshot', () => {
    const decoded = decodeShareState(CAP_V1);
    if (decoded.kind !== 'ok') throw new Error('the link no longer decodes');
    // Back to CP at 2 s so the log grows (AP writes skip it), then 80 s: far past 200 entries.
    const scenario = { ...decoded.state.scenario, actions: [...decoded.state.scenario.actions, { at: 2000, do: 'lab' as const, name: 'setMode', mode: 'cp' }], until: 80_000 };
    expect(toWorldConfig(scenario).params.snapshotEvery).toBeUndefined();
    const result = runHeadless(scenario);
    const explicit = runHeadless({ ...scenario, params: { ...scenario.params, snapshotEvery: 0 } });
    expect(result.traceHash).toBe(explicit.traceHash);
    let longest = 0;
    for (const id of result.simulation.world.nodeIds) {
      const raft = (result.simulation.world.nodes[id].state as RegisterState | null)?.raft;
      expect(raft?.snapshot ?? null).toBeNull();
      longest = Math.max(longest, raft?.log.length ?? 0);
    }
    expect(longest).toBeGreaterThan(200);
  });
});
