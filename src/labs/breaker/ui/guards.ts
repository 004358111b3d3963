// What each edge of the breaker waits for, from the settings in force: shown for an edge that has
// not fired yet (an edge that has shows its cause instead).
import type { EdgeId } from '../breaker.machine';
import type { ClientConfig } from '../params';

export function guardTexts(config: ClientConfig): Record<EdgeId, string> {
  const window = config.window === 'count' ? `the last ${config.windowSize} calls` : `the last ${config.windowSize} s`;
  const minimum = config.window === 'count' ? Math.min(config.minimumCalls, config.windowSize) : config.minimumCalls;
  const rates = `failure rate ≥ ${config.failureRatePct}% or slow-call rate ≥ ${config.slowCallRatePct}% (slower than ${config.slowCallMs} ms)`;
  return {
    'CLOSED>OPEN': `${rates} over ${window}, once it holds ${minimum} call${minimum === 1 ? '' : 's'}`,
    'OPEN>HALF_OPEN': `the first call ${config.waitInOpenMs} ms or more after opening`,
    'HALF_OPEN>OPEN': `${config.halfOpenCalls} trial call${config.halfOpenCalls === 1 ? '' : 's'} with ${rates}`,
    'HALF_OPEN>CLOSED': `${config.halfOpenCalls} trial call${config.halfOpenCalls === 1 ? '' : 's'} under both thresholds`,
  };
}
