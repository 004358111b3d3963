// The page's handle on the simulation worker: the only place that wraps Comlink. Frames come back
// as patches on the frame the page holds (delta-client.ts), rebuilt into whole Frames here.
import * as Comlink from 'comlink';
import type { FramePatchApi, SimulationApi } from './api';
import { patchingClient, type PatchingClient } from './delta-client';

export type SimulationClient = PatchingClient;

export function createSimulationClient(): { client: SimulationClient; terminate: () => void } {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
  const client = patchingClient(Comlink.wrap<SimulationApi & FramePatchApi>(worker));
  return { client, terminate: () => worker.terminate() };
}
