// The labs: each is a protocol plus a default scenario. A share link, the CLI and the page all
// turn a lab id and a seed into a runnable scenario here.
import type { CheckSummary } from '../engine/frame';
import type { Simulation } from '../engine/simulation';
import type { Protocol } from '../engine/types';
import type { WorldConfig } from '../engine/world';
import { raft } from '../protocols/raft';
import { register } from '../protocols/register';
import { CapChecks } from './cap-checks';
import type { Scenario } from './scenario';

export interface LabInfo {
  id: string;
  title: string;
  summary: string;
  protocol: Protocol<any, any>;
  defaults: Omit<Scenario, 'seed' | 'actions' | 'lab'>;
  /** Live checker verdicts over the client history, for labs that have one. */
  createChecks?: () => { summarize(sim: Simulation): CheckSummary };
}

export const LABS: Record<string, LabInfo> = {
  raft: {
    id: 'raft',
    title: 'Raft: election, replication, commit',
    summary: 'Five nodes elect a leader, replicate a log and commit entries of the current term by majority.',
    protocol: raft,
    defaults: {
      nodes: 5,
      params: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
      network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
    },
  },
  cap: {
    id: 'cap',
    title: 'CAP: a register in CP or AP mode',
    summary: 'Clients read, write and compare-and-set a replicated register. Partition the network and flip between CP and AP to see which guarantee gives way; a linearizability checker proves it.',
    protocol: register,
    defaults: {
      nodes: 5,
      params: { electionTimeoutMs: [150, 300], heartbeatMs: 50, mode: 'cp', antiEntropyMs: 150 },
      network: { latencyMs: [10, 30], drop: 0, duplicate: 0 },
      workload: { clients: 3, intervalMs: [100, 300], timeoutMs: 1000, mix: { read: 2, write: 2, cas: 1 }, keys: ['x'] },
    },
    createChecks: () => new CapChecks(),
  },
};

export const LAB_IDS: readonly string[] = Object.keys(LABS);

export function defaultScenario(lab: string, seed: number, nodes?: number): Scenario {
  const info = LABS[lab] ?? LABS.raft;
  return {
    lab: info.id,
    seed,
    ...structuredClone(info.defaults),
    nodes: nodes ?? info.defaults.nodes,
    actions: [],
  };
}

export function protocolFor(lab: string): Protocol<any, any> {
  const info = LABS[lab];
  if (!info) throw new Error(`unknown lab "${lab}"`);
  return info.protocol;
}

/** Fills a validated scenario's gaps with its lab's defaults, giving the engine's config. */
export function toWorldConfig(scenario: Scenario): WorldConfig {
  const defaults = LABS[scenario.lab]?.defaults;
  const network = { ...defaults?.network, ...scenario.network };
  return {
    lab: scenario.lab,
    seed: scenario.seed >>> 0,
    nodes: scenario.nodes,
    params: { ...defaults?.params, ...scenario.params },
    network: { latencyMs: network.latencyMs ?? [10, 30], drop: network.drop ?? 0, duplicate: network.duplicate ?? 0 },
    workload: scenario.workload ?? defaults?.workload ?? null,
  };
}
