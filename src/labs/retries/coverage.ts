// What a swarm of random retries runs must reach at least once: contention retried into a charge,
// a call that timed out, and an idempotency key that stopped a second charge.
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';

export const retriesCoverage: CoverageMark[] = [
  { name: 'charged-after-retry', description: 'an order was charged after a failed call', reached: (sim) => noted(sim, 'charged-after-retry') },
  { name: 'call-timed-out', description: 'a call got no reply before its timeout', reached: (sim) => noted(sim, 'call-timed-out') },
  { name: 'key-replayed', description: 'a retried write found its idempotency key applied and was not charged again', reached: (sim) => noted(sim, 'key-replayed') },
];
