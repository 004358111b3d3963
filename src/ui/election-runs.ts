// The event log's lines: repeated elections by one node (a minority side that cannot win keeps
// timing out, term after term) fold into one line, "n4: 27 elections, terms 4–31", so they do not
// flood out everything else. Every other event keeps its own line.
import type { TraceEvent } from '../engine/frame';
import { eventLine, formatTimeMs } from './labels';

export interface LogLine {
  /** Stable across frames: the event's seq, or the run's first seq. */
  key: string;
  timeMs: number;
  kind: TraceEvent['kind'];
  text: string;
  /** The number of events this line stands for (1 for a plain event). */
  count: number;
}

/** Tags of a node's own election churn: starting an election (or a pre-vote round) and a
 * candidate giving up when it hears a higher term. */
const ELECTION = 'became-candidate';
const CHURN = new Set([ELECTION, 'pre-vote']);

function nodeOf(event: TraceEvent): string | undefined {
  const fromData = event.data?.node;
  return event.node ?? (typeof fromData === 'string' ? fromData : undefined);
}

function isChurn(event: TraceEvent): boolean {
  if (event.kind !== 'note' || !event.tag) return false;
  return CHURN.has(event.tag) || (event.tag === 'stepped-down' && event.data?.from === 'candidate');
}

function termOf(event: TraceEvent): number | null {
  const term = event.data?.term;
  if (typeof term === 'number') return term;
  const match = /term (\d+)/.exec(event.text ?? '');
  return match ? Number(match[1]) : null;
}

/** "n4: 27 elections, terms 4–31". */
export function electionRunText(node: string, elections: readonly TraceEvent[]): string {
  const terms = elections.map(termOf).filter((term): term is number => term !== null);
  const span = terms.length === 0 ? '' : `, terms ${Math.min(...terms)}–${Math.max(...terms)}`;
  return `${node}: ${elections.length} elections${span}`;
}

/** Each node's runs of churn, broken by anything else that node does (winning, crashing…). */
function churnRuns(events: readonly TraceEvent[]): TraceEvent[][] {
  const open = new Map<string, TraceEvent[]>();
  const runs: TraceEvent[][] = [];
  for (const event of events) {
    const node = nodeOf(event);
    if (node === undefined) continue;
    if (isChurn(event)) {
      const run = open.get(node) ?? [];
      if (run.length === 0) open.set(node, run);
      run.push(event);
    } else if (open.has(node)) {
      runs.push(open.get(node)!);
      open.delete(node);
    }
  }
  return [...runs, ...open.values()];
}

/** Log lines, oldest first: runs with at least `minElections` elections become one line, placed
 * where the run's newest event was. */
export function logLines(events: readonly TraceEvent[], minElections = 3): LogLine[] {
  const folded = new Map<number, TraceEvent[]>();
  const hidden = new Set<number>();
  for (const run of churnRuns(events)) {
    if (run.filter((event) => event.tag === ELECTION).length < minElections) continue;
    folded.set(run[run.length - 1].seq, run);
    for (const event of run) hidden.add(event.seq);
  }
  const lines: LogLine[] = [];
  for (const event of events) {
    const run = folded.get(event.seq);
    if (run) {
      const elections = run.filter((e) => e.tag === ELECTION);
      lines.push({ key: `run-${run[0].seq}`, timeMs: event.timeMs, kind: 'note', text: `${formatTimeMs(event.timeMs)} — ${electionRunText(nodeOf(event)!, elections)}`, count: run.length });
    } else if (!hidden.has(event.seq)) {
      lines.push({ key: String(event.seq), timeMs: event.timeMs, kind: event.kind, text: eventLine(event), count: 1 });
    }
  }
  return lines;
}
