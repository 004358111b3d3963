// The caching lab's guided tour: cache-aside at work; TTL-only invalidation serving stale reads;
// the cache-aside race leaving a key stale past quiescence, and leases stopping it; a stampede
// when a hot key expires, and coalescing flattening it; write-behind losing acknowledged writes
// in a cache crash. Each step completes on the lab's view of engine state and the checks run in
// the worker (frame.labView).
import type { Frame } from '../../engine/frame';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { CachingView } from './checks';
import type { CacheSettings } from './params';
import { SETTLE_MS } from './quiescence';

export function cachingViewOf(frame: Frame): CachingView | null {
  const view = frame.labView as Partial<CachingView> | null;
  return typeof view === 'object' && view !== null && typeof view.settings === 'object' && Array.isArray(view.keys) ? (view as CachingView) : null;
}

const configure = (change: Partial<CacheSettings>): TourAction => ({ do: 'lab', name: 'configure', ...change });
const flush: TourAction = { do: 'lab', name: 'flush' };
const SAFE: Partial<CacheSettings> = { strategy: 'cache-aside', invalidation: 'delete', ttlMs: 0, leases: false, versioned: false, coalescing: false, xfetch: false, slowFillPercent: 10 };
const show = (v: number | null | undefined) => (v === null || v === undefined ? 'nil' : String(v));

/** The view, once its settings changed at or after the step began. */
function since(frame: Frame, start: Frame): CachingView | null {
  const view = cachingViewOf(frame);
  return view !== null && view.configuredAtMs >= start.timeMs ? view : null;
}

const aside: TourStep = {
  id: 'cache-aside',
  title: 'Cache-aside: hits, misses and fills',
  narration:
    'Eight clients read and write four keys through two app servers; half of all operations touch the key “hot”. An app server looks a key up in the cache; on a miss it reads the database and fills the cache. A write goes to the database, and then the app server deletes the key from the cache, so the next read refills it.',
  task: 'Play and watch the cache fill up and start answering most reads.',
  lookFor: 'Hit (star) and miss (cross) messages; the table of keys in the side panel, the cache’s value beside the database’s.',
  doIt: { label: 'start from plain cache-aside with delete invalidation', actions: () => [configure(SAFE)] },
  done: (frame, start) => {
    const view = since(frame, start) ?? (cachingViewOf(start)?.configuredAtMs === 0 ? cachingViewOf(frame) : null);
    return view !== null && view.stats.hits >= 40 && view.stats.fills >= 4;
  },
  doneText: (frame) => {
    const view = cachingViewOf(frame)!;
    return `the cache answered ${view.stats.hits} lookups and missed ${view.stats.misses}; app servers filled it ${view.stats.fills} times`;
  },
};

const ttlOnly: TourStep = {
  id: 'ttl-only',
  title: 'TTL-only invalidation serves stale reads',
  narration:
    'Now writes leave the cache alone and each value lives 3 seconds. After a write, the cache keeps serving the old value until it expires — even to the client that just wrote.',
  task: 'Switch invalidation to “TTL only” with a 3 s TTL and keep playing.',
  lookFor: 'Stale reads and read-your-writes violations climb in the side panel, each one a read the clients’ history proves stale.',
  note: 'Staleness here is bounded by the TTL: the longest stale read is under 3 s after its write. That bound is the whole promise of TTL-only caching.',
  doIt: { label: 'invalidate by TTL only, 3 s', actions: () => [configure({ ...SAFE, invalidation: 'none', ttlMs: 3000 }), flush] },
  done: (frame, start) => {
    const view = since(frame, start);
    return view !== null && view.settings.invalidation === 'none' && view.staleReads >= 3 && view.readYourWrites >= 1;
  },
  doneText: (frame) => {
    const view = cachingViewOf(frame)!;
    return `${view.staleReads} stale reads of ${view.reads} (the longest ${view.maxStaleMs} ms after the write), ${view.readYourWrites} read-your-writes violation(s): ${view.stale.at(-1)?.sentence ?? ''}`;
  },
};

const race: TourStep = {
  id: 'race',
  title: 'The race that stays stale',
  narration:
    'Back to deleting after each write, no TTL — and app servers now stall (a GC pause) in 40% of fills. A slow reader misses, reads the old value from the database, and stalls; meanwhile a writer updates the database and deletes the key; then the slow reader sets the old value. No later delete is coming: the cache is stale until the key is written again.',
  task: 'Switch back to delete invalidation with slow fills, and wait for the check to find a stale key.',
  lookFor: 'A red row in the key table: the cache holding an older value than the database. The check stops the clients on a copy of the world, lets it settle 3 s, and compares again.',
  note: 'This is the race of “Scaling Memcache at Facebook” (NSDI 2013). The database’s commit-log tailer deletes changed keys too, but it cannot help: its delete also comes before the slow reader’s set.',
  doIt: { label: 'delete invalidation, no TTL, 40% slow fills', actions: () => [configure({ ...SAFE, slowFillPercent: 40 }), flush] },
  done: (frame, start) => {
    const view = since(frame, start);
    return view !== null && view.settings.invalidation === 'delete' && !view.settings.leases && view.staleCheckedAtMs > view.configuredAtMs && view.staleForever.length > 0;
  },
  doneText: (frame) => {
    const view = cachingViewOf(frame)!;
    const k = view.staleForever[0];
    return `after the clients stopped and the system settled ${SETTLE_MS / 1000} s, the cache still held ${k.key}=${show(k.cached)} (v${k.cachedVersion}) while the database held ${k.key}=${show(k.database)} (v${k.dbVersion})`;
  },
};

