// Reconciling versions of one key. Under last-writer-wins the version with the greatest stamp
// survives and the others are dropped, whatever their causal order; under version vectors a
// version survives unless another descends from it, so concurrent writes stay as siblings
// (Dynamo §4.4). Merging is commutative, associative and idempotent in both (tested).
import type { Stamp, Version, VersionVector, Versioning } from './types';

/** Stamp order: clock, then node id, then the node's counter. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return a.seq === b.seq ? 0 : a.seq < b.seq ? -1 : 1;
}

/** A write's name: its coordinator and that coordinator's counter. */
export function versionId(version: Version): string {
  return `${version.stamp.node}.${version.stamp.seq}`;
}

/** True if `a` has seen everything `b` has (a ≥ b entry by entry). */
export function vvCovers(a: VersionVector, b: VersionVector): boolean {
  for (const node of Object.keys(b)) if ((a[node] ?? 0) < b[node]) return false;
  return true;
}

/** True if `a` descends from `b` and is not the same point: b happened before a. */
export function vvDescends(a: VersionVector, b: VersionVector): boolean {
  return vvCovers(a, b) && !vvCovers(b, a);
}

/** The least vector that covers both. */
export function vvMerge(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const node of Object.keys(b)) out[node] = Math.max(out[node] ?? 0, b[node]);
  return out;
}

/** The newest version by stamp, or null for none. */
export function newestByStamp(versions: readonly Version[]): Version | null {
  let best: Version | null = null;
  for (const version of versions) if (best === null || compareStamps(version.stamp, best.stamp) > 0) best = version;
  return best;
}

/** The versions that survive when `a` and `b` meet, in stamp order. */
export function mergeVersions(a: readonly Version[], b: readonly Version[], versioning: Versioning): Version[] {
  const all = dedupe([...a, ...b]);
  if (versioning === 'lww') {
    const newest = newestByStamp(all);
    return newest ? [newest] : [];
  }
  return all.filter((version) => !all.some((other) => vvDescends(other.vv, version.vv))).sort((x, y) => compareStamps(x.stamp, y.stamp));
}

/** One copy of each write; two different writes with the same vector keep the later stamp. */
function dedupe(versions: readonly Version[]): Version[] {
  const byId = new Map<string, Version>();
  for (const version of versions) byId.set(versionId(version), version);
  const byVector = new Map<string, Version>();
  for (const version of byId.values()) {
    const key = vectorKey(version.vv);
    const held = byVector.get(key);
    if (!held || compareStamps(version.stamp, held.stamp) > 0) byVector.set(key, version);
  }
  return [...byVector.values()];
}

function vectorKey(vv: VersionVector): string {
  return Object.keys(vv).filter((node) => vv[node] > 0).sort().map((node) => `${node}:${vv[node]}`).join(',');
}

/** True if both lists hold the same writes. */
export function sameVersions(a: readonly Version[], b: readonly Version[]): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(a.map(versionId));
  return b.every((version) => ids.has(versionId(version)));
}

/** The value a read hands the client. One version: its value. Siblings: the client's merge
 * function picks the one with the greatest stamp (the application's choice, made at read time;
 * the siblings themselves stay on the replicas until a write that has seen them replaces them). */
export function valueOf(versions: readonly Version[]): unknown {
  const newest = newestByStamp(versions);
  return newest === null ? null : newest.value;
}

/** The vector a new write at `node` gets: everything the coordinator has seen, plus one of its own. */
export function nextVector(context: readonly Version[], node: string, seq: number): VersionVector {
  const seen = context.reduce<VersionVector>((vv, version) => vvMerge(vv, version.vv), {});
  return { ...seen, [node]: Math.max(seq, (seen[node] ?? 0) + 1) };
}
