// The catalog of labs: each lab's default scenario is valid, a scenario becomes an engine config
// with the lab's defaults filling its gaps, and an unknown lab is a clear error.
import { describe, expect, it } from 'vitest';
import { labById, LABS } from '../../../src/labs/registry';
import { registerClient } from '../../../src/protocols/client/register-client';
import { raft } from '../../../src/protocols/raft';
import { register } from '../../../src/protocols/register';
import { actorsFor, LAB_IDS, defaultScenario, toWorldConfig } from '../../../src/scenarios/catalog';
import { validateScenario } from '../../../src/scenarios/validate';

describe('catalog', () => {
  it('lists the raft and cap labs, and the hidden echo lab', () => {
    expect(LAB_IDS).toContain('raft');
    expect(LAB_IDS).toContain('cap');
    expect(LAB_IDS).toContain('echo');
    expect(LABS.map((lab) => lab.id)).toEqual(LAB_IDS);
    expect(labById('echo').hidden).toBe(true);
  });

  it.each(LAB_IDS.map((id) => [id]))('the default scenario of "%s" validates, for every cluster size', (lab) => {
    const { min, max } = labById(lab).roles[0];
    for (const nodes of [undefined, min, Math.min(max, Math.max(min, 5)), max]) {
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
    expect(second.params).toEqual(labById('raft').defaults.params);
    expect(second.network).toEqual(labById('raft').defaults.network);
    expect((labById('raft').defaults.params as Record<string, unknown>).heartbeatMs).toBe(50);
  });

  it('each lab’s system gives each role its protocol', () => {
    expect(labById('raft').system.protocols.server).toBe(raft);
    expect(labById('raft').system.serverRole).toBe('server');
    expect(labById('cap').system.protocols.server).toBe(register);
    expect(labById('cap').system.protocols.client).toBe(registerClient);
    expect(labById('cap').system.protocols.user).toBe(registerClient);
  });

  it('an unknown lab throws an error naming it', () => {
    expect(() => labById('no-such-lab')).toThrow(/unknown lab "no-such-lab"/);
    expect(() => labById('')).toThrow(/unknown lab/);
    expect(() => toWorldConfig({ lab: 'no-such-lab', seed: 1, nodes: 3, actions: [] })).toThrow(/unknown lab "no-such-lab"/);
  });

  it('toWorldConfig fills every gap of a bare scenario with what a bare scenario has always meant (the lab’s frozen v1 defaults)', () => {
    const cap = labById('cap');
    const frozen = cap.frozen[1];
    const config = toWorldConfig({ lab: 'cap', seed: 3, nodes: 3, actions: [] });
    expect(config).toMatchObject({
      lab: 'cap', seed: 3,
      params: { ...frozen.params, workload: frozen.workload },
      network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
    });
    expect(Object.keys(config.params).sort()).toEqual([...Object.keys(frozen.params), 'workload'].sort());
    // Today's defaults (log compaction) only reach scenarios that carry them.
    expect(toWorldConfig({ ...defaultScenario('cap', 3, 3) }).params.snapshotEvery).toBe(cap.defaults.params.snapshotEvery);
    // Three servers, and the workload's three clients beside them.
    expect(config.actors).toEqual([
      { id: 'n1', role: 'server' }, { id: 'n2', role: 'server' }, { id: 'n3', role: 'server' },
      { id: 'c1', role: 'client', home: 'n1', stream: 'workload' },
      { id: 'c2', role: 'client', home: 'n2', stream: 'workload' },
      { id: 'c3', role: 'client', home: 'n3', stream: 'workload' },
    ]);
    const raftConfig = toWorldConfig({ lab: 'raft', seed: 3, nodes: 5, actions: [] });
    expect(raftConfig.params.workload).toBeUndefined();
    expect(raftConfig.actors.map((actor) => actor.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
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
    const config = toWorldConfig({ lab: 'cap', seed: 1, nodes: 3, actions: [], workload });
    expect(config.params.workload).toEqual(workload);
    // Its client count decides the client actors.
    expect(config.actors.filter((actor) => actor.role === 'client').map((actor) => actor.id)).toEqual(['c1']);
  });

  it('toWorldConfig keeps the seed a 32-bit unsigned integer', () => {
    expect(toWorldConfig({ lab: 'raft', seed: 0xffffffff, nodes: 3, actions: [] }).seed).toBe(0xffffffff);
    expect(toWorldConfig({ lab: 'raft', seed: 0, nodes: 3, actions: [] }).seed).toBe(0);
  });

  it('toWorldConfig does not share the lab’s default objects with the config it returns', () => {
    const config = toWorldConfig({ lab: 'raft', seed: 1, nodes: 3, actions: [] });
    config.params.heartbeatMs = 1;
    expect((labById('raft').defaults.params as Record<string, unknown>).heartbeatMs).toBe(50);
  });
});

describe('actorsFor', () => {
  it('numbers each role’s members from 1, servers first, clients round-robin beside the servers', () => {
    const cap = labById('cap');
    const workload = { ...cap.defaults.workload!, clients: 7 };
    const actors = actorsFor(cap, { nodes: 3, workload });
    expect(actors.map((actor) => actor.id)).toEqual(['n1', 'n2', 'n3', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(actors.filter((actor) => actor.role === 'client').map((actor) => actor.home)).toEqual(['n1', 'n2', 'n3', 'n1', 'n2', 'n3', 'n1']);
    expect(actors.filter((actor) => actor.role === 'server').every((actor) => actor.home === undefined)).toBe(true);
    // The CAP clients share the workload stream (as v1 links drew them); servers draw their own.
    expect(actors.filter((actor) => actor.role === 'client').every((actor) => actor.stream === 'workload')).toBe(true);
    expect(actors.filter((actor) => actor.role === 'server').every((actor) => actor.stream === undefined)).toBe(true);
    // No keyboard clients at the start: they are spawned on a request.
    expect(actors.some((actor) => actor.role === 'user')).toBe(false);
  });

  it('without a workload the CAP lab has its default three clients; the raft lab has servers only', () => {
    expect(actorsFor(labById('cap'), { nodes: 5 }).filter((actor) => actor.role === 'client')).toHaveLength(3);
    expect(actorsFor(labById('raft'), { nodes: 9 }).map((actor) => actor.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9']);
  });

  it('the echo lab’s clients have no home: they have links of their own', () => {
    const actors = actorsFor(labById('echo'), { nodes: 64 });
    expect(actors.filter((actor) => actor.role === 'server')).toHaveLength(64);
    expect(actors[63]).toEqual({ id: 'n64', role: 'server' });
    const clients = actors.filter((actor) => actor.role === 'client');
    expect(clients.map((actor) => actor.id)).toEqual(['c1', 'c2', 'c3']);
    expect(clients.every((actor) => actor.home === undefined)).toBe(true);
  });
});
