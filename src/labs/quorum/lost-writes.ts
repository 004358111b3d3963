// Writes last-writer-wins silently drops: a write acknowledged to its client that began after
// another write had completed, yet got an older timestamp (its coordinator's clock runs behind),
// so every replica that holds the earlier write discards it. Found by joining the history's real
// time order with the stamps the coordinators gave their writes (values are unique per run).
import type { HistoryOperation } from '../../checkers/index';
import { valueKey } from '../../checkers/values';
import { compareStamps, type CoordinatedWrite, type Stamp } from '../../protocols/dynamo/index';

export interface LostWrite {
  /** The later write, ranked older. */
  write: HistoryOperation;
  /** The earlier write that wins over it. */
  winner: HistoryOperation;
  writeStampMs: number;
  winnerStampMs: number;
  sentence: string;
}

const who = (op: HistoryOperation) => op.client ?? `process ${op.process}`;

/** Later writes ranked below an earlier completed one by LWW, in invocation order. A sweep per key:
 * writes by invocation time, against the greatest stamp among the writes completed before it. */
export function findLostWrites(operations: readonly HistoryOperation[], coordinated: readonly CoordinatedWrite[]): LostWrite[] {
  const stamps = new Map(coordinated.filter((w) => w.versioning === 'lww').map((w) => [`${w.key}\u0000${valueKey(w.value)}`, w.stamp]));
  const stampOf = (op: HistoryOperation) => stamps.get(`${op.key ?? 'x'}\u0000${valueKey(op.input)}`);
  const lost: LostWrite[] = [];
  const byKey = new Map<string, { op: HistoryOperation; stamp: Stamp }[]>();
  for (const op of operations) {
    const stamp = op.f === 'write' && op.outcome === 'ok' ? stampOf(op) : undefined;
    if (!stamp) continue;
    const list = byKey.get(op.key ?? 'x') ?? [];
    list.push({ op, stamp });
    byKey.set(op.key ?? 'x', list);
  }
  for (const writes of byKey.values()) {
    const byReturn = [...writes].sort((a, b) => (a.op.returnTime ?? Infinity) - (b.op.returnTime ?? Infinity));
    let next = 0;
    let winner: { op: HistoryOperation; stamp: Stamp } | null = null;
    for (const write of [...writes].sort((a, b) => (a.op.callTime ?? 0) - (b.op.callTime ?? 0))) {
      for (; next < byReturn.length && (byReturn[next].op.returnTime ?? Infinity) < (write.op.callTime ?? 0); next++) {
        if (!winner || compareStamps(byReturn[next].stamp, winner.stamp) > 0) winner = byReturn[next];
      }
      if (winner && compareStamps(winner.stamp, write.stamp) > 0) lost.push(describe(write.op, write.stamp, winner.op, winner.stamp));
    }
  }
  return lost.sort((a, b) => a.write.callIndex - b.write.callIndex);
}

function describe(write: HistoryOperation, stamp: Stamp, winner: HistoryOperation, winnerStamp: Stamp): LostWrite {
  const key = write.key ?? 'x';
  return {
    write, winner, writeStampMs: stamp.ms, winnerStampMs: winnerStamp.ms,
    sentence: `${who(write)}'s write ${key}=${JSON.stringify(write.input)} began after ${who(winner)}'s write ${key}=${JSON.stringify(winner.input)} had completed, but its timestamp (${stamp.ms} ms on ${stamp.node}'s clock) is older than ${winnerStamp.ms} ms: last-writer-wins keeps ${JSON.stringify(winner.input)} and silently drops ${JSON.stringify(write.input)}`,
  };
}
