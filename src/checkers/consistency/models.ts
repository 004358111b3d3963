// Each model of the map as orders to find (Ahamad et al.'s per-process views; Viotti & Vukolić's
// session guarantees, each on its own). A session p's *view* holds every write and p's own
// operations; it must be one order in which each of p's reads sees the write it read from as the
// latest write of its key, and which respects:
//   sequential           one order of all operations (every read checked), session order kept
//   causal               per view: causal order (session order and writes-into, transitively)
//   pram                 per view: every session's order
//   read-your-writes     per view: p's writes before p's later reads
//   monotonic-reads      per view: p's reads in p's order
//   monotonic-writes     per view: every session's writes in that session's order
//   writes-follow-reads  per view: a write after the writes its session had read before it
// Other sessions' reads stay in every view as unchecked items, so orders through them are kept.
// An order of pairs (w before r for every w →so r) is built from one marker per operation, in
// session order, so it takes linear room.

import type { Normalized } from './normalize';
import { searchView, type ViewOutcome, type ViewProblem, type ViewVerdict } from './view-search';

export type WeakModel = 'sequential' | 'causal' | 'pram' | 'read-your-writes' | 'monotonic-reads' | 'monotonic-writes' | 'writes-follow-reads';

export interface ModelOutcome {
  verdict: ViewVerdict;
  steps: number;
  /** On invalid: the view that has no order (session null: the one order of sequential). */
  failing?: { session: number | null; outcome: ViewOutcome; problem: ViewProblem };
}

interface Builder {
  preds: number[][];
  key: number[];
  readsFrom: number[];
  writes: number[];
  rank: number[];
}

function baseView(problem: Normalized, session: number | null): Builder {
  const { ops } = problem;
  return {
    preds: ops.map(() => []),
    key: ops.map((op) => op.key),
    readsFrom: ops.map((op) => (session === null || op.session === session ? op.readsFrom : -1)),
    writes: ops.map((op) => (op.writes ? 1 : 0)),
    rank: ops.map((op) => op.source?.callIndex ?? -1),
  };
}

function addSessionOrder(problem: Normalized, view: Builder): void {
  problem.sessionPredecessors.forEach((preds, i) => view.preds[i].push(...preds));
}

function addWritesInto(problem: Normalized, view: Builder): void {
  for (const op of problem.ops) if (op.readsFrom >= 0) view.preds[op.index].push(op.readsFrom);
}

/** For every a →so b of the session: sources(a) before b when b is a target, via markers. */
function addMarkers(problem: Normalized, view: Builder, session: number, sources: (i: number) => number[], isTarget: (i: number) => boolean): void {
  const marker = new Map<number, number>();
  for (const b of problem.bySession[session]) {
    const m = view.preds.length;
    const preds: number[] = [];
    for (const a of problem.sessionPredecessors[b]) preds.push(marker.get(a)!, ...sources(a));
    view.preds.push(preds);
    view.key.push(-1);
    view.readsFrom.push(-1);
    view.writes.push(0);
    view.rank.push(problem.ops[b].source!.callIndex);
    marker.set(b, m);
    if (isTarget(b)) view.preds[b].push(m);
  }
}

function viewFor(problem: Normalized, model: WeakModel, session: number | null): ViewProblem {
  const view = baseView(problem, session);
  const { ops } = problem;
  const reads = (i: number): boolean => ops[i].readsFrom >= 0;
  const writes = (i: number): boolean => ops[i].writes;
  const all = [...Array(problem.sessions).keys()];
  if (model === 'sequential' || model === 'pram') addSessionOrder(problem, view);
  else if (model === 'causal') {
    addSessionOrder(problem, view);
    addWritesInto(problem, view);
  } else if (model === 'read-your-writes') addMarkers(problem, view, session!, (a) => (writes(a) ? [a] : []), reads);
  else if (model === 'monotonic-reads') addMarkers(problem, view, session!, (a) => (reads(a) ? [a] : []), reads);
  else if (model === 'monotonic-writes') for (const q of all) addMarkers(problem, view, q, (a) => (writes(a) ? [a] : []), writes);
  else for (const q of all) addMarkers(problem, view, q, (a) => (reads(a) ? [ops[a].readsFrom] : []), writes);
  const count = view.preds.length;
  return {
    count,
    keyCount: problem.keys.length,
    key: Int32Array.from(view.key),
    readsFrom: Int32Array.from(view.readsFrom),
    writes: Uint8Array.from(view.writes),
    preExecuted: Uint8Array.from({ length: count }, (_, i) => (i < ops.length && ops[i].initial ? 1 : 0)),
    preds: view.preds,
    rank: Float64Array.from(view.rank),
  };
}

/** Sessions whose view has something to check: they read. */
function readingSessions(problem: Normalized): number[] {
  const out = new Set<number>();
  for (const op of problem.ops) if (op.readsFrom >= 0 && op.session < problem.sessions) out.add(op.session);
  return [...out].sort((x, y) => x - y);
}

/** Decides one model of the map within `budgetSteps` search steps. */
export function checkModel(problem: Normalized, model: WeakModel, budgetSteps: number): ModelOutcome {
  const sessions = model === 'sequential' ? [null] : readingSessions(problem);
  let steps = 0;
  let verdict: ViewVerdict = 'valid';
  for (const session of sessions) {
    const view = viewFor(problem, model, session);
    const outcome = searchView(view, Math.max(0, budgetSteps - steps));
    steps += outcome.steps;
    if (outcome.verdict === 'invalid') return { verdict: 'invalid', steps, failing: { session, outcome, problem: view } };
    if (outcome.verdict === 'unknown') verdict = 'unknown';
  }
  return { verdict, steps };
}
