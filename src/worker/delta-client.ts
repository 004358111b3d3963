// The page's side of frame patches: a client with the worker API's shape whose frame calls go out
// as `patched` requests carrying the cursor of the frame it last rebuilt, and come back as full
// Frames rebuilt from the patch (frame-delta.ts). The page's session above it is unchanged.
//
// The cursor travels with each request, so nothing depends on which answers the session keeps:
// every answer passes through here in the order the worker sent it (it serves one call at a time,
// and Comlink answers in order), so the held frame is always the worker's latest answer, and an
// answer to a request sent before the previous answer arrived (two calls in flight) still fits —
// it extends the older cursor, which the held frame continues.
import type { Frame } from '../engine/frame';
import type { FramePatchApi, FrameRequest, InjectResult, LoadOptions, LoadResult, SimulationApi } from './api';
import { applyDelta, NO_CURSOR, type HeldFrame } from './frame-delta';

type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

/** The worker as the page reaches it (every call answers with a promise). */
export type AsyncSimulationApi = Async<SimulationApi>;
export type PatchingRemote = Async<SimulationApi & FramePatchApi>;

export interface PatchStats {
  /** Answers rebuilt from a patch on the held frame, and answers that were whole. */
  deltas: number;
  full: number;
  /** Patches that did not fit the held frame (a full frame was fetched instead): never expected. */
  misfits: number;
}

export interface PatchingClient extends AsyncSimulationApi {
  readonly stats: PatchStats;
}

export function patchingClient(remote: PatchingRemote): PatchingClient {
  let held: HeldFrame | null = null;
  const stats: PatchStats = { deltas: 0, full: 0, misfits: 0 };

  async function call(request: FrameRequest): Promise<{ frame: Frame; error?: string }> {
    const reply = await remote.patched(request, held?.cursor ?? NO_CURSOR);
    let next = applyDelta(held, reply.patch);
    if (next === null) {
      // Should the patch not fit (a broken assumption), show the worker's full frame instead.
      stats.misfits++;
      held = null;
      const full = await remote.patched({ do: 'frame' }, NO_CURSOR);
      next = applyDelta(null, full.patch)!;
    } else if (reply.patch.base === null) {
      stats.full++;
    } else {
      stats.deltas++;
    }
    held = next;
    return reply.error === undefined ? { frame: next.frame } : { frame: next.frame, error: reply.error };
  }

  return {
    stats,
    async load(scenario: unknown, options?: LoadOptions): Promise<LoadResult> {
      const result = await remote.load(scenario, options);
      // A new run: the next answer is whole (the cursor's epoch names no world of it anyway).
      if (result.ok) held = null;
      return result;
    },
    advanceTo: async (timeMs: number) => (await call({ do: 'advanceTo', timeMs })).frame,
    step: async () => (await call({ do: 'step' })).frame,
    seek: async (timeMs: number) => (await call({ do: 'seek', timeMs })).frame,
    async inject(action): Promise<InjectResult> {
      const { frame, error } = await call({ do: 'inject', action });
      return error === undefined ? { ok: true, frame } : { ok: false, error, frame };
    },
    frame: async () => (await call({ do: 'frame' })).frame,
    recorded: () => remote.recorded(),
    readImport: (filename: string, text: string) => remote.readImport(filename, text),
  };
}
