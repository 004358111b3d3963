// A golden trace (etcd's testdata/*.txt): the notable events of a short scripted Raft run, kept
// in a file. Any change to the engine's order of events or to Raft's behaviour shows up here as a
// readable diff; update it deliberately with `npx vitest run -u` when the change is intended.
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../../src/scenarios/headless';
import { defaultScenario } from '../../../src/scenarios/catalog';
import type { Scenario } from '../../../src/scenarios/scenario';

// Without the lab's default client traffic: the scripted requests are the only ones.
const { workload: _traffic, ...quietRaft } = defaultScenario('raft', 7, 3);

const scenario: Scenario = {
  ...quietRaft,
  actions: [
    { at: 600, do: 'request', node: 'leader', op: { f: 'write', key: 'x', value: 1 } },
    { at: 800, do: 'crash', node: 'leader' },
    { at: 1500, do: 'request', node: 'leader', op: { f: 'write', key: 'x', value: 2 } },
    { at: 1800, do: 'cut', from: 'n1', to: 'n2' },
    { at: 2100, do: 'restart', node: 'n1' },
    { at: 2200, do: 'restart', node: 'n2' },
    { at: 2300, do: 'restart', node: 'n3' },
    { at: 2500, do: 'heal' },
  ],
  until: 3500,
};

describe('golden trace', () => {
  it('a scripted 3-node Raft run produces the recorded notable events and hash', async () => {
    const result = runHeadless(scenario);
    const lines = result.simulation.world.trace.notable.map((event) => `${String(event.timeMs).padStart(5)} ms  ${event.kind.padEnd(9)} ${event.text ?? ''}`);
    const history = result.simulation.world.history.map((event) => `${String(event.time).padStart(5)} ms  ${event.client} ${event.type} ${event.f} ${JSON.stringify(event.value)}`);
    const text = [`trace hash ${result.traceHash}, ${result.events} events`, '', ...lines, '', 'history:', ...history, ''].join('\n');
    await expect(text).toMatchFileSnapshot('./__golden__/raft-3-nodes-seed-7.txt');
    expect(result.violations).toEqual([]);
  });
});
