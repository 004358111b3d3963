// Where each client request sits in a log, for Raft §8's duplicate check. Searching the log from
// its end for every request made a long log's requests cost its length each; this index is built
// once and then carried from each log to the one made from it (see log-lineage.ts), updated by
// the entries that changed only. It answers exactly what the search did: the highest index at or
// above a floor whose entry came from the request.
import { hide } from '../owned-record';
import { lineageOf } from './log-lineage';
import { snapshotIndex, type Compacted } from './log';
import type { LogEntry } from './types';

interface RequestIndex {
  /** The log's snapshot index and last index when the index was last brought up to date. */
  base: number;
  last: number;
  /** client → requestId → the indexes of its entries, ascending. */
  byClient: Map<string, Map<number, number[]>>;
}

/** Kept on the log array under a hidden symbol, as the lineage is: a checkpoint's clone rebuilds it. */
const INDEX: unique symbol = Symbol('request-index');
type Indexed = LogEntry[] & { [INDEX]?: RequestIndex | undefined };

/** The highest index ≥ `from` whose entry was appended for (client, requestId), or 0. */
export function indexOfRequest(state: Compacted, client: string, requestId: number, from: number): number {
  const list = requestIndexOf(state).byClient.get(client)?.get(requestId);
  const highest = list === undefined || list.length === 0 ? 0 : list[list.length - 1];
  return highest >= from ? highest : 0;
}

function requestIndexOf(state: Compacted): RequestIndex {
  const log = state.log as Indexed;
  const known = log[INDEX];
  if (known !== undefined) return caughtUp(known, state);
  const index = inheritedIndex(state) ?? buildIndex(state);
  if (Object.isExtensible(log)) hide(log, INDEX, index); // tests freeze states to prove handlers pure
  return index;
}

/** Adds the entries pushed onto the log since the index last saw it (logs grow in place). */
function caughtUp(index: RequestIndex, state: Compacted): RequestIndex {
  const last = snapshotIndex(state) + state.log.length;
  for (let at = index.last + 1; at <= last; at++) add(index, state.log[at - index.base - 1], at);
  index.last = last;
  return index;
}

function buildIndex(state: Compacted): RequestIndex {
  const base = snapshotIndex(state);
  const index: RequestIndex = { base, last: base, byClient: new Map() };
  for (let i = 0; i < state.log.length; i++) add(index, state.log[i], base + 1 + i);
  index.last = base + state.log.length;
  return index;
}

/** Takes over the index of an array this log was made from: entries past what the two share
 * leave it, entries now compacted leave it, this log's new entries join it. */
function inheritedIndex(state: Compacted): RequestIndex | null {
  const lineage = lineageOf(state.log);
  if (lineage === undefined) return null;
  for (let i = 0; i < lineage.ancestors.length; i++) {
    const ancestor = lineage.ancestors[i] as Indexed;
    const index = ancestor[INDEX];
    // A frozen ancestor (tests freeze states) keeps its index; this log builds its own.
    if (index === undefined || !Object.isExtensible(ancestor)) continue;
    ancestor[INDEX] = undefined; // one owner: the ancestor rebuilds if it is ever searched again
    const kept = Math.min(lineage.keptUpTo[i], index.last);
    for (let at = index.last; at > kept; at--) removeNewest(index, ancestor[at - index.base - 1]);
    const base = snapshotIndex(state);
    for (let at = index.base + 1; at <= Math.min(base, kept); at++) removeOldest(index, ancestor[at - index.base - 1]);
    const last = base + state.log.length;
    for (let at = Math.max(kept, base) + 1; at <= last; at++) add(index, state.log[at - base - 1], at);
    index.base = base;
    index.last = last;
    return index;
  }
  return null;
}

function add(index: RequestIndex, entry: LogEntry, at: number): void {
  const origin = entry.request;
  if (origin === undefined) return;
  let byRequest = index.byClient.get(origin.client);
  if (byRequest === undefined) index.byClient.set(origin.client, (byRequest = new Map()));
  const list = byRequest.get(origin.requestId);
  if (list === undefined) byRequest.set(origin.requestId, [at]);
  else list.push(at);
}

function listOf(index: RequestIndex, entry: LogEntry): { list: number[]; byRequest: Map<number, number[]>; requestId: number } | null {
  const origin = entry.request;
  if (origin === undefined) return null;
  const byRequest = index.byClient.get(origin.client);
  const list = byRequest?.get(origin.requestId);
  return byRequest === undefined || list === undefined ? null : { list, byRequest, requestId: origin.requestId };
}

function removeNewest(index: RequestIndex, entry: LogEntry): void {
  const found = listOf(index, entry);
  if (found === null) return;
  found.list.pop();
  if (found.list.length === 0) found.byRequest.delete(found.requestId);
}

function removeOldest(index: RequestIndex, entry: LogEntry): void {
  const found = listOf(index, entry);
  if (found === null) return;
  found.list.shift();
  if (found.list.length === 0) found.byRequest.delete(found.requestId);
}
