// The hashing lab's actors. Nodes store the keys whose preference list holds them and hand keys
// over in real Transfer messages when the placement changes (a node joins or leaves the ring, or
// an operator changes the scheme, the tokens or the replicas), resending until the new owner
// acknowledges; a replica still missing a key after that asks the key's other replicas for it
// (repair.ts says why pushing alone is not enough). Clients send Get requests to a key's first
// replica, as their own view places it.
// Membership travels as announcements each node makes about itself, resent until every actor
// acknowledged, so views converge after partitions and crashes.
import type { Effect, Message, NodeContext, NodeId, NodeView, Protocol, Step } from '../../engine/types';
import { handoffTargets, indexOfSorted, withKeys, withoutKeys } from './handoff';
import { initialMembership, membersOf, mergeEntry, type MemberEntry, type Membership } from './membership';
import { keyHashes, keyName, movedKeys, placementFor, preferenceIds, type Placement } from './placement';
import { FETCH_AFTER_MS, fetchRequests, missingKeys } from './repair';
import { placementSettings, readParams, spareCount, type PlacementSettings } from './settings';
import { pickKey } from './workload';

export const NODE_ROLE = 'node';
export const CLIENT_ROLE = 'client';
export const HANDOFF_RETRY_MS = 400;
export const ANNOUNCE_RETRY_MS = 300;
const TICK_MS = 1000;
/** Membership changes a node remembers having made (for the moves chart). */
const CHANGES_KEPT = 12;

/** One change of the placement and how many keys' first replica it moved. */
export interface ChangeRecord {
  atMs: number;
  kind: 'join' | 'leave' | 'settings';
  /** The node that joined or left. */
  node: string | null;
  text: string;
  membersBefore: number;
  membersAfter: number;
  /** Keys whose first replica changed. */
  moved: number;
  /** Of those, keys moved to or from the node that joined or left. */
  involving: number;
  total: number;
  /** The least a change can move: 1/(N+1) of the keys on an add, 1/N on a removal. */
  ideal: number | null;
  /** A settings change's previous settings. */
  before?: PlacementSettings;
}

/** A pending transfer: key index → the sequence number its acknowledgement must carry. */
export type Pending = Readonly<Record<string, number>>;

export interface HashNodeState {
  /** This node's id (its view of itself, for the inspector). */
  self: string;
  view: Membership;
  settings: PlacementSettings;
  settingsVersion: number;
  keyCount: number;
  /** Key indices stored here, ascending (on disk: they survive a crash). */
  held: readonly number[];
  /** Keys sent and not yet acknowledged, by receiver. */
  outbox: Readonly<Record<string, Pending>>;
  nextSeq: number;
  /** This node's own membership entry, resent until every actor acknowledged it. */
  announcing: { entry: MemberEntry; waiting: readonly string[] } | null;
  /** Still to join on its own at `joinAtMs` (a spare no one has added or removed by hand). */
  autoJoin: boolean;
  served: number;
  misses: number;
  received: number;
  thisSecond: number;
  lastSecond: number;
  lastMissNoteSec: number;
  changes: readonly ChangeRecord[];
}

export interface HashClientState {
  view: Membership;
  settings: PlacementSettings;
  settingsVersion: number;
  keyCount: number;
  sent: number;
}

export type HashMessage =
  | { type: 'Member'; node: string; entry: MemberEntry }
  | { type: 'MemberAck'; node: string; version: number }
  | { type: 'Transfer'; items: [number, number][] }
  | { type: 'TransferAck'; items: [number, number][] }
  /** A replica asks for keys its view places on it that it has not received. */
  | { type: 'Fetch'; keys: number[] }
  | { type: 'Get'; key: number };

/** The placement a view and settings give. */
export function placementOfView(view: Membership, settings: PlacementSettings): Placement {
  return placementFor(settings.scheme, settings.vnodes, membersOf(view));
}

function preferenceOf(placement: Placement, settings: PlacementSettings, hashes: readonly number[], key: number): string[] {
  return preferenceIds(placement, hashes[key], settings.replicas);
}

function everyoneBut(ctx: NodeContext): NodeId[] {
  return Object.values(ctx.roster).flat().filter((id) => id !== ctx.id);
}

