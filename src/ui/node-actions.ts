// What the node menu offers for a node, each item already the Action the worker will receive.
import type { Action } from '../engine/actions';
import type { NodeFrame } from '../engine/frame';

export const PAUSE_DURATION_MS = 2000;
export const WRITE_KEY = 'x';

export interface NodeMenuItem {
  id: 'crash' | 'restart' | 'pause' | 'timeout' | 'write';
  label: string;
  action: Action;
  disabled: boolean;
}

export function nodeMenuItems(node: NodeFrame, nextWriteValue: number): NodeMenuItem[] {
  const id = node.id;
  const down = !node.up;
  return [
    down
      ? { id: 'restart', label: 'Restart', action: { do: 'restart', node: id }, disabled: false }
      : { id: 'crash', label: 'Crash', action: { do: 'crash', node: id }, disabled: false },
    {
      id: 'pause',
      label: 'Pause 2 s',
      action: { do: 'pause', node: id, durationMs: PAUSE_DURATION_MS },
      disabled: down,
    },
    { id: 'timeout', label: 'Time out now', action: { do: 'timeout', node: id }, disabled: down },
    {
      id: 'write',
      label: `Client write ${WRITE_KEY}=${nextWriteValue}`,
      action: { do: 'request', node: id, op: { f: 'write', key: WRITE_KEY, value: nextWriteValue } },
      disabled: false,
    },
  ];
}

/** True for an action that used up the next write value. */
export function isClientWrite(action: Action): boolean {
  return action.do === 'request' && action.op.f === 'write';
}
