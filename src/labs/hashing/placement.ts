// Where keys live under each scheme, for a list of members: the lab's protocol, its projection,
// its checks and `cli experiment hashing` all place keys with these functions.
//   ring        consistent hashing: each member owns the arcs ending at its tokens (its virtual
//               nodes); a key belongs to the first token clockwise from its hash (Karger et al. 1997)
//   mod         hash mod N over the members in id order: any change of N moves almost every key
//   rendezvous  highest random weight: each key picks the member scoring highest for it (Thaler & Ravishankar 1998)
//   jump        Lamping & Veach's jump consistent hash: buckets 0…N−1, so members can only be
//               added or removed at the end of the id order without moving others' keys
// A key's preference list is its first R distinct members in the scheme's order (for the ring,
// the next R distinct nodes clockwise, as Dynamo places replicas).
import { fmix32, hash32 } from './hash';

export type Scheme = 'ring' | 'mod' | 'rendezvous' | 'jump';
export const SCHEMES: readonly Scheme[] = ['ring', 'mod', 'rendezvous', 'jump'];

export interface Placement {
  scheme: Scheme;
  /** The members in id order (n2 before n10). */
  members: readonly string[];
  /** The ring's tokens, ascending (ring scheme only; empty otherwise). */
  tokenPositions: readonly number[];
  /** The member index owning each token. */
  tokenOwners: readonly number[];
  /** Index in `members` of the key's first replica, or −1 with no members. */
  ownerOf(keyHash: number): number;
  /** Indices in `members` of the key's first `count` distinct replicas, in order. */
  preferenceOf(keyHash: number, count: number): number[];
}

function idNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

/** n2 before n10. */
export function byIdNumber(a: string, b: string): number {
  return idNumber(a) - idNumber(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Token `index` of a member: the first is the member's own id (where the stage draws it). */
export function tokenName(member: string, index: number): string {
  return index === 0 ? member : `${member}#${index}`;
}

/** The key names the lab stores: k1…kK. */
export function keyName(index: number): string {
  return `k${index + 1}`;
}

const keyHashCache = new Map<number, readonly number[]>();

/** Every key's hash, k1…k{count} (computed once per count). */
export function keyHashes(count: number): readonly number[] {
  let hashes = keyHashCache.get(count);
  if (!hashes) {
    hashes = Array.from({ length: count }, (_, i) => hash32(keyName(i)));
    if (keyHashCache.size > 8) keyHashCache.clear();
    keyHashCache.set(count, hashes);
  }
  return hashes;
}

function ringPlacement(members: readonly string[], vnodes: number): Placement {
  const tokens: { position: number; owner: number; name: string }[] = [];
  members.forEach((member, owner) => {
    for (let i = 0; i < vnodes; i++) {
      const name = tokenName(member, i);
      tokens.push({ position: hash32(name), owner, name });
    }
  });
  // Equal positions (a 32-bit collision) are ordered by token name, so every node agrees.
  tokens.sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const positions = tokens.map((t) => t.position);
  const owners = tokens.map((t) => t.owner);
  /** The first token at or after `keyHash`, wrapping past the top of the ring. */
  const firstToken = (keyHash: number): number => {
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid] < keyHash) lo = mid + 1;
      else hi = mid;
    }
    return lo === positions.length ? 0 : lo;
  };
  return {
    scheme: 'ring', members, tokenPositions: positions, tokenOwners: owners,
    ownerOf: (keyHash) => (positions.length === 0 ? -1 : owners[firstToken(keyHash)]),
    preferenceOf(keyHash, count) {
      const out: number[] = [];
      if (positions.length === 0) return out;
      const want = Math.min(count, members.length);
      for (let i = firstToken(keyHash), seen = 0; out.length < want && seen < positions.length; i = (i + 1) % positions.length, seen++) {
        if (!out.includes(owners[i])) out.push(owners[i]);
      }
      return out;
    },
  };
}

/** Members from `start` on, wrapping: the replicas of a scheme that picks one bucket. */
function successors(start: number, size: number, count: number): number[] {
  return Array.from({ length: Math.min(count, size) }, (_, j) => (start + j) % size);
}

