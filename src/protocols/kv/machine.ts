// The key/value store as a state machine Raft can replicate: a command is the client's
// operation itself (read, write or cas on a key), applied in log order (Raft §5.3).
import type { Operation } from '../../engine/types';
import type { StateMachine } from '../raft/state-machine';
import { operationKey, operationLabel } from './labels';
import { applyOp, describeKeyValue, isSupported, type KeyValue } from './store';

/** A copy of the op: the entry must not change if the caller later fills in a read's value. */
export function commandOf(op: Operation): Operation {
  return op.f === 'read' ? { f: op.f, key: op.key } : { f: op.f, key: op.key, value: op.value };
}

export const kvMachine: StateMachine<KeyValue> = {
  init: () => ({}),
  command: (op) => (isSupported(op) ? { command: commandOf(op) } : { error: `unsupported operation ${op.f}` }),
  apply(machine, command) {
    const op = command as Operation;
    if (op.f === 'read') return { machine, result: applyOp(machine, op) };
    const next = { ...machine };
    return { machine: next, result: applyOp(next, op) };
  },
  isQuery: (command) => (command as Operation).f === 'read',
  label: (command) => operationLabel(command as Operation),
  key: (command) => operationKey(command as Operation),
  describe: (machine) => describeKeyValue(machine),
};
