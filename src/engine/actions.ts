// User actions and faults as data: a click in the UI, a line of a scenario and a CLI fault
// schedule are all one of these, applied at a virtual time.
import type { NodeId, Operation } from './types';

/** A node reference: an id, or "leader", resolved when the action runs. */
export type NodeRef = NodeId | 'leader';

export type Action =
  | { do: 'crash'; node: NodeRef }
  | { do: 'restart'; node: NodeRef }
  | { do: 'pause'; node: NodeRef; durationMs: number }
  | { do: 'timeout'; node: NodeRef }
  | { do: 'partition'; groups: NodeId[][] }
  | { do: 'cut'; from: NodeId; to: NodeId; oneWay?: boolean }
  /** Without from/to: heal every link. With them: heal that link (both ways unless oneWay). */
  | { do: 'heal'; from?: NodeId; to?: NodeId; oneWay?: boolean }
  | { do: 'request'; node: NodeRef; op: Operation; client?: string }
  | { do: 'network'; latencyMs?: [number, number]; drop?: number; duplicate?: number }
  | { do: 'skew'; node: NodeId; offsetMs: number }
  /** A lab's own action (the CAP lab's setMode), validated by that lab's schema. */
  | { do: 'lab'; name: string; [field: string]: unknown };

export type TimedAction = Action & { at: number };

/** Actions in time order, keeping the given order among actions at the same time: the order a
 * replay applies them in, whatever order a file lists them in. */
export function sortByTime(actions: readonly TimedAction[]): TimedAction[] {
  return actions
    .map((action, index) => ({ action, index }))
    .sort((a, b) => a.action.at - b.action.at || a.index - b.index)
    .map(({ action }) => action);
}
