// The sharding lab's guided tour, in one run: range scans on one shard; time-ordered inserts
// piling onto the last range; a split and move that only moves the hot spot; repartitioning by
// hash (inserts spread, scans fan out to every shard); a hot key that beats any scheme; and
// salting it (writes spread, reads fan out). Each step is judged on the live figures of whole
// virtual seconds after the step's change took effect (frame.labView, computed in the worker).
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { WorkloadSettings } from './settings';
import type { ShardingView } from './view';

export function shardingViewOf(frame: Frame): ShardingView | null {
  const view = frame.labView as Partial<ShardingView> | null;
  return typeof view === 'object' && view !== null && typeof view.live === 'object' && Array.isArray(view.ranges) ? (view as ShardingView) : null;
}

const configure = (change: Partial<WorkloadSettings>): TourAction => ({ do: 'lab', name: 'configure', ...change });

/** The live window lies wholly after `sinceMs`, the last workload change and the last map change. */
function judgedSince(view: ShardingView, sinceMs: number): boolean {
  const w = view.live.window;
  const lastChange = view.changes.at(-1);
  if (view.migration !== null || (lastChange && lastChange.doneMs === null)) return false;
  const settled = Math.max(sinceMs, view.configuredAtMs, lastChange?.doneMs ?? 0);
  return w !== null && w.fromSec * 1000 >= settled;
}

const hottestRange = (view: ShardingView) => view.ranges.reduce((a, b) => (b.hits > a.hits ? b : a));
const busiest = (view: ShardingView) => view.shards.reduce((a, b) => (b.loadLastSec > a.loadLastSec ? b : a));
const load = (view: ShardingView) => `the busiest shard served ${Math.round(view.live.maxLoad)} req/s, the mean shard ${Math.round(view.live.meanLoad)} (max/mean ${view.live.maxOverMean.toFixed(2)})`;

const scans: TourStep = {
  id: 'scans',
  title: 'Range partitioning keeps a scan on one shard',
  narration:
    'Four shards hold keys k0–k255 in four contiguous ranges; a router holds the map and sends each request to the shard that owns its key. Three clients read and write Zipf-popular keys, and some of their requests are range scans: 16 keys in key order.',
  task: 'Play (or let “Do it for me” make 30% of requests scans) and watch “Shards touched per request”.',
  lookFor: 'A scan of 16 neighbouring keys lies inside one range, so it usually touches one shard — two when it straddles a boundary.',
  doIt: { label: 'make 30% of requests range scans', actions: () => [configure({ scanShare: 30 })] },
  done: (frame, start) => {
    const view = shardingViewOf(frame);
    return view !== null && view.scheme === 'range' && judgedSince(view, start.timeMs) && view.live.scans > 0 && view.live.scanShards > 0 && view.live.scanShards < 1.5;
  },
  doneText: (frame) => {
    const view = shardingViewOf(frame)!;
    return `under range partitioning ${view.live.scans} scans touched ${view.live.scanShards.toFixed(2)} shards each on average`;
  },
};

const sequential: TourStep = {
  id: 'sequential',
  title: 'Time-ordered inserts pile onto the last range',
  narration:
    'Back to no hot key, but now every write inserts a new key larger than all before it, as ids made from timestamps or counters are. Under range partitioning all of them land in the last range, open-ended at the top.',
  task: 'Switch the writes to sequential inserts.',
  lookFor: 'One bar in “Load per shard” grows: the shard owning the last range takes every insert while the others idle.',
  note: 'Bigtable, HBase and Spanner all warn against monotonically increasing row keys for exactly this reason.',
  doIt: { label: 'stop the hot key and make every write a sequential insert', actions: () => [configure({ pattern: 'sequential', scanShare: 10, hotShare: 0 })] },
  done: (frame, start) => {
    const view = shardingViewOf(frame);
    if (view === null || view.settings.pattern !== 'sequential' || view.scheme !== 'range' || !judgedSince(view, start.timeMs)) return false;
    return view.live.maxOverMean >= 1.6 && busiest(view).id === view.ranges.at(-1)!.shard;
  },
  doneText: (frame) => {
    const view = shardingViewOf(frame)!;
    return `${view.ranges.at(-1)!.shard} owns the last range ${view.ranges.at(-1)!.label}: ${load(view)}`;
  },
};

