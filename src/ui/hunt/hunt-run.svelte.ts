// A bug hunt on the page: a pool of workers (one per core, capped) takes batches of seeds in
// turn, and this keeps the tally the dialog draws — seeds done, seeds per second, failing seeds by
// invariant, each with its shrunk scenario. Cancel stops the pool at once.
import type { HuntOutcome, HuntPlan } from '../../hunt/hunt';
import type { HuntWorkerHandle } from '../../worker/hunt-client';

export type HuntStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface HuntRequest {
  plan: HuntPlan;
  fromSeed: number;
  toSeed: number;
}

export interface HuntRunOptions {
  connect: () => HuntWorkerHandle;
  workers: number;
  /** Wall time in ms, for seeds per second. */
  now: () => number;
}

/** Small batches: progress moves often, the workers stay evenly busy, a cancel wastes little. */
function batchSize(total: number, workers: number): number {
  return Math.max(1, Math.min(20, Math.floor(total / (workers * 8))));
}

export class HuntRun {
  status = $state<HuntStatus>('idle');
  done = $state(0);
  total = $state(0);
  /** Failing seeds, in seed order. */
  found = $state.raw<HuntOutcome[]>([]);
  seedsPerSecond = $state(0);
  error = $state<string | null>(null);
  /** The lab the findings are of. */
  lab = $state<string | null>(null);
  readonly byInvariant = $derived(tally(this.found));

  #options: HuntRunOptions;
  #workers: HuntWorkerHandle[] = [];
  #generation = 0;

  constructor(options: HuntRunOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  async start(request: HuntRequest): Promise<void> {
    this.cancel();
    const generation = ++this.#generation;
    const seeds = Array.from({ length: request.toSeed - request.fromSeed + 1 }, (_, i) => request.fromSeed + i);
    Object.assign(this, { status: 'running', done: 0, total: seeds.length, found: [], seedsPerSecond: 0, error: null, lab: request.plan.lab });
    const size = batchSize(seeds.length, this.#options.workers);
    const batches = Array.from({ length: Math.ceil(seeds.length / size) }, (_, i) => seeds.slice(i * size, (i + 1) * size));
    const startedMs = this.#options.now();
    let next = 0;
    const work = async (worker: HuntWorkerHandle) => {
      while (next < batches.length && generation === this.#generation) {
        const batch = batches[next++];
        const answer = await worker.hunt({ plan: request.plan, seeds: batch, shrink: true });
        if (generation !== this.#generation) return;
        if (!answer.ok) return this.#fail(answer.error);
        this.#record(batch.length, answer.outcomes, startedMs);
      }
    };
    this.#workers = Array.from({ length: Math.min(this.#options.workers, batches.length) }, () => this.#options.connect());
    await Promise.all(this.#workers.map(work));
    if (generation === this.#generation && this.status === 'running') {
      this.status = 'done';
      this.#stopWorkers();
    }
  }

  #record(count: number, outcomes: (HuntOutcome | null)[], startedMs: number): void {
    this.done += count;
    const failing = outcomes.filter((outcome): outcome is HuntOutcome => outcome !== null);
    if (failing.length > 0) this.found = [...this.found, ...failing].sort((a, b) => a.seed - b.seed);
    const seconds = (this.#options.now() - startedMs) / 1000;
    this.seedsPerSecond = seconds > 0 ? this.done / seconds : 0;
  }

  #fail(message: string): void {
    this.#generation++;
    this.#stopWorkers();
    this.status = 'failed';
    this.error = message;
  }

  cancel(): void {
    if (this.status !== 'running') return;
    this.#generation++;
    this.#stopWorkers();
    this.status = 'cancelled';
  }

  #stopWorkers(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#workers = [];
  }
}

/** Failing seeds per invariant, most first. */
function tally(found: readonly HuntOutcome[]): { invariant: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const outcome of found) counts.set(outcome.invariant, (counts.get(outcome.invariant) ?? 0) + 1);
  return [...counts].map(([invariant, count]) => ({ invariant, count })).sort((a, b) => b.count - a.count || a.invariant.localeCompare(b.invariant));
}
