// A batch of seeds for one Web Worker call: the page hands its pool small batches, so progress
// moves often and a cancel wastes little. Never throws across the worker boundary.
import { huntAndShrink, type HuntOutcome, type HuntPlan } from './hunt';

export interface HuntBatch {
  plan: HuntPlan;
  seeds: number[];
  shrink: boolean;
  budget?: number;
}

/** One entry per seed, in order: the outcome of a failing seed, null for one that held. */
export type HuntBatchAnswer = { ok: true; outcomes: (HuntOutcome | null)[] } | { ok: false; error: string };

export function huntBatch(batch: HuntBatch): HuntBatchAnswer {
  try {
    const outcomes = batch.seeds.map((seed) => huntAndShrink({ ...batch.plan, seed }, { shrink: batch.shrink, budget: batch.budget }));
    return { ok: true, outcomes };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
