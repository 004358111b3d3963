// The lab's part of each frame, computed in the worker from the nodes' states: the ring as the
// nodes declare it, where every key lives and who actually holds it, keys and requests per node,
// and each change's moved keys against the ideal. Recomputed only when some state changed.
import type { Simulation } from '../../engine/simulation';
import { currentSettings, declaredMembership, nodeIds, nodeState, settingsChanges } from './cluster';
import { membersOf, sameMembers } from './membership';
import { ringFraction } from './hash';
import { keyHashes, maxOverMean, ownersOf, placementFor } from './placement';
import type { ChangeRecord, HashNodeState } from './protocol';
import { readParams, sameSettings, type PlacementSettings } from './settings';

/** Tokens beyond this many are not sent for drawing (100 tokens × 64 nodes would be 6,400). */
export const MAX_DRAWN_TOKENS = 2048;

export interface NodeSummary {
  id: string;
  up: boolean;
  /** In the ring, as the node itself declares. */
  inRing: boolean;
  /** Keys it stores now. */
  held: number;
  /** Keys whose first replica it is, by the declared ring. */
  primary: number;
  /** Keys sent and not yet acknowledged. */
  handingOver: number;
  /** Requests it served in the last whole second. */
  requests: number;
  /** Its view of the ring and settings matches the declared one. */
  agrees: boolean;
  /** Requests for keys it did not hold, over the run. */
  misses: number;
}

export interface HashingView {
  settings: PlacementSettings;
  settingsVersion: number;
  keyCount: number;
  /** Members of the declared ring, in id order. */
  members: string[];
  nodes: NodeSummary[];
  /** Ring tokens as fractions of a turn with their member's id (ring scheme; null if too many to draw). */
  tokens: { at: number; node: string }[] | null;
  /** Each key's place on the ring, as a fraction of a turn. */
  keyAt: number[];
  /** Each key's preference list (member ids), by the declared ring. */
  preference: string[][];
  /** The nodes that store each key now. */
  holders: string[][];
  /** Keys whose first replica the latest change moved. */
  lastMoved: number[];
  /** Changes, oldest first (membership ones made by nodes, settings ones by `configure`). */
  changes: ChangeRecord[];
  /** Keys per member (first replicas), busiest over mean. */
  balance: { max: number; mean: number; maxOverMean: number };
  /** Requests per member in the last second, busiest over mean. */
  load: { max: number; mean: number; maxOverMean: number; busiest: string | null };
  /** Unacknowledged transfers, over all nodes. */
  handingOver: number;
  /** Keys live nodes lack though the declared ring makes them replicas, counted once per node. */
  missing: number;
  /** Every live node agrees with the declared ring, no transfer is pending and no replica lacks its key. */
  settled: boolean;
}

function summarize(counts: readonly number[]): { max: number; mean: number; maxOverMean: number } {
  const total = counts.reduce((a, b) => a + b, 0);
  const mean = counts.length === 0 ? 0 : total / counts.length;
  return { max: counts.length === 0 ? 0 : Math.max(...counts), mean: Math.round(mean * 100) / 100, maxOverMean: Math.round(maxOverMean(counts) * 100) / 100 };
}

function pendingCount(state: HashNodeState): number {
  return Object.values(state.outbox).reduce((sum, pending) => sum + Object.keys(pending).length, 0);
}

