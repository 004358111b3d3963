// What a bug hunt looks for in the balancing lab, which checks no invariant after every event: the
// first failed server (crashed, or up but answering every request with an error) that a running
// balancer keeps in its pool longer than its health checks promise. It is judged by the same
// detection check as the lab's panel and the CLI's verdict (checks.ts), on the run so far, and
// dated at the moment the bound was exceeded: the check counts a stay only once it is longer than
// the bound, so that is 1 ms after the bound from when the balancer could have noticed.
//
// The lab's rule, shallow health checks, is broken only by a server that fails while staying up
// (the `failServer` action), which this lab's random fault plans draw as its own fault (lab.ts:
// `labFault`): a hunt with `healthCheck=shallow` then finds it in most seeds (71 of 1..100),
// deep checks and the defaults in none, and with health checks off it finds crashed servers kept
// in the pool.
import type { Simulation } from '../../engine/simulation';
import { findingTime, type RunChecks, type RunFinding } from '../define-lab';
import { detectionViolations } from './checks';
import { detectionBoundMs, readParams } from './params';

export const FAILED_SERVER_KEPT = 'failed-server-kept';


function find(sim: Simulation, sinceMs: number): RunFinding[] {
  const bound = detectionBoundMs(readParams(sim.world.config.params));
  return detectionViolations(sim).map((v) => {
    // A stay counts once it is longer than the bound (checks.ts: `forMs <= bound` is fine).
    const timeMs = Math.max(sinceMs + 1, v.sinceMs + bound + 1);
    return { check: FAILED_SERVER_KEPT, message: `${v.sentence} (seen at ${findingTime(sim.world.timeMs)}; past the bound from ${findingTime(timeMs)})`, timeMs };
  });
}

export const balancingRunChecks: RunChecks = {
  checks: [
    {
      name: FAILED_SERVER_KEPT,
      description: 'A failed server — crashed, or up but answering every request with an error — leaves every running balancer’s pool within the time its health checks promise.',
    },
  ],
  everyMs: 50,
  find,
};