function initialView(ctx: NodeContext): Membership {
  const params = readParams(ctx.params);
  const nodes = ctx.roster[NODE_ROLE] ?? ctx.servers;
  return initialMembership(nodes, spareCount(params, nodes.length));
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((1000 * part) / whole) / 10}%`;
}

/** The change record of moving from one placement to another. */
export function describeChange(
  kind: ChangeRecord['kind'], node: string | null, atMs: number, before: Placement, after: Placement, keyCount: number, what: string,
): ChangeRecord {
  const hashes = keyHashes(keyCount);
  const moved = movedKeys(before, after, hashes);
  let involving = 0;
  if (node !== null) {
    for (const h of hashes) {
      const a = before.ownerOf(h);
      const b = after.ownerOf(h);
      const from = a < 0 ? null : before.members[a];
      const to = b < 0 ? null : after.members[b];
      if (from !== to && (from === node || to === node)) involving++;
    }
  }
  const ideal = kind === 'join' ? 1 / Math.max(1, after.members.length) : kind === 'leave' ? 1 / Math.max(1, before.members.length) : null;
  const idealText = ideal === null ? '' : `; the least any scheme can move is 1/${kind === 'join' ? after.members.length : before.members.length} = ${percent(ideal * 1000, 1000)}`;
  return {
    atMs, kind, node, membersBefore: before.members.length, membersAfter: after.members.length, moved, involving, total: keyCount, ideal,
    text: `${what}: ${moved} of ${keyCount} keys (${percent(moved, keyCount)}) change their first replica${idealText}`,
  };
}

/** Re-places every held key after the view or the settings changed: prunes transfers no longer
 * wanted, queues new ones and sends them. */
function rehome(state: HashNodeState, before: Placement, beforeSettings: PlacementSettings, ctx: NodeContext, out: Effect[]): HashNodeState {
  const after = placementOfView(state.view, state.settings);
  const hashes = keyHashes(state.keyCount);
  const outbox: Record<string, Record<string, number>> = {};
  for (const [target, pending] of Object.entries(state.outbox)) {
    const kept: Record<string, number> = {};
    for (const [key, seq] of Object.entries(pending)) {
      if (preferenceOf(after, state.settings, hashes, Number(key)).includes(target)) kept[key] = seq;
    }
    if (Object.keys(kept).length > 0) outbox[target] = kept;
  }
  const targets = state.held.map((key) => [key, handoffTargets(ctx.id, preferenceOf(before, beforeSettings, hashes, key), preferenceOf(after, state.settings, hashes, key))] as const);
  const next = dropHandedOff(queueTransfers({ ...state, outbox }, targets, out), new Set(state.held), ctx.id);
  armFetch(next, ctx.id, out);
  return next;
}

/** Each key's preference list by this node's view, as a function of the key index. */
function preferenceByView(state: HashNodeState): (key: number) => string[] {
  const placement = placementOfView(state.view, state.settings);
  const hashes = keyHashes(state.keyCount);
  return (key) => preferenceOf(placement, state.settings, hashes, key);
}

/** Sets the fetch timer if this node lacks a key it is a replica of: the holders' pushes may
 * still bring it, so it asks only if they have not by then. */
function armFetch(state: HashNodeState, me: string, out: Effect[]): void {
  if (missingKeys(me, state.keyCount, state.held, preferenceByView(state)).length > 0) {
    out.push({ kind: 'set-timer', timer: 'fetch', afterMs: FETCH_AFTER_MS, quiet: true });
  }
}

/** The fetch timer: asks the other replicas for every key still missing here, and checks again later. */
function fetchMissing(state: HashNodeState, ctx: NodeContext): Step<HashNodeState> {
  const preference = preferenceByView(state);
  const missing = missingKeys(ctx.id, state.keyCount, state.held, preference);
  if (missing.length === 0) return [state, []];
  const out: Effect[] = [];
  const requests = fetchRequests(ctx.id, missing, preference);
  const peers = Object.keys(requests);
  for (const peer of peers) out.push({ kind: 'send', to: peer, message: { type: 'Fetch', keys: requests[peer] } });
  if (peers.length > 0) {
    out.push({ kind: 'note', tag: 'fetch', text: `${ctx.id} lacks ${missing.length} key(s) its view of the ring places on it and asks ${peers.join(', ')} for them` });
  }
  out.push({ kind: 'set-timer', timer: 'fetch', afterMs: FETCH_AFTER_MS, quiet: true });
  return [state, out];
}

/** Sends a replica that asked the keys it lacks, through the acknowledged handoff. */
function onFetch(state: HashNodeState, from: NodeId, keys: number[]): Step<HashNodeState> {
  const preference = preferenceByView(state);
  // Only keys held here, to a node this view too places them on: if the views disagree, the
  // requester asks again once they agree.
  const wanted = keys.filter((key) => indexOfSorted(state.held, key) >= 0 && preference(key).includes(from));
  if (wanted.length === 0) return [state, []];
  const out: Effect[] = [];
  return [queueTransfers(state, wanted.map((key) => [key, [from]] as const), out), out];
}

/** Adds transfers of keys to their targets (unless already pending) and sends them, one
 * message per receiver. */
function queueTransfers(state: HashNodeState, targets: readonly (readonly [number, readonly string[]])[], out: Effect[]): HashNodeState {
  const outbox: Record<string, Record<string, number>> = { ...state.outbox };
  let nextSeq = state.nextSeq;
  const sends: Record<string, [number, number][]> = {};
  for (const [key, to] of targets) {
    for (const target of to) {
      if (outbox[target]?.[key] !== undefined) continue;
      outbox[target] = { ...outbox[target], [key]: nextSeq };
      (sends[target] ??= []).push([key, nextSeq++]);
    }
  }
  if (Object.keys(sends).length === 0) return state.outbox === outbox && state.nextSeq === nextSeq ? state : { ...state, outbox, nextSeq };
  for (const [target, items] of Object.entries(sends)) out.push({ kind: 'send', to: target, message: { type: 'Transfer', items } });
  out.push({ kind: 'set-timer', timer: 'handoff', afterMs: HANDOFF_RETRY_MS });
  return { ...state, outbox, nextSeq };
}

/** Drops the keys among `candidates` this node no longer owns and has no transfer pending for. */
function dropHandedOff(state: HashNodeState, candidates: ReadonlySet<number>, me: string): HashNodeState {
  const placement = placementOfView(state.view, state.settings);
  if (placement.members.length === 0) return state;
  const hashes = keyHashes(state.keyCount);
  const pending = new Set<number>();
  for (const entries of Object.values(state.outbox)) for (const key of Object.keys(entries)) pending.add(Number(key));
  const drop = new Set<number>();
  for (const key of candidates) {
    if (pending.has(key) || indexOfSorted(state.held, key) < 0) continue;
    if (!preferenceOf(placement, state.settings, hashes, key).includes(me)) drop.add(key);
  }
  return drop.size === 0 ? state : { ...state, held: withoutKeys(state.held, drop) };
}

/** Makes this node's own membership entry `entry`: records the change, re-places keys and
 * announces it to every other actor. */
function changeOwnEntry(state: HashNodeState, join: boolean, ctx: NodeContext, out: Effect[]): HashNodeState {
  const own = state.view[ctx.id] ?? { in: false, version: 0 };
  const entry = { in: join, version: own.version + 1 };
  const before = placementOfView(state.view, state.settings);
  const view = mergeEntry(state.view, ctx.id, entry);
  const after = placementOfView(view, state.settings);
  const verb = join ? 'joined' : 'left';
  const change = describeChange(join ? 'join' : 'leave', ctx.id, ctx.clockMs, before, after, state.keyCount, `${ctx.id} ${verb} the ring`);
  out.push({ kind: 'note', tag: join ? 'joined' : 'left', text: change.text, data: { moved: change.moved, total: change.total } });
  const waiting = everyoneBut(ctx);
  for (const to of waiting) out.push({ kind: 'send', to, message: { type: 'Member', node: ctx.id, entry } });
  out.push({ kind: 'set-timer', timer: 'announce', afterMs: ANNOUNCE_RETRY_MS });
  const next: HashNodeState = {
    ...state, view, autoJoin: false, announcing: { entry, waiting }, changes: [...state.changes, change].slice(-CHANGES_KEPT),
  };
  return rehome(next, before, state.settings, ctx, out);
}

function join(state: HashNodeState, ctx: NodeContext, manual: boolean): Step<HashNodeState> {
  if (state.view[ctx.id]?.in) return manual && state.autoJoin ? [{ ...state, autoJoin: false }, []] : [state, []];
  const out: Effect[] = [];
  return [changeOwnEntry(state, true, ctx, out), out];
}

function leave(state: HashNodeState, ctx: NodeContext): Step<HashNodeState> {
  if (!state.view[ctx.id]?.in) return state.autoJoin ? [{ ...state, autoJoin: false }, []] : [state, []];
  if (membersOf(state.view).length <= 1) {
    return [state, [{ kind: 'note', tag: 'leave-refused', text: `${ctx.id} stays: it is the last node of the ring` }]];
  }
  const out: Effect[] = [];
  return [changeOwnEntry(state, false, ctx, out), out];
}

function applySettings(state: HashNodeState, settings: PlacementSettings, version: number, ctx: NodeContext): Step<HashNodeState> {
  if (version <= state.settingsVersion) return [state, []];
  const out: Effect[] = [];
  const before = placementOfView(state.view, state.settings);
  return [rehome({ ...state, settings, settingsVersion: version }, before, state.settings, ctx, out), out];
}

function onMember(state: HashNodeState, from: NodeId, message: { node: string; entry: MemberEntry }, ctx: NodeContext): Step<HashNodeState> {
  const out: Effect[] = [{ kind: 'send', to: from, message: { type: 'MemberAck', node: message.node, version: message.entry.version } }];
  const view = mergeEntry(state.view, message.node, message.entry);
  if (view === state.view) return [state, out];
  const before = placementOfView(state.view, state.settings);
  return [rehome({ ...state, view }, before, state.settings, ctx, out), out];
}

function onTransfer(state: HashNodeState, from: NodeId, items: [number, number][], ctx: NodeContext): Step<HashNodeState> {
  const placement = placementOfView(state.view, state.settings);
  const hashes = keyHashes(state.keyCount);
  // Only an owner takes a key: a node whose view is behind refuses, and the sender keeps it and
  // tries again once the views agree (so two nodes can never both drop it, each trusting the other).
  const accepted = items.filter(([key]) => key >= 0 && key < state.keyCount && preferenceOf(placement, state.settings, hashes, key).includes(ctx.id));
  const out: Effect[] = [];
  if (accepted.length < items.length) {
    out.push({ kind: 'note', tag: 'transfer-refused', text: `${ctx.id} refused ${items.length - accepted.length} key(s) from ${from}: by its view of the ring it does not own them` });
  }
  if (accepted.length === 0) return [state, out];
  const fresh = accepted.filter(([key]) => indexOfSorted(state.held, key) < 0).map(([key]) => key);
  out.push({ kind: 'send', to: from, message: { type: 'TransferAck', items: accepted } });
  if (fresh.length === 0) return [state, out];
  out.push({ kind: 'metric', name: 'keys-moved', metric: 'count', value: fresh.length });
  const next = { ...state, held: withKeys(state.held, fresh), received: state.received + fresh.length };
  // A key new to this node may be new to its other replicas too (the sender's view may be older
  // than ours): pass it on to them; one that already has it just acknowledges.
  const onward = fresh.map((key) => [key, preferenceOf(placement, state.settings, hashes, key).filter((id) => id !== ctx.id && id !== from)] as const);
  return [queueTransfers(next, onward, out), out];
}

function onTransferAck(state: HashNodeState, from: NodeId, items: [number, number][], ctx: NodeContext): Step<HashNodeState> {
  const pending = state.outbox[from];
  if (!pending) return [state, []];
  const remaining: Record<string, number> = { ...pending };
  const acked = new Set<number>();
  for (const [key, seq] of items) {
    if (remaining[key] === seq) {
      delete remaining[key];
      acked.add(key);
    }
  }
  if (acked.size === 0) return [state, []];
  const outbox = { ...state.outbox };
  if (Object.keys(remaining).length > 0) outbox[from] = remaining;
  else delete outbox[from];
  const out: Effect[] = [];
  const next = dropHandedOff({ ...state, outbox }, acked, ctx.id);
  if (Object.keys(outbox).length === 0) {
    out.push({ kind: 'cancel-timer', timer: 'handoff' });
    out.push({ kind: 'note', tag: 'handoff-done', text: `${ctx.id} finished handing keys over: it holds ${next.held.length}` });
  }
  return [next, out];
}

function onGet(state: HashNodeState, key: number, ctx: NodeContext): Step<HashNodeState> {
  const out: Effect[] = [{ kind: 'metric', name: 'requests', metric: 'count' }];
  const hit = indexOfSorted(state.held, key) >= 0;
  let lastMissNoteSec = state.lastMissNoteSec;
  if (!hit) {
    out.push({ kind: 'metric', name: 'misses', metric: 'count' });
    const sec = Math.floor(ctx.clockMs / 1000);
    if (sec !== lastMissNoteSec) {
      lastMissNoteSec = sec;
      out.push({ kind: 'note', tag: 'request-missed', text: `${ctx.id} was asked for ${keyName(key)} before it arrived (or after it left): the request missed` });
    }
  }
  return [{ ...state, served: state.served + 1, misses: state.misses + (hit ? 0 : 1), thisSecond: state.thisSecond + 1, lastMissNoteSec }, out];
}

function resendOutbox(state: HashNodeState, out: Effect[]): void {
  let resent = 0;
  for (const [target, pending] of Object.entries(state.outbox)) {
    const items = Object.entries(pending).map(([key, seq]) => [Number(key), seq] as [number, number]);
    resent += items.length;
    out.push({ kind: 'send', to: target, message: { type: 'Transfer', items } });
  }
  if (resent > 0) out.push({ kind: 'metric', name: 'transfer-retries', metric: 'count', value: resent });
}

/** The timers a node (re)starts with. */
function startTimers(state: HashNodeState, ctx: NodeContext, out: Effect[]): void {
  out.push({ kind: 'set-timer', timer: 'tick', afterMs: TICK_MS, quiet: true });
  const { joinAtMs } = readParams(ctx.params);
  if (state.autoJoin && joinAtMs > 0) out.push({ kind: 'set-timer', timer: 'join', afterMs: Math.max(1, joinAtMs - ctx.clockMs) });
  if (Object.keys(state.outbox).length > 0) out.push({ kind: 'set-timer', timer: 'handoff', afterMs: HANDOFF_RETRY_MS });
  if (state.announcing) out.push({ kind: 'set-timer', timer: 'announce', afterMs: ANNOUNCE_RETRY_MS });
}

export const hashNode: Protocol<HashNodeState, HashNodeState> = {
  id: 'hashing-node',
  init(ctx) {
    const params = readParams(ctx.params);
    const view = initialView(ctx);
    const settings = placementSettings(params);
    const placement = placementOfView(view, settings);
    const hashes = keyHashes(params.keys);
    // The data set is loaded before the run: each node starts with the keys it is a replica of.
    const held = hashes.map((_, key) => key).filter((key) => preferenceOf(placement, settings, hashes, key).includes(ctx.id));
    const state: HashNodeState = {
      self: ctx.id, view, settings, settingsVersion: 0, keyCount: params.keys, held, outbox: {}, nextSeq: 1, announcing: null,
      autoJoin: !view[ctx.id]?.in, served: 0, misses: 0, received: 0, thisSecond: 0, lastSecond: 0, lastMissNoteSec: -1, changes: [],
    };
    const out: Effect[] = [];
    startTimers(state, ctx, out);
    return [state, out];
  },
  onMessage(state, from, message: Message, ctx) {
    const m = message as HashMessage;
    switch (m.type) {
      case 'Member':
        return onMember(state, from, m, ctx);
      case 'MemberAck': {
        const announcing = state.announcing;
        if (!announcing || m.node !== ctx.id || m.version !== announcing.entry.version || !announcing.waiting.includes(from)) return [state, []];
        const waiting = announcing.waiting.filter((id) => id !== from);
        if (waiting.length > 0) return [{ ...state, announcing: { ...announcing, waiting } }, []];
        return [{ ...state, announcing: null }, [{ kind: 'cancel-timer', timer: 'announce' }]];
      }
      case 'Transfer':
        return onTransfer(state, from, m.items, ctx);
      case 'TransferAck':
        return onTransferAck(state, from, m.items, ctx);
      case 'Fetch':
        return onFetch(state, from, m.keys);
      case 'Get':
        return onGet(state, m.key, ctx);
      default:
        return [state, []];
    }
  },
  onTimer(state, timer, ctx) {
    const out: Effect[] = [];
    switch (timer) {
      case 'tick': {
        out.push({ kind: 'set-timer', timer: 'tick', afterMs: TICK_MS, quiet: true });
        if (state.view[ctx.id]?.in) out.push({ kind: 'metric', name: 'node-load', metric: 'sample', value: state.thisSecond });
        return [{ ...state, lastSecond: state.thisSecond, thisSecond: 0 }, out];
      }
      case 'join':
        return state.autoJoin ? join(state, ctx, false) : [state, []];
      case 'fetch':
        return fetchMissing(state, ctx);
      case 'handoff':
        if (Object.keys(state.outbox).length === 0) return [state, []];
        resendOutbox(state, out);
        out.push({ kind: 'note', tag: 'handoff-retried', text: `${ctx.id} resends keys not yet acknowledged by ${Object.keys(state.outbox).join(', ')}` });
        out.push({ kind: 'set-timer', timer: 'handoff', afterMs: HANDOFF_RETRY_MS });
        return [state, out];
      case 'announce':
        if (!state.announcing) return [state, []];
        for (const to of state.announcing.waiting) out.push({ kind: 'send', to, message: { type: 'Member', node: ctx.id, entry: state.announcing.entry } });
        out.push({ kind: 'set-timer', timer: 'announce', afterMs: ANNOUNCE_RETRY_MS });
        return [state, out];
      default:
        return [state, []];
    }
  },
  onControl(state, control, ctx) {
    switch (control.do) {
      case 'join':
        return join(state, ctx, true);
      case 'leave':
        return leave(state, ctx);
      case 'settings':
        return applySettings(state, control.settings as PlacementSettings, control.version as number, ctx);
      default:
        return [state, []];
    }
  },
  // Keys, pending transfers and membership are on disk; the request counters are not.
  persisted: (state) => ({ ...state, thisSecond: 0, lastSecond: 0 }),
  recover(saved, ctx) {
    const out: Effect[] = [];
    if (Object.keys(saved.outbox).length > 0) {
      resendOutbox(saved, out);
      out.push({ kind: 'note', tag: 'handoff-resumed', text: `${ctx.id} is back and resumes handing over keys to ${Object.keys(saved.outbox).join(', ')}` });
    }
    startTimers(saved, ctx, out);
    // Keys may have been meant for it while it was down.
    armFetch(saved, ctx.id, out);
    return [saved, out];
  },
  view(state): NodeView {
    const pending = Object.values(state.outbox).reduce((sum, p) => sum + Object.keys(p).length, 0);
    // The stage's caption: a member of the ring or a node standing by outside it.
    return {
      role: state.view[state.self]?.in ? 'member' : 'outside',
      summary: `${state.view[state.self]?.in ? 'in the ring' : 'outside the ring'}, ${state.held.length} keys${pending ? `, handing over ${pending}` : ''}`,
      badge: String(state.held.length),
      details: { inRing: state.view[state.self]?.in ?? false, keys: state.held.length, handingOver: pending, requestsLastSecond: state.lastSecond, served: state.served, misses: state.misses, received: state.received },
    };
  },
};

export const hashClient: Protocol<HashClientState, HashClientState> = {
  id: 'hashing-client',
  init(ctx) {
    const params = readParams(ctx.params);
    const state: HashClientState = { view: initialView(ctx), settings: placementSettings(params), settingsVersion: 0, keyCount: params.keys, sent: 0 };
    const out: Effect[] = [];
    if (params.rate > 0) out.push({ kind: 'set-timer', timer: 'request', range: { minMs: 1, maxMs: intervalMs(params.rate) }, quiet: true });
    return [state, out];
  },
  onMessage(state, from, message: Message) {
    const m = message as HashMessage;
    if (m.type !== 'Member') return [state, []];
    const ack: Effect = { kind: 'send', to: from, message: { type: 'MemberAck', node: m.node, version: m.entry.version } };
    const view = mergeEntry(state.view, m.node, m.entry);
    return [view === state.view ? state : { ...state, view }, [ack]];
  },
  onTimer(state, timer, ctx) {
    if (timer !== 'request') return [state, []];
    const out: Effect[] = [{ kind: 'set-timer', timer: 'request', afterMs: intervalMs(readParams(ctx.params).rate), quiet: true }];
    const key = pickKey(state.settings.access, state.keyCount, ctx.rng);
    const placement = placementOfView(state.view, state.settings);
    const owner = placement.ownerOf(keyHashes(state.keyCount)[key]);
    if (owner < 0) return [state, out];
    out.push({ kind: 'send', to: placement.members[owner], message: { type: 'Get', key } });
    return [{ ...state, sent: state.sent + 1 }, out];
  },
  onControl(state, control) {
    if (control.do !== 'settings' || (control.version as number) <= state.settingsVersion) return [state, []];
    return [{ ...state, settings: control.settings as PlacementSettings, settingsVersion: control.version as number }, []];
  },
  persisted: (state) => state,
  recover(saved, ctx) {
    const { rate } = readParams(ctx.params);
    return [saved, rate > 0 ? [{ kind: 'set-timer', timer: 'request', afterMs: intervalMs(rate), quiet: true }] : []];
  },
  view: (state): NodeView => ({ role: 'client', summary: `${state.sent} requests, ${state.settings.access}`, details: { sent: state.sent, access: state.settings.access } }),
};

function intervalMs(rate: number): number {
  return Math.max(1, Math.round(1000 / Math.max(1, rate)));
}
