// A scenario is a lab run as data: lab, seed, cluster size, parameters, network, workload and
// the timed actions to apply. A share link, a CLI run and a test all start from one.
import type { TimedAction } from '../engine/actions';
import type { Workload } from '../protocols/client/workload';

export interface NetworkSpec {
  latencyMs?: [number, number];
  /** Ratios from 0 to 1. */
  drop?: number;
  duplicate?: number;
}

/** Clients, their pace, timeout, operation mix and keys: the register client's workload. */
export type WorkloadSpec = Workload;

export interface Scenario {
  lab: string;
  seed: number;
  nodes: number;
  params?: Record<string, unknown>;
  network?: NetworkSpec;
  workload?: WorkloadSpec;
  actions: TimedAction[];
  until?: number;
}