const split: TourStep = {
  id: 'split',
  title: 'Splitting the hot range moves the hot spot',
  narration:
    'The usual cure for a hot range is to split it and move half elsewhere. The router cuts at the median of recent requests and hands the upper half to the least busy shard: the keys travel in Handoff messages, and requests that arrive mid-move are redirected, not lost.',
  task: 'Split the hottest range and move its upper half.',
  lookFor: 'The map gets two new versions; keys move; then the new owner of the last range becomes the hot shard.',
  note: 'A split helps a range whose load is spread over its keys. Sequential inserts always go to whatever range is last, so splitting only moves them — load-based splitters special-case this (CockroachDB will not split on a monotonically increasing key).',
  doIt: {
    label: 'split the hottest range and move its upper half to the least busy shard',
    actions: (frame) => {
      const view = shardingViewOf(frame);
      const hottest = view ? hottestRange(view).index : 0;
      return [{ do: 'lab', name: 'split', range: hottest }, { do: 'lab', name: 'move', range: hottest + 1 }];
    },
  },
  done: (frame, start) => {
    const view = shardingViewOf(frame);
    const before = shardingViewOf(start);
    if (view === null || before === null || view.mapVersion < before.mapVersion + 2 || !judgedSince(view, start.timeMs)) return false;
    const last = view.ranges.at(-1)!;
    return view.settings.pattern === 'sequential' && last.shard !== before.ranges.at(-1)!.shard && hottestRange(view).index === last.index;
  },
  doneText: (frame) => {
    const view = shardingViewOf(frame)!;
    const last = view.ranges.at(-1)!;
    const moves = view.changes.slice(-2).map((c) => c.text).join(', then ');
    return `${moves}; the last range ${last.label} on ${last.shard} is again the hottest, with ${last.hits} requests in the last second`;
  },
};

const hash: TourStep = {
  id: 'hash',
  title: 'Hash partitioning spreads inserts, and scans fan out',
  narration:
    'Repartition by hash: a key’s position is now a hash of it, so consecutive keys scatter over every shard. Every key whose owner changes moves in real Handoff messages.',
  task: 'Repartition every key by hash.',
  lookFor: 'Keys moved jumps, then the bars even out — and “per range scan” climbs to every shard: neighbouring keys now live everywhere, so a scan must ask them all.',
  note: 'That is the trade: hash partitioning balances sequential keys but gives up cheap range scans (Cassandra and DynamoDB scan only within a partition; Spanner and CockroachDB use ranges).',
  doIt: { label: 'repartition by hash', actions: () => [{ do: 'lab', name: 'repartition', scheme: 'hash' }] },
  done: (frame, start) => {
    const view = shardingViewOf(frame);
    return view !== null && view.scheme === 'hash' && judgedSince(view, start.timeMs) && view.live.maxOverMean < 1.5 && view.live.scanShards >= 3;
  },
  doneText: (frame, start) => {
    const view = shardingViewOf(frame)!;
    const moved = view.totals.movedKeys - (shardingViewOf(start)?.totals.movedKeys ?? 0);
    return `${moved} keys moved; with sequential inserts ${load(view)}, and each scan touched ${view.live.scanShards.toFixed(2)} shards`;
  },
};

const hotKey: TourStep = {
  id: 'hot-key',
  title: 'One hot key overloads one shard, whatever the scheme',
  narration:
    'Half of all requests now go to a single key, a counter (a like count): three increments to every read. A key lives on exactly one shard, and neither range nor hash partitioning can split one key.',
  task: 'Send half of all requests to the hot key.',
  lookFor: 'One shard runs near its capacity of 125 requests per second, its queue grows, and p99 latency climbs while the others idle.',
  doIt: { label: 'send 50% of requests to the hot key', actions: () => [configure({ hotShare: 50, salt: 1, pattern: 'zipf', scanShare: 10 })] },
  done: (frame, start) => {
    const view = shardingViewOf(frame);
    return view !== null && view.settings.hotShare > 0 && view.settings.salt === 1 && judgedSince(view, start.timeMs) && view.live.maxOverMean >= 1.8;
  },
  doneText: (frame) => {
    const view = shardingViewOf(frame)!;
    return `${view.hotKey} on ${busiest(view).id}: ${load(view)}; p99 latency ${Math.round(view.live.p99LatencyMs)} ms`;
  },
};

