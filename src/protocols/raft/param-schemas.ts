// Raft's parameters as a scenario validator checks them (valibot schemas, one per param).
import * as v from 'valibot';

const positiveMs = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000));

export const raftParamSchemas: Record<string, v.GenericSchema> = {
  electionTimeoutMs: v.pipe(v.tuple([positiveMs, positiveMs]), v.check(([low, high]) => low <= high, 'the first number must not exceed the second')),
  heartbeatMs: positiveMs,
  maxEntriesPerAppend: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
  /** A rule broken on purpose (see RaftParams.bug). */
  bug: v.nullable(v.picklist(['vote-twice'])),
  /** Thesis §9.6: pre-vote before an election (see RaftParams.preVote). */
  preVote: v.boolean(),
  /** Thesis §6.4: how a leader answers reads (see RaftParams.reads). */
  reads: v.picklist(['log', 'read-index', 'lease']),
  /** Raft §7: compact the log every this many applied entries; 0 never (see RaftParams.snapshotEvery). */
  snapshotEvery: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
};
