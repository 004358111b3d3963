// The kv model: a map of keys, each a read/write/cas register. Partitioned by key it is exactly
// the register per key, so single-key operations reuse the register's checker (its encoded search
// and proofs). A `txn` touching several keys joins them into one part, checked as a whole map.

import { checkModelPartition } from '../generic-check';
import type { HistoryOperation } from '../operations';
import { checkRegisterPartition } from '../register-check';
import { keysOf, kvMapModel, microOps, type KvState } from './kv-map';
import type { HistoryModel } from './model';

export const kvModel: HistoryModel<KvState> = {
  ...kvMapModel,
  summary: 'a map of registers: read, write and cas per key (as the register, key by key) and txn [[f key value]…] reading and writing several keys atomically',
  partition: partitionByJoinedKeys,
  checkValue: (f, _type, value) => (f === 'txn' && microOps(value) === null ? `a txn value must be a list of [read|write, key, value], got ${JSON.stringify(value) ?? 'nothing'}` : null),
  checkPartition(operations, key, context) {
    if (!operations.some((op) => op.f === 'txn')) return checkRegisterPartition(operations, key, context);
    return checkModelPartition(kvMapModel, operations, key, context);
  },
};

/** Keys joined by a shared txn form one part (union-find), named by its keys; order kept. */
function partitionByJoinedKeys(operations: readonly HistoryOperation[]): Map<string | undefined, HistoryOperation[]> {
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    let r = key;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(key, r);
    return r;
  };
  for (const op of operations) {
    const [first, ...rest] = keysOf(op);
    if (first === undefined) continue;
    for (const key of rest) parent.set(root(key), root(first));
    root(first);
  }
  const members = new Map<string, string[]>();
  for (const key of parent.keys()) {
    const r = root(key);
    if (!members.has(r)) members.set(r, []);
    members.get(r)!.push(key);
  }
  const parts = new Map<string | undefined, HistoryOperation[]>();
  for (const op of operations) {
    const first = keysOf(op)[0];
    // A key-less register operation keeps the key `undefined`, as the register's parts do.
    const name = first === undefined ? undefined : partName(members.get(root(first))!, op);
    if (!parts.has(name)) parts.set(name, []);
    parts.get(name)!.push(op);
  }
  return parts;
}

function partName(keys: string[], op: HistoryOperation): string | undefined {
  if (keys.length > 1) return [...keys].sort().join(', ');
  return op.f === 'txn' ? keys[0] : op.key;
}