/** Moves that put the first `k` sub-keys of the hot key on `k` different shards: each range
 * holding a sub-key whose shard already holds an earlier one goes to a shard holding none. */
export function spreadSubKeys(view: ShardingView | null, k: number): TourAction[] {
  if (view === null) return [];
  const placed = view.hotPlacement.slice(0, k);
  const taken = new Set<string>();
  const moves: TourAction[] = [];
  const movedRanges = new Set<number>();
  for (const p of placed) {
    if (!taken.has(p.shard) || movedRanges.has(p.range)) {
      taken.add(p.shard);
      continue;
    }
    const free = view.shards.filter((s) => !taken.has(s.id) && !placed.some((q) => q.shard === s.id)).sort((a, b) => a.loadLastSec - b.loadLastSec)[0];
    if (!free) break;
    taken.add(free.id);
    movedRanges.add(p.range);
    moves.push({ do: 'lab', name: 'move', range: p.range, to: free.id });
  }
  return moves;
}

const salt: TourStep = {
  id: 'salt',
  title: 'Salt the hot key: writes spread, reads fan out',
  narration:
    'Split the hot key into four sub-keys with a salt prefix, as a sharded counter does: each increment goes to one sub-key at random, and each read must fetch all four and add them up. Where a sub-key lives is up to the map — two on one shard would make it the next hot spot — so an operator places them, as “Do it for me” does by moving a range.',
  task: 'Salt the hot key into 4 sub-keys.',
  lookFor: 'The hot shard’s bar falls as increments spread — but every hot-key read now touches the shards of all four sub-keys, so the total work grows. Where the sub-keys land is up to the map: two on one shard make it the next hot spot.',
  note: 'Salting suits write-heavy hot keys. For a read-heavy one, read replicas or a cache spread reads instead, at the cost of stale answers.',
  doIt: {
    label: 'salt the hot key into 4 sub-keys (and move a range so that no two share a shard)',
    actions: (frame) => [configure({ salt: 4 }), ...spreadSubKeys(shardingViewOf(frame), 4)],
  },
  done: (frame, start) => {
    const view = shardingViewOf(frame);
    const before = shardingViewOf(start);
    if (view === null || before === null || view.settings.salt <= 1 || view.settings.hotShare === 0 || !judgedSince(view, start.timeMs)) return false;
    const hotShard = before.hotPlacement[0].shard;
    const loadOf = (v: ShardingView) => v.shards.find((s) => s.id === hotShard)?.loadLastSec ?? 0;
    return view.live.hotReadShards >= 2.5 && loadOf(view) < 0.75 * loadOf(before);
  },
  doneText: (frame, start) => {
    const view = shardingViewOf(frame)!;
    const hotShard = shardingViewOf(start)!.hotPlacement[0].shard;
    const placed = view.hotPlacement.slice(0, view.settings.salt).map((p) => `${p.key} on ${p.shard}`).join(', ');
    return `salted into ${view.settings.salt} (${placed}): ${hotShard} now serves ${view.shards.find((s) => s.id === hotShard)?.loadLastSec} req/s and ${load(view)}; each hot-key read touched ${view.live.hotReadShards.toFixed(2)} shards (p99 ${Math.round(view.live.hotReadP99Ms)} ms), each write one (p99 ${Math.round(view.live.hotWriteP99Ms)} ms)`;
  },
};

export const shardingTour: Tour = {
  id: 'sharding',
  title: 'Sharding: range against hash, hot spots and hot keys',
  steps: [scans, hotKey, salt, sequential, split, hash],
};