const leases: TourStep = {
  id: 'leases',
  title: 'Leases stop it',
  narration:
    'With leases, a miss hands the reader a token. A delete voids the key’s token, and the cache refuses a set whose token is void. The slow reader’s stale set now bounces.',
  task: 'Turn leases on (the cache is emptied, so old stale keys go) and keep playing.',
  lookFor: '“Fills refused” on the cache chart; the stale-key check stays at zero.',
  note: 'Leases also let only one reader fill a key at a time. Versioned sets are the other fix: the cache refuses a value older than one it held or deleted.',
  doIt: { label: 'turn leases on and empty the cache', actions: () => [configure({ ...SAFE, slowFillPercent: 40, leases: true }), flush] },
  done: (frame, start) => {
    const view = since(frame, start);
    const before = cachingViewOf(start)?.stats.refused ?? 0;
    return view !== null && view.settings.leases && view.stats.refused > before && view.staleCheckedAtMs >= view.configuredAtMs + 3000 && view.staleForever.length === 0;
  },
  doneText: (frame) => {
    const view = cachingViewOf(frame)!;
    return `the cache refused ${view.stats.refused} fill(s) whose lease a delete had voided, and no key is stale after the system settles`;
  },
};

const stampede: TourStep = {
  id: 'stampede',
  title: 'A stampede when the hot key expires',
  narration:
    'Now let values expire after 1 s and leave invalidation to the TTL. Each time “hot” expires, every reader that arrives before someone refills it misses, and each goes to the database for the same value.',
  task: 'Set a 1 s TTL, TTL-only invalidation and no coalescing, and watch the origin chart.',
  lookFor: 'Spikes of database reads once a second, and “most reads of one key at once” above 1.',
  doIt: { label: 'a 1 s TTL, TTL-only invalidation, no coalescing', actions: () => [configure({ ...SAFE, invalidation: 'none', ttlMs: 1000 }), flush] },
  done: (frame, start) => {
    const view = since(frame, start);
    return view !== null && view.settings.ttlMs > 0 && !view.settings.coalescing && (view.window?.herdMax ?? 0) >= 3;
  },
  doneText: (frame) => {
    const view = cachingViewOf(frame)!;
    return `${view.window!.herdMax} reads of one key reached the database at once; the database peaked at ${view.window!.dbPeak} requests/s`;
  },
};

const coalescing: TourStep = {
  id: 'coalescing',
  title: 'Coalescing flattens it',
  narration:
    'With request coalescing the cache lets one reader fetch a key and tells the others to wait a moment and ask again; they then hit the refilled value.',
  task: 'Turn coalescing on and watch three seconds of expiries.',
  lookFor: '“Told to wait” on the cache chart; at most one read of a key at the database at once.',
  note: 'With delete invalidation a write voids the fetch in progress (it may bring back the old value), so a second fetch can start. Probabilistic early expiration (XFetch) is another fix: a reader refreshes a value a little before it expires, with a chance that grows as expiry nears, so it rarely expires under load at all. Try it in the sandbox.',
  doIt: { label: 'turn coalescing on', actions: () => [configure({ ...SAFE, invalidation: 'none', ttlMs: 1000, coalescing: true })] },
  done: (frame, start) => {
    const view = since(frame, start);
    const w = view?.window;
    return view !== null && view.settings.coalescing && w != null && w.toSec - w.fromSec >= 2 && w.expired >= 3 && w.waits > 0 && w.herdMax <= 1;
  },
  doneText: (frame) => {
    const view = cachingViewOf(frame)!;
    const w = view.window!;
    return `over ${w.fromSec}–${w.toSec} s, ${w.expired} expiries and ${w.waits} readers told to wait, never more than ${w.herdMax} read of a key at the database at once; peak ${w.dbPeak} requests/s`;
  },
};

const writeBehind: TourStep = {
  id: 'write-behind',
  title: 'Write-behind: fast writes…',
  narration:
    'With write-behind, the cache stores a write and acknowledges it at once; it writes dirty values to the database once a second.',
  task: 'Switch to write-behind and watch the cache hold writes the database does not have yet.',
  lookFor: 'Rows marked “not in the database yet”.',
  doIt: { label: 'switch to write-behind', actions: () => [configure({ ...SAFE, strategy: 'write-behind' })] },
  done: (frame, start) => {
    const view = since(frame, start);
    return view !== null && view.settings.strategy === 'write-behind' && view.unflushed >= 1;
  },
  doneText: (frame) => `the cache holds ${cachingViewOf(frame)!.unflushed} acknowledged write(s) the database does not have yet`,
};

const cacheCrash: TourStep = {
  id: 'cache-crash',
  title: '…lost when the cache crashes',
  narration: 'A cache is memory. Crash it while it holds writes it has acknowledged but not flushed, and they are gone: the clients were told “stored”.',
  task: 'Crash the cache node while it holds unflushed writes.',
  lookFor: '“Acknowledged writes lost” in the side panel. Restart the cache afterwards: every key misses.',
  doIt: { label: 'crash the cache', actions: () => [{ do: 'crash', node: 'cache1' }] },
  done: (frame, start) => (cachingViewOf(frame)?.lostWrites ?? 0) > (cachingViewOf(start)?.lostWrites ?? 0),
  doneText: (frame, start) => `${cachingViewOf(frame)!.lostWrites - (cachingViewOf(start)?.lostWrites ?? 0)} acknowledged write(s) died with the cache’s memory`,
};

export const cachingTour: Tour = {
  id: 'caching',
  title: 'Caching: stale reads, a race that stays stale, stampedes and lost writes',
  steps: [aside, ttlOnly, race, leases, stampede, coalescing, writeBehind, cacheCrash],
};
