// The key/value store: a state machine (read, write, cas) for Raft or any replication scheme.
export { kvMachine, commandOf } from './machine';
export { applyOp, describeKeyValue, isSupported, setKey, type KeyValue } from './store';
export { formatValue, operationKey, operationLabel } from './labels';
export { raftKv } from './raft-kv';
