// The coordinator: the server a client talks to. It sends a write to the key's N replicas and
// answers once W have acknowledged; it asks the N replicas for a read and answers once R have
// replied, with the newest version (LWW) or the siblings' pick (version vectors), then repairs
// replicas that answered with less (§4.5). A replica silent for a while is presumed down: with a
// sloppy quorum the next servers on the ring stand in for it and keep hints (§4.6); with hinted
// handoff alone the coordinator keeps the hint itself.
import { reply } from '../client/messages';
import type { Effect, NodeContext, NodeId, Operation, Step } from '../../engine/types';
import { TIMING } from './config';
import { allAnswered, closeCoordination, requestKey, escalateTimer, expireTimer, openCoordination, putCoordination, standingInFor } from './coordination';
import { fallbacks, preferenceList } from './ring';
import { keepHint, readableVersions, storeVersions, versionsOf } from './store';
import type { Coordination, DynamoState, Get, Put, Repair, Version } from './types';
import { mergeVersions, nextVector, sameVersions, valueOf } from './versions';

/** How many coordinated writes a node remembers for the lab. */
export const WRITE_LOG_LIMIT = 200;
const COORDINATION = 'dynamo-coordination';
const HINT = 'dynamo-hint';

export function keyOf(op: Operation): string {
  return op.key ?? 'x';
}

/** A client's request arrives: coordinate it (a duplicate of an open one is ignored). */
export function coordinate(state: DynamoState, client: NodeId, requestId: number, op: Operation, ctx: NodeContext): Step<DynamoState> {
  const duplicate = state.finished.includes(requestKey(client, requestId)) || Object.values(state.coordinating).some((c) => c.client === client && c.requestId === requestId);
  if (duplicate) return [state, []];
  if (op.f !== 'read' && op.f !== 'write') return [state, [reply(client, requestId, { status: 'fail', error: `${op.f} is not supported: Dynamo has no compare-and-set` })]];
  const out: Effect[] = [];
  const key = keyOf(op);
  const cid = ctx.next(COORDINATION, 1);
  const replicas = preferenceList(key, ctx.servers, state.config.n);
  const targets = op.f === 'write' ? replicas : readTargets(replicas, ctx.id).slice(0, state.config.r);
  const asked = targets.map((node) => ({ node, hintFor: null }));
  let coordination: Coordination = { id: cid, client, requestId, op, key, version: null, asked, answered: [], responses: [], replied: false };
  let next = state;
  if (op.f === 'write') [next, coordination] = newVersion(state, coordination, ctx);
  for (const { node } of asked) {
    if (node === ctx.id) [next, coordination] = answerLocally(next, coordination, node, null, ctx);
    else out.push({ kind: 'send', to: node, message: request(coordination, null) });
  }
  out.push({ kind: 'set-timer', timer: escalateTimer(cid), afterMs: TIMING.presumeDownMs, quiet: true });
  out.push({ kind: 'set-timer', timer: expireTimer(cid), afterMs: TIMING.requestTimeoutMs, quiet: true });
  return [progress(putCoordination(next, coordination), coordination, ctx, out), out];
}

/** Whom a read asks first (as Cassandra does; Dynamo asks all N): its own copy if it has one, then
 * the replicas after it on the ring, so each coordinator reads from the same neighbours. */
export function readTargets(replicas: readonly NodeId[], me: NodeId): NodeId[] {
  const at = replicas.indexOf(me);
  return at < 0 ? replicas.slice() : [...replicas.slice(at), ...replicas.slice(0, at)];
}

/** The write's version: stamped with this node's clock, its vector built on what this node holds. */
function newVersion(state: DynamoState, coordination: Coordination, ctx: NodeContext): [DynamoState, Coordination] {
  const seq = state.seq + 1;
  const version: Version = { value: coordination.op.value, stamp: { ms: ctx.clockMs, node: ctx.id, seq }, vv: nextVector(versionsOf(state.store, coordination.key), ctx.id, seq) };
  const log = [...state.writes.slice(-(WRITE_LOG_LIMIT - 1)), { key: coordination.key, value: version.value, stamp: version.stamp, versioning: state.config.versioning }];
  return [{ ...state, seq, writes: log }, { ...coordination, version }];
}

