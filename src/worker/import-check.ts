// An imported file, read and judged where the work belongs (the worker, so a 100k-operation EDN
// history never blocks the page): a scenario goes back to the page to load; a history comes back
// with the checkers' verdicts, ready for the history view.
import { checkHistory } from '../checkers/index';
import type { HistoryEvent } from '../engine/types';
import { classifyImport } from '../ui/export/import-file';

/** What the checkers found in an imported history (register model). */
export interface ImportedVerdict {
  ops: number;
  linearizable: true | false | 'unknown';
  /** On a violation: one sentence and the history indexes of the invokes it names. */
  explanation: { sentence: string; operations: number[] } | null;
  sessions: { guarantee: string; client: string; sentence: string; operations: number[] }[];
  /** Set when the history could not be paired into operations. */
  error: string | null;
}

export type ImportAnswer =
  | { kind: 'scenario'; scenario: unknown }
  | { kind: 'history'; history: HistoryEvent[]; verdict: ImportedVerdict }
  | { kind: 'error'; issues: string[] };

/** Step budget for an imported history: enough for large files, bounded so the worker answers. */
const IMPORT_BUDGET_STEPS = 2_000_000;

export function readImport(filename: string, text: string): ImportAnswer {
  const read = classifyImport(filename, text);
  if (read.kind !== 'history') return read;
  // Jepsen histories name processes, not clients: a lane per process.
  const history = read.history.map((event) => (event.client ? event : { ...event, client: `p${event.process}` }));
  return { kind: 'history', history, verdict: judge(history) };
}

function judge(history: readonly HistoryEvent[]): ImportedVerdict {
  const checked = checkHistory(history, { budgetSteps: IMPORT_BUDGET_STEPS });
  if (!checked.ok) return { ops: 0, linearizable: 'unknown', explanation: null, sessions: [], error: checked.error.message };
  const { linearizability, sessions, operations } = checked;
  const explanation = linearizability.explanation
    ? { sentence: linearizability.explanation.sentence, operations: linearizability.explanation.involved.map((op) => op.callIndex) }
    : null;
  return {
    ops: operations.length,
    linearizable: linearizability.valid,
    explanation,
    sessions: sessions.map((v) => ({
      guarantee: v.guarantees.join(' / '),
      client: v.session,
      sentence: v.sentence,
      operations: [v.operation, v.earlier, v.later].filter((op) => op !== null).map((op) => op!.callIndex),
    })),
    error: null,
  };
}
