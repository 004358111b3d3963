// Turns a lab id and a seed into a runnable scenario, and a scenario into the engine's config:
// which actors run, with which parameters. Labs come from the registry; nothing here names one.
import type { ActorSpec } from '../engine/system';
import type { WorldConfig } from '../engine/world';
import type { LabDefinition } from '../labs/define-lab';
import { findLab, LAB_IDS, labById } from '../labs/registry';
import type { Scenario } from './scenario';

export { LAB_IDS };

export function defaultScenario(lab: string, seed: number, nodes?: number): Scenario {
  const info = findLab(lab) ?? labById(LAB_IDS[0]);
  return { lab: info.id, seed, ...structuredClone(info.defaults), nodes: nodes ?? info.defaults.nodes, actions: [] };
}

/** The actors of a scenario: each role's members, numbered from 1, beside their home if any. */
export function actorsFor(lab: LabDefinition, scenario: Pick<Scenario, 'nodes' | 'workload' | 'params'>): ActorSpec[] {
  const actors: ActorSpec[] = [];
  const byRole = new Map<string, string[]>();
  lab.roles.forEach((role, index) => {
    const count = index === 0 ? scenario.nodes : role.count ? role.count(scenario) : role.default;
    const homes = role.besideRole ? byRole.get(role.besideRole) ?? [] : [];
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const actor: ActorSpec = { id: `${role.prefix}${i + 1}`, role: role.role };
      if (homes.length > 0) actor.home = homes[i % homes.length];
      if (role.stream) actor.stream = role.stream;
      actors.push(actor);
      ids.push(actor.id);
    }
    byRole.set(role.role, ids);
  });
  return actors;
}

/** The workload of a scenario that names none: the one such scenarios have always meant (the
 * lab's first frozen defaults), not today's default — a lab that gained default client traffic
 * must not add clients to old links and files that had none. */
export function implicitWorkload(lab: LabDefinition, scenario: Pick<Scenario, 'workload'>): Scenario['workload'] {
  return scenario.workload ?? (lab.frozen[1] ?? lab.defaults).workload;
}

/** A scenario's params over the ones its lab's links began with (the frozen v1 ones). */
export function paramsOf(lab: LabDefinition, scenario: Pick<Scenario, 'params'>): Record<string, unknown> {
  return { ...(lab.frozen[1] ?? lab.defaults).params, ...scenario.params };
}

/** Fills a validated scenario's gaps with its lab's defaults, giving the engine's config. */
export function toWorldConfig(scenario: Scenario): WorldConfig {
  const lab = labById(scenario.lab);
  const defaults = lab.defaults;
  const network = { ...defaults.network, ...scenario.network };
  const workload = implicitWorkload(lab, scenario);
  // Params a scenario leaves out mean what they meant when links began (the frozen v1 ones):
  // a newer default (log compaction, say) must not change an old link's run.
  const params = paramsOf(lab, scenario);
  if (workload) params.workload = workload;
  return {
    lab: scenario.lab,
    seed: scenario.seed >>> 0,
    actors: actorsFor(lab, { nodes: scenario.nodes, workload, params }),
    params,
    network: { latencyMs: network.latencyMs ?? [10, 30], drop: network.drop ?? 0, duplicate: network.duplicate ?? 0 },
  };
}
