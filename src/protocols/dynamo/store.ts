// A replica's store: each key's surviving versions, changed copy-on-write. Keys are own
// properties only (a key named "__proto__" is a key like any other).
import { mergeVersions, sameVersions } from './versions';
import type { DynamoState, Hint, Version } from './types';

export function versionsOf(store: Record<string, Version[]>, key: string): Version[] {
  return Object.hasOwn(store, key) ? store[key] : [];
}

function withKey(store: Record<string, Version[]>, key: string, versions: Version[]): Record<string, Version[]> {
  const next = { ...store };
  Object.defineProperty(next, key, { value: versions, writable: true, enumerable: true, configurable: true });
  return next;
}

/** Merges versions of `key` into the store; the same state object when nothing changed. */
export function storeVersions(state: DynamoState, key: string, incoming: readonly Version[]): DynamoState {
  const held = versionsOf(state.store, key);
  const merged = mergeVersions(held, incoming, state.config.versioning);
  if (sameVersions(held, merged)) return state;
  return { ...state, store: withKey(state.store, key, merged) };
}

/** What this node can say about `key`: its own versions and those it holds as hints for others
 * (a fallback answers reads from them, as it stores them in a separate local database, §4.6). */
export function readableVersions(state: DynamoState, key: string): Version[] {
  const hinted = state.hints.filter((hint) => hint.key === key).flatMap((hint) => hint.versions);
  return hinted.length === 0 ? versionsOf(state.store, key) : mergeVersions(versionsOf(state.store, key), hinted, state.config.versioning);
}

/** Keeps versions for `node` as a hint, merged with any hint already held for that node and key. */
export function keepHint(state: DynamoState, node: string, key: string, versions: readonly Version[], nextId: () => number): DynamoState {
  const index = state.hints.findIndex((hint) => hint.for === node && hint.key === key);
  if (index < 0) return { ...state, hints: [...state.hints, { id: nextId(), for: node, key, versions: mergeVersions([], versions, state.config.versioning) }] };
  const held = state.hints[index];
  const merged = mergeVersions(held.versions, versions, state.config.versioning);
  if (sameVersions(held.versions, merged)) return state;
  // A changed hint gets a new id, so an acknowledgement of the old content does not delete it.
  const updated: Hint = { ...held, id: nextId(), versions: merged };
  return { ...state, hints: state.hints.map((hint, i) => (i === index ? updated : hint)) };
}
