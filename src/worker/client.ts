// The page's handle on the simulation worker: the only place that wraps Comlink.
import * as Comlink from 'comlink';
import type { SimulationApi } from './api';

export type SimulationClient = Comlink.Remote<SimulationApi>;

export function createSimulationClient(): { client: SimulationClient; terminate: () => void } {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
  const client = Comlink.wrap<SimulationApi>(worker);
  return { client, terminate: () => worker.terminate() };
}
