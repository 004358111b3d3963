// Anti-entropy (§4.7): now and then a replica compares its keys with another replica of them by
// hashes, a Merkle tree's root and leaves (one leaf per key here), and only keys whose hashes
// differ cross the wire, both ways.
import type { Effect, NodeContext, NodeId, Step } from '../../engine/types';
import { fnv1a, preferenceList } from './ring';
import { storeVersions, versionsOf } from './store';
import type { Digest, DynamoState, Sync, Version } from './types';
import { versionId } from './versions';

/** A key's leaf: the hash of the writes it holds. */
export function leafHash(versions: readonly Version[]): number {
  return versions.length === 0 ? 0 : fnv1a(versions.map(versionId).sort().join('|'));
}

function rootHash(leaves: Record<string, number>): number {
  return fnv1a(Object.keys(leaves).sort().map((key) => `${key}:${leaves[key]}`).join('|'));
}

/** Keys this node holds whose preference list has both it and `peer`. */
function sharedKeys(state: DynamoState, me: NodeId, peer: NodeId, servers: readonly NodeId[], also: readonly string[] = []): string[] {
  const keys = new Set([...Object.keys(state.store), ...also]);
  return [...keys].filter((key) => {
    const replicas = preferenceList(key, servers, state.config.n);
    return replicas.includes(me) && replicas.includes(peer);
  }).sort();
}

function digestOf(state: DynamoState, keys: readonly string[]): Digest {
  const leaves: Record<string, number> = {};
  for (const key of keys) leaves[key] = leafHash(versionsOf(state.store, key));
  return { type: 'Digest', root: rootHash(leaves), leaves };
}

/** One round: a digest of the keys shared with a random fellow replica. */
export function startRound(state: DynamoState, ctx: NodeContext): Effect[] {
  const peers = new Set<NodeId>();
  for (const key of Object.keys(state.store)) {
    const replicas = preferenceList(key, ctx.servers, state.config.n);
    if (replicas.includes(ctx.id)) for (const node of replicas) if (node !== ctx.id) peers.add(node);
  }
  if (peers.size === 0) return [];
  const peer = ctx.rng.pick([...peers].sort());
  return [{ kind: 'send', to: peer, message: digestOf(state, sharedKeys(state, ctx.id, peer, ctx.servers)) }];
}

/** A peer's digest: equal roots end the round; otherwise the differing keys go back, and are asked for. */
export function onDigest(state: DynamoState, from: NodeId, message: Digest, ctx: NodeContext): Step<DynamoState> {
  const keys = sharedKeys(state, ctx.id, from, ctx.servers, Object.keys(message.leaves));
  const mine = digestOf(state, keys);
  if (mine.root === message.root) return [state, []];
  const differing = keys.filter((key) => mine.leaves[key] !== (Object.hasOwn(message.leaves, key) ? message.leaves[key] : 0));
  if (differing.length === 0) return [state, []];
  return [state, [{ kind: 'send', to: from, message: { type: 'Sync', versions: versionsFor(state, differing), want: differing } satisfies Sync }]];
}

/** Versions from a peer: merged in; what it wants goes back once. */
export function onSync(state: DynamoState, from: NodeId, message: Sync, ctx: NodeContext): Step<DynamoState> {
  let next = state;
  const learned: string[] = [];
  for (const key of Object.keys(message.versions)) {
    const merged = storeVersions(next, key, message.versions[key]);
    if (merged !== next) learned.push(key);
    next = merged;
  }
  const out: Effect[] = [];
  if (learned.length > 0) out.push({ kind: 'note', tag: 'anti-entropy', text: `${ctx.id} caught up on ${learned.join(', ')} from ${from} by anti-entropy`, data: { keys: learned } });
  const wanted = message.want.filter((key) => Object.hasOwn(next.store, key));
  if (wanted.length > 0) out.push({ kind: 'send', to: from, message: { type: 'Sync', versions: versionsFor(next, wanted), want: [] } satisfies Sync });
  return [next, out];
}

function versionsFor(state: DynamoState, keys: readonly string[]): Record<string, Version[]> {
  const out: Record<string, Version[]> = {};
  for (const key of keys) if (versionsOf(state.store, key).length > 0) Object.defineProperty(out, key, { value: versionsOf(state.store, key), enumerable: true, writable: true, configurable: true });
  return out;
}