function modPlacement(members: readonly string[]): Placement {
  const n = members.length;
  const ownerOf = (keyHash: number) => (n === 0 ? -1 : keyHash % n);
  return { scheme: 'mod', members, tokenPositions: [], tokenOwners: [], ownerOf, preferenceOf: (keyHash, count) => (n === 0 ? [] : successors(keyHash % n, n, count)) };
}

function rendezvousPlacement(members: readonly string[]): Placement {
  const memberHashes = members.map((member) => hash32(member));
  /** The member's weight for the key: a mix of both hashes, so each key ranks members afresh. */
  const score = (keyHash: number, i: number) => fmix32((keyHash ^ memberHashes[i]) >>> 0);
  const ranked = (keyHash: number) =>
    members.map((_, i) => i).sort((a, b) => score(keyHash, b) - score(keyHash, a) || a - b);
  return {
    scheme: 'rendezvous', members, tokenPositions: [], tokenOwners: [],
    ownerOf(keyHash) {
      let best = -1;
      let bestScore = -1;
      for (let i = 0; i < members.length; i++) {
        const s = score(keyHash, i);
        if (s > bestScore) {
          best = i;
          bestScore = s;
        }
      }
      return best;
    },
    preferenceOf: (keyHash, count) => ranked(keyHash).slice(0, Math.max(0, count)),
  };
}

const MASK64 = (1n << 64n) - 1n;

/** Jump consistent hash (Lamping & Veach 2014): the bucket in [0, buckets) of a 64-bit key. */
export function jumpHash(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  let state = key & MASK64;
  while (j < buckets) {
    b = j;
    state = (state * 2862933555777941757n + 1n) & MASK64;
    j = Math.floor((b + 1) * (2 ** 31 / (Number(state >> 33n) + 1)));
  }
  return b;
}

function jumpPlacement(members: readonly string[]): Placement {
  const n = members.length;
  const ownerOf = (keyHash: number) => (n === 0 ? -1 : jumpHash(BigInt(keyHash), n));
  return { scheme: 'jump', members, tokenPositions: [], tokenOwners: [], ownerOf, preferenceOf: (keyHash, count) => (n === 0 ? [] : successors(ownerOf(keyHash), n, count)) };
}

const placementCache = new Map<string, Placement>();

/** The placement of a scheme over these members (sorted into id order), remembered: every node
 * of a run asks for the same few. */
export function placementFor(scheme: Scheme, vnodes: number, members: readonly string[]): Placement {
  const sorted = [...members].sort(byIdNumber);
  const key = `${scheme}|${scheme === 'ring' ? vnodes : 0}|${sorted.join(',')}`;
  let placement = placementCache.get(key);
  if (!placement) {
    placement =
      scheme === 'ring' ? ringPlacement(sorted, Math.max(1, vnodes))
        : scheme === 'mod' ? modPlacement(sorted)
          : scheme === 'rendezvous' ? rendezvousPlacement(sorted)
            : jumpPlacement(sorted);
    if (placementCache.size > 256) placementCache.clear();
    placementCache.set(key, placement);
  }
  return placement;
}

/** The key's preference list as member ids. */
export function preferenceIds(placement: Placement, keyHash: number, count: number): string[] {
  return placement.preferenceOf(keyHash, count).map((i) => placement.members[i]);
}

/** Each key's first replica (a member index, −1 with no members). */
export function ownersOf(placement: Placement, hashes: readonly number[]): number[] {
  return hashes.map((h) => placement.ownerOf(h));
}

/** Keys per member, in member order. */
export function keysPerMember(placement: Placement, hashes: readonly number[]): number[] {
  const counts = placement.members.map(() => 0);
  for (const h of hashes) {
    const owner = placement.ownerOf(h);
    if (owner >= 0) counts[owner]++;
  }
  return counts;
}

/** The busiest member's keys over the mean (1 is perfect balance). */
export function maxOverMean(counts: readonly number[]): number {
  if (counts.length === 0) return 0;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  return Math.max(...counts) / (total / counts.length);
}

/** How many keys' first replica differs between two placements. */
export function movedKeys(before: Placement, after: Placement, hashes: readonly number[]): number {
  let moved = 0;
  for (const h of hashes) {
    const a = before.ownerOf(h);
    const b = after.ownerOf(h);
    if ((a < 0 ? null : before.members[a]) !== (b < 0 ? null : after.members[b])) moved++;
  }
  return moved;
}
