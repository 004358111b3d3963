// What a swarm of random messaging runs (queue mode, the defaults) must reach at least once.
import { noted } from '../coverage';
import type { CoverageMark } from '../define-lab';

export const messagingCoverage: CoverageMark[] = [
  { name: 'visibility-expired', description: 'a received message was not deleted in time and became visible again', reached: (sim) => noted(sim, 'visibility-expired') },
  { name: 'redelivered', description: 'a message was delivered a second time', reached: (sim) => noted(sim, 'redelivered') },
  { name: 'dead-lettered', description: 'a message moved to the dead-letter queue', reached: (sim) => noted(sim, 'dead-lettered') },
  { name: 'deduped', description: 'the idempotent store skipped a redelivered message', reached: (sim) => noted(sim, 'deduped') },
  { name: 'apply-retried', description: 'a consumer heard nothing from the store and applied again', reached: (sim) => noted(sim, 'apply-retried') },
  { name: 'effect-applied', description: 'a message took effect', reached: (sim) => sim.world.history.some((e) => e.f === 'apply' && e.type === 'ok') },
];