function request(coordination: Coordination, hintFor: NodeId | null): Put | Get {
  if (coordination.version) return { type: 'Put', cid: coordination.id, key: coordination.key, versions: [coordination.version], hintFor };
  return { type: 'Get', cid: coordination.id, key: coordination.key };
}

/** The coordinator is one of the nodes asked: it writes or reads its own copy at once. */
function answerLocally(state: DynamoState, coordination: Coordination, node: NodeId, hintFor: NodeId | null, ctx: NodeContext): [DynamoState, Coordination] {
  if (coordination.version) {
    const next = hintFor ? keepHint(state, hintFor, coordination.key, [coordination.version], () => ctx.next(HINT, 1)) : storeVersions(state, coordination.key, [coordination.version]);
    return [next, { ...coordination, answered: [...coordination.answered, node] }];
  }
  const versions = readableVersions(state, coordination.key);
  return [state, { ...coordination, answered: [...coordination.answered, node], responses: [...coordination.responses, { node, versions }] }];
}

/** A replica acknowledged a write or answered a read. */
export function onAnswer(state: DynamoState, from: NodeId, cid: number, versions: Version[] | null, ctx: NodeContext): Step<DynamoState> {
  const open = openCoordination(state, cid);
  if (!open || open.answered.includes(from) || !open.asked.some((a) => a.node === from)) return [state, []];
  const coordination: Coordination = {
    ...open,
    answered: [...open.answered, from],
    responses: versions ? [...open.responses, { node: from, versions }] : open.responses,
  };
  const out: Effect[] = [];
  return [progress(putCoordination(state, coordination), coordination, ctx, out), out];
}

/** Replies once the quorum is met; repairs and closes once everyone asked has answered. */
function progress(state: DynamoState, coordination: Coordination, ctx: NodeContext, out: Effect[]): DynamoState {
  let next = state;
  let current = coordination;
  const needed = current.version ? state.config.w : state.config.r;
  if (!current.replied && current.answered.length >= needed) {
    current = { ...current, replied: true };
    next = putCoordination(next, current);
    answerClient(current, state, ctx, out);
  }
  if (current.replied && allAnswered(current)) {
    if (!current.version) next = readRepair(next, current, ctx, out);
    next = closeCoordination(next, current.id, out);
  }
  return next;
}

function answerClient(coordination: Coordination, state: DynamoState, ctx: NodeContext, out: Effect[]): void {
  const { client, requestId, key } = coordination;
  if (coordination.version) {
    out.push(reply(client, requestId, { status: 'ok' }));
    const standIns = coordination.answered.filter((node) => standingInFor(coordination, node) !== null);
    if (standIns.length > 0) {
      const pairs = standIns.map((node) => `${node} for ${standingInFor(coordination, node)}`).join(', ');
      out.push({ kind: 'note', tag: 'sloppy-write', text: `${ctx.id}: write ${key}=${JSON.stringify(coordination.version.value)} reached W=${state.config.w} with stand-ins (${pairs}): a sloppy quorum`, data: { key } });
    }
    return;
  }
  const merged = mergeAll(coordination, state);
  if (merged.length > 1) {
    const values = merged.map((v) => JSON.stringify(v.value)).join(', ');
    out.push({ kind: 'note', tag: 'siblings', text: `${ctx.id}: read ${key} found ${merged.length} siblings (${values}); the client takes ${JSON.stringify(valueOf(merged))}, the latest timestamp`, data: { key, count: merged.length } });
  }
  out.push(reply(client, requestId, { status: 'ok', value: valueOf(merged) }));
}

function mergeAll(coordination: Coordination, state: DynamoState): Version[] {
  return coordination.responses.reduce<Version[]>((acc, response) => mergeVersions(acc, response.versions, state.config.versioning), []);
}

/** Read repair (§4.5): every replica that answered with less than the merged result gets it. */
function readRepair(state: DynamoState, coordination: Coordination, ctx: NodeContext, out: Effect[]): DynamoState {
  if (!state.config.readRepair) return state;
  const merged = mergeAll(coordination, state);
  let next = state;
  const repaired: NodeId[] = [];
  for (const response of coordination.responses) {
    if (standingInFor(coordination, response.node) !== null || sameVersions(response.versions, mergeVersions(response.versions, merged, state.config.versioning))) continue;
    repaired.push(response.node);
    if (response.node === ctx.id) next = storeVersions(next, coordination.key, merged);
    else out.push({ kind: 'send', to: response.node, message: { type: 'Repair', key: coordination.key, versions: merged } satisfies Repair });
  }
  if (repaired.length > 0) out.push({ kind: 'note', tag: 'read-repair', text: `${ctx.id}: read repair sends ${coordination.key}=${JSON.stringify(valueOf(merged))} to ${repaired.join(', ')}`, data: { key: coordination.key } });
  return next;
}

