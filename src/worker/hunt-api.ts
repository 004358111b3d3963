// The contract between the page and a bug hunt's worker: a batch of seeds in, one outcome per
// seed out (plain data, never a throw).
import type { HuntBatch, HuntBatchAnswer } from '../hunt/batch';

export type { HuntBatch, HuntBatchAnswer };

export interface HuntWorkerApi {
  hunt(batch: HuntBatch): HuntBatchAnswer;
}
