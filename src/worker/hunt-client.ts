// The page's handle on one bug-hunt worker (the Comlink boundary, like client.ts).
import * as Comlink from 'comlink';
import type { HuntBatch, HuntBatchAnswer, HuntWorkerApi } from './hunt-api';

/** One worker of the pool: `hunt` answers a batch; a worker that dies answers with an error. */
export interface HuntWorkerHandle {
  hunt(batch: HuntBatch): Promise<HuntBatchAnswer>;
  terminate(): void;
}

export function createHuntWorker(): HuntWorkerHandle {
  const worker = new Worker(new URL('./hunt.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<HuntWorkerApi>(worker);
  // A worker that fails to load or crashes would leave its call unanswered: answer it instead.
  const died = new Promise<HuntBatchAnswer>((resolve) => {
    worker.addEventListener('error', (event) => resolve({ ok: false, error: `a hunt worker stopped: ${event.message || 'it could not start'}` }));
  });
  return {
    hunt: (batch) => Promise.race([remote.hunt(batch), died]),
    terminate: () => worker.terminate(),
  };
}