/** Replicas silent since the request went out are presumed down (§4.6): a read asks the key's
 * other replicas; then, with a sloppy quorum, the next servers on the ring stand in. */
export function onPresumeDown(state: DynamoState, cid: number, ctx: NodeContext): Step<DynamoState> {
  const open = openCoordination(state, cid);
  if (!open) return [state, []];
  const unasked = preferenceList(open.key, ctx.servers, state.config.n).filter((node) => !open.asked.some((a) => a.node === node));
  if (!open.version && unasked.length > 0 && open.answered.length < state.config.r) return askMore(state, open, unasked, ctx);
  const silent = open.asked.filter((a) => a.hintFor === null && !open.answered.includes(a.node)).map((a) => a.node);
  if (silent.length === 0) return [state, []];
  const out: Effect[] = [];
  if (state.config.sloppyQuorum) return [standIn(state, open, silent, ctx, out), out];
  if (open.version && state.config.hintedHandoff) {
    let next = state;
    for (const node of silent) next = keepHint(next, node, open.key, [open.version], () => ctx.next(HINT, 1));
    out.push({ kind: 'note', tag: 'coordinator-hint', text: `${ctx.id} keeps ${open.key}=${JSON.stringify(open.version.value)} as a hint for ${silent.join(', ')}`, data: { key: open.key } });
    return [next, out];
  }
  return [state, []];
}

/** A read short of R replies asks the replicas it skipped, and looks again after the same wait. */
function askMore(state: DynamoState, open: Coordination, unasked: NodeId[], ctx: NodeContext): Step<DynamoState> {
  const out: Effect[] = unasked.map((node) => ({ kind: 'send', to: node, message: request(open, null) }));
  out.push({ kind: 'set-timer', timer: escalateTimer(open.id), afterMs: TIMING.presumeDownMs, quiet: true });
  const coordination = { ...open, asked: [...open.asked, ...unasked.map((node) => ({ node, hintFor: null }))] };
  return [putCoordination(state, coordination), out];
}

/** A sloppy quorum: the first servers past the preference list stand in for the silent ones. */
function standIn(state: DynamoState, open: Coordination, silent: NodeId[], ctx: NodeContext, out: Effect[]): DynamoState {
  const used = new Set(open.asked.map((a) => a.node));
  const spare = fallbacks(open.key, ctx.servers, state.config.n).filter((node) => !used.has(node));
  let next = state;
  let coordination = open;
  silent.slice(0, spare.length).forEach((intended, i) => {
    const node = spare[i];
    const hintFor = open.version ? intended : null;
    coordination = { ...coordination, asked: [...coordination.asked, { node, hintFor: intended }] };
    if (node === ctx.id) [next, coordination] = answerLocally(next, coordination, node, hintFor, ctx);
    else out.push({ kind: 'send', to: node, message: request(coordination, hintFor) });
  });
  return progress(putCoordination(next, coordination), coordination, ctx, out);
}

/** The request's time is up: a read that missed its quorum fails (nothing changed); a write that
 * missed it gets no answer, since some replicas may hold it (its outcome is unknown). */
export function onExpire(state: DynamoState, cid: number, ctx: NodeContext): Step<DynamoState> {
  const open = openCoordination(state, cid);
  if (!open) return [state, []];
  const out: Effect[] = [];
  let next = state;
  if (!open.replied && !open.version) {
    out.push(reply(open.client, open.requestId, { status: 'fail', error: `only ${open.answered.length} of R=${state.config.r} replicas answered` }));
  }
  if (!open.replied && open.version) {
    out.push({ kind: 'note', tag: 'write-unconfirmed', text: `${ctx.id}: write ${open.key}=${JSON.stringify(open.version.value)} has ${open.answered.length} of W=${state.config.w} acknowledgements; no answer, as it may still take effect`, data: { key: open.key } });
  }
  if (open.replied && !open.version) next = readRepair(next, open, ctx, out);
  return [closeCoordination(next, cid, out), out];
}
