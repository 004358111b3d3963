// Ring membership as every actor knows it: one entry per node, written only by that node (it
// joins or leaves by announcing a higher version), so merging two views keeps, per node, the
// entry with the higher version — views converge whatever order announcements arrive in.
import { byIdNumber } from './placement';

export interface MemberEntry {
  in: boolean;
  version: number;
}

export type Membership = Readonly<Record<string, MemberEntry>>;

/** The first `nodes.length − spares` nodes start in the ring, the rest outside it. */
export function initialMembership(nodes: readonly string[], spares: number): Membership {
  const out: Record<string, MemberEntry> = {};
  nodes.forEach((id, i) => (out[id] = { in: i < nodes.length - spares, version: 0 }));
  return out;
}

/** The view with `entry` merged in, or the same view if it is not newer. */
export function mergeEntry(view: Membership, node: string, entry: MemberEntry): Membership {
  const known = view[node];
  if (known && known.version >= entry.version) return view;
  return { ...view, [node]: entry };
}

/** The ring's members in id order. */
export function membersOf(view: Membership): string[] {
  return Object.keys(view).filter((id) => view[id].in).sort(byIdNumber);
}

export function sameMembers(a: Membership, b: Membership): boolean {
  const x = membersOf(a);
  const y = membersOf(b);
  return x.length === y.length && x.every((id, i) => id === y[i]);
}