export function hashingView(sim: Simulation): HashingView {
  const { settings, version } = currentSettings(sim);
  const keyCount = readParams(sim.world.config.params).keys;
  const membership = declaredMembership(sim);
  const members = membersOf(membership);
  const placement = placementFor(settings.scheme, settings.vnodes, members);
  const hashes = keyHashes(keyCount);
  const owners = ownersOf(placement, hashes);
  const preference = hashes.map((h) => placement.preferenceOf(h, settings.replicas).map((i) => members[i]));
  const primaries = new Map<string, number>();
  for (const owner of owners) if (owner >= 0) primaries.set(members[owner], (primaries.get(members[owner]) ?? 0) + 1);
  const holders: string[][] = hashes.map(() => []);
  const nodes: NodeSummary[] = [];
  let handingOver = 0;
  let settled = true;
  for (const id of nodeIds(sim)) {
    const up = sim.world.nodes[id].up;
    const state = nodeState(sim, id);
    if (state) for (const key of state.held) holders[key]?.push(id);
    const pending = state ? pendingCount(state) : 0;
    handingOver += pending;
    const agrees = state !== null && sameMembers(state.view, membership) && sameSettings(state.settings, settings);
    if (up && (!agrees || pending > 0)) settled = false;
    nodes.push({
      id, up, inRing: membership[id]?.in ?? false, held: state?.held.length ?? 0, primary: primaries.get(id) ?? 0,
      handingOver: pending, requests: up ? state?.lastSecond ?? 0 : 0, agrees, misses: state?.misses ?? 0,
    });
  }
  // With no transfer pending a replica can still lack a key (views differed when it was dropped):
  // the run has not settled until it fetched it.
  let missing = 0;
  preference.forEach((replicas, key) => {
    for (const id of replicas) if (sim.world.nodes[id]?.up && !holders[key].includes(id)) missing++;
  });
  if (missing > 0) settled = false;
  const changes = [...settingsChanges(sim), ...nodeIds(sim).flatMap((id) => nodeState(sim, id)?.changes ?? [])]
    .sort((a, b) => a.atMs - b.atMs || (a.node ?? '').localeCompare(b.node ?? ''))
    .slice(-12);
  const memberNodes = nodes.filter((node) => node.inRing);
  const loads = memberNodes.map((node) => node.requests);
  const loadSummary = summarize(loads);
  const busiest = memberNodes.length === 0 ? null : memberNodes.reduce((a, b) => (b.requests > a.requests ? b : a)).id;
  return {
    settings, settingsVersion: version, keyCount, members, nodes,
    tokens: settings.scheme === 'ring' && placement.tokenPositions.length <= MAX_DRAWN_TOKENS
      ? placement.tokenPositions.map((position, i) => ({ at: ringFraction(position), node: members[placement.tokenOwners[i]] }))
      : null,
    keyAt: hashes.map(ringFraction),
    preference,
    holders,
    lastMoved: lastMovedKeys(changes.at(-1), sim, settings, hashes),
    changes,
    balance: summarize(members.map((id) => primaries.get(id) ?? 0)),
    load: { ...loadSummary, busiest },
    handingOver,
    missing,
    settled,
  };
}

/** Keys whose first replica the latest change moved: compared between the ring before and after
 * it (membership changes name the node; settings changes keep the members). */
function lastMovedKeys(change: ChangeRecord | undefined, sim: Simulation, settings: PlacementSettings, hashes: readonly number[]): number[] {
  if (!change || change.moved === 0) return [];
  const members = membersOf(declaredMembership(sim));
  if (change.kind === 'settings') {
    if (!change.before) return [];
    const a = placementFor(change.before.scheme, change.before.vnodes, members);
    const b = placementFor(settings.scheme, settings.vnodes, members);
    return hashes.flatMap((h, key) => (a.members[a.ownerOf(h)] !== b.members[b.ownerOf(h)] ? [key] : []));
  }
  const withNode = change.kind === 'join' ? members : [...members, change.node!];
  const withoutNode = withNode.filter((id) => id !== change.node);
  const a = placementFor(settings.scheme, settings.vnodes, withoutNode);
  const b = placementFor(settings.scheme, settings.vnodes, withNode);
  return hashes.flatMap((h, key) => (a.members[a.ownerOf(h)] !== b.members[b.ownerOf(h)] ? [key] : []));
}

/** One session's projection: the view is rebuilt only when a node's state or the settings changed. */
export function createHashingProjection(): (sim: Simulation) => HashingView {
  let refs: unknown[] = [];
  let last: HashingView | null = null;
  return (sim) => {
    const now: unknown[] = [sim.world.labState.hashing, sim.world.labState.hashingChanges];
    for (const id of nodeIds(sim)) {
      const record = sim.world.nodes[id];
      now.push(record.up, record.up ? record.state : record.persisted);
    }
    if (last && now.length === refs.length && now.every((value, i) => value === refs[i])) return last;
    refs = now;
    last = hashingView(sim);
    return last;
  };
}
