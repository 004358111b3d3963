// The catalog of labs: each lab's default scenario is valid, a scenario becomes an engine config
// with the lab's defaults filling its gaps, and an unknown lab is a clear error.
import { describe, expect, it } from 'vitest';
import { raft } from '../../../src/protocols/raft';
import { register } from '../../../src/protocols/register';
import { LAB_IDS, LABS, defaultScenario, protocolFor, toWorldConfig } from '../../../src/scenarios/catalog';
import { validateScenario } from '../../../src/scenarios/validate';

describe('catalog', () => {
  it('lists the raft and cap labs', () => {
    expect(LAB_IDS).toContain('raft');
    expect(LAB_IDS).toContain('cap');
  });

  it.each(LAB_IDS.map((id) => [id]))('the default scenario of "%s" validates, for every cluster size', (lab) => {
    for (const nodes of [undefined, 3, 9]) {
      const scenario = defaultScenario(lab, 7, nodes);
      const result = validateScenario(scenario, LAB_IDS);
      expect(result.ok ? [] : result.issues).toEqual([]);
      expect(scenario).toMatchObject({ lab, seed: 7, actions: [] });
      if (nodes !== undefined) expect(scenario.nodes).toBe(nodes);
    }
  });

  it('a default scenario is a copy: changing it does not change the lab or the next one', () => {
    const first = defaultScenario('raft', 1);
    (first.params as Record<string, unknown>).heartbeatMs = 999;
    first.network!.latencyMs![0] = 500;
    const second = defaultScenario('raft', 1);
    expect(second.params).toEqual(LABS.raft.defaults.params);
    expect(second.network).toEqual(LABS.raft.defaults.network);
    expect((LABS.raft.defaults.params as Record<string, unknown>).heartbeatMs).toBe(50);
  });

  it('protocolFor gives each lab its protocol', () => {
    expect(protocolFor('raft')).toBe(raft);
    expect(protocolFor('cap')).toBe(register);
  });

  it('protocolFor an unknown lab throws an error naming it', () => {
    expect(() => protocolFor('paxos')).toThrow(/unknown lab "paxos"/);
    expect(() => protocolFor('')).toThrow(/unknown lab/);
  });

  it('toWorldConfig fills every gap of a bare scenario with the lab’s defaults', () => {
    const config = toWorldConfig({ lab: 'cap', seed: 3, nodes: 3, actions: [] });
    expect(config).toMatchObject({
      lab: 'cap', seed: 3, nodes: 3,
      params: LABS.cap.defaults.params,
      network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
      workload: LABS.cap.defaults.workload,
    });
    expect(toWorldConfig({ lab: 'raft', seed: 3, nodes: 5, actions: [] }).workload).toBeNull();
  });

  it('toWorldConfig keeps what the scenario sets and takes the rest from the defaults, field by field', () => {
    const config = toWorldConfig({
      lab: 'raft', seed: 9, nodes: 5, actions: [],
      params: { heartbeatMs: 20 },
      network: { drop: 0.25 },
    });
    expect(config.params).toEqual({ electionTimeoutMs: [150, 300], heartbeatMs: 20 });
    expect(config.network).toEqual({ latencyMs: [10, 30], drop: 0.25, duplicate: 0 });
  });

  it('toWorldConfig uses the scenario’s workload over the lab’s', () => {
    const workload = { clients: 1, intervalMs: [50, 60] as [number, number], timeoutMs: 500, mix: { read: 1, write: 0, cas: 0 }, keys: ['k'] };
    expect(toWorldConfig({ lab: 'cap', seed: 1, nodes: 3, actions: [], workload }).workload).toEqual(workload);
  });

  it('toWorldConfig keeps the seed a 32-bit unsigned integer', () => {
    expect(toWorldConfig({ lab: 'raft', seed: 0xffffffff, nodes: 3, actions: [] }).seed).toBe(0xffffffff);
    expect(toWorldConfig({ lab: 'raft', seed: 0, nodes: 3, actions: [] }).seed).toBe(0);
  });

  it('toWorldConfig does not share the lab’s default objects with the config it returns', () => {
    const config = toWorldConfig({ lab: 'raft', seed: 1, nodes: 3, actions: [] });
    config.params.heartbeatMs = 1;
    expect((LABS.raft.defaults.params as Record<string, unknown>).heartbeatMs).toBe(50);
  });
});
