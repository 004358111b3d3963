// A scenario is a lab run as data: lab, seed, cluster size, parameters, network, workload and
// the timed actions to apply. A share link, a CLI run and a test all start from one.
import type { TimedAction } from '../engine/actions';

export interface NetworkSpec {
  latencyMs?: [number, number];
  /** Ratios from 0 to 1. */
  drop?: number;
  duplicate?: number;
}

export interface WorkloadSpec {
  clients: number;
  /** Pause between a client's operations. */
  intervalMs: [number, number];
  /** A client gives up on an operation after this long: the outcome is `info`. */
  timeoutMs: number;
  /** Relative weights of each operation. */
  mix: { read: number; write: number; cas: number };
  keys: string[];
}

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
