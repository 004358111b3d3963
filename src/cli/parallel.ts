// Runs independent jobs on worker threads and hands back their results in job order, as they
// become printable: `cli run --seeds 1..2000 --jobs 2` prints the same lines, in the same order,
// as one thread would. The worker is this same program started again (its entry module's URL),
// which sees `workerData.kind` and serves jobs instead of parsing the command line.
import { Worker } from 'node:worker_threads';

export interface ThreadedJobs<J> {
  kind: string;
  jobs: J[];
}

/** Starts `threads` workers on `entry`; worker k runs jobs k, k + threads, … and posts
 * `{index, result}` for each. `onResult` is called in job order. */
export async function runOnThreads<J, R>(entry: string | URL, kind: string, jobs: J[], threads: number, onResult: (result: R, index: number) => void): Promise<void> {
  const results = new Map<number, R>();
  let next = 0;
  const flush = () => {
    while (results.has(next)) {
      const result = results.get(next)!;
      results.delete(next);
      onResult(result, next++);
    }
  };
  const workers = Array.from({ length: threads }, (_, k) => {
    const mine = jobs.map((job, index) => ({ job, index })).filter(({ index }) => index % threads === k);
    return new Promise<void>((resolve, reject) => {
      const worker = startWorker(entry, { kind, jobs: mine });
      worker.on('message', (message: { index: number; result: R }) => {
        results.set(message.index, message.result);
        flush();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a worker thread stopped with code ${code}`))));
    });
  });
  await Promise.all(workers);
  flush();
}

/** A TypeScript entry (run through tsx, as the tests do) registers tsx's loader in the thread
 * before importing it; the bundled CLI starts directly. */
function startWorker(entry: string | URL, workerData: unknown): Worker {
  const url = typeof entry === 'string' ? entry : entry.href;
  if (!url.endsWith('.ts')) return new Worker(entry, { workerData });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** In a worker: runs each job given to it and posts its result. */
export function serveJobs<J, R>(jobs: { job: J; index: number }[], run: (job: J) => R, post: (message: { index: number; result: R }) => void): void {
  for (const { job, index } of jobs) post({ index, result: run(job) });
}
