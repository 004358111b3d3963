// What crosses the worker boundary per frame: the CAP lab (seed 1, its default client traffic)
// played at 100× for some virtual minutes, 60 frames a second (1,667 ms of virtual time a frame).
// Each frame is measured as the worker used to send it (the whole Frame) and as it sends it now
// (a patch on the frame the page holds, src/worker/frame-delta.ts): bytes by V8's serializer (the
// structured clone's format), the time to serialize it (the worker's side) and to deserialize
// it (the page's side; for a patch, with rebuilding the frame). `npx tsx bench/frames.ts [minutes] [speed]` prints this alone.
import { deserialize, serialize } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { defaultScenario } from '../src/scenarios/catalog';
import { applyDelta, NO_CURSOR, type FramePatch, type HeldFrame } from '../src/worker/frame-delta';
import { SimulationService } from '../src/worker/simulation-service';

export interface FrameFigures {
  speed: number;
  virtualMinutes: number;
  frames: number;
  wholeBytes: number;
  patchBytes: number;
  ratio: number;
  /** Mean time a frame to serialize it (the worker's side of the clone)… */
  wholeSerializeMs: number;
  patchSerializeMs: number;
  /** …and to deserialize it (the page's side; for a patch, with rebuilding the frame). */
  wholePageMs: number;
  patchPageMs: number;
  /** Patches that were whole (the first frame, history window drops). */
  fullPatches: number;
}

export function benchFrames(virtualMinutes = 5, speed = 100): FrameFigures {
  const service = new SimulationService();
  service.load(defaultScenario('cap', 1));
  const stepMs = Math.round((speed * 1000) / 60);
  let held: HeldFrame | null = null;
  let wholeBytes = 0;
  let patchBytes = 0;
  let wholeSerialize = 0;
  let patchSerialize = 0;
  let wholePage = 0;
  let patchPage = 0;
  let fullPatches = 0;
  let frames = 0;
  for (let t = stepMs; t <= virtualMinutes * 60_000; t += stepMs) {
    const reply = service.patched({ do: 'advanceTo', timeMs: t }, held?.cursor ?? NO_CURSOR);
    if (reply.patch.base === null) fullPatches++;
    let started = performance.now();
    const bytes = serialize(reply);
    let middle = performance.now();
    held = applyDelta(held, (deserialize(bytes) as { patch: FramePatch }).patch);
    if (held === null) throw new Error('a patch did not fit');
    patchSerialize += middle - started;
    patchPage += performance.now() - middle;
    patchBytes += bytes.length;
    // The frame the worker used to send, as it sends it (its own objects: numbers read from the
    // trace ring's typed columns serialize as doubles, unlike the page's copies).
    const frame = service.frame();
    started = performance.now();
    const whole = serialize(frame);
    middle = performance.now();
    deserialize(whole);
    wholeSerialize += middle - started;
    wholePage += performance.now() - middle;
    wholeBytes += whole.length;
    frames++;
  }
  const round = (value: number, digits = 2) => Number(value.toFixed(digits));
  return {
    speed,
    virtualMinutes,
    frames,
    wholeBytes: Math.round(wholeBytes / frames),
    patchBytes: Math.round(patchBytes / frames),
    ratio: round(wholeBytes / patchBytes, 1),
    wholeSerializeMs: round(wholeSerialize / frames),
    patchSerializeMs: round(patchSerialize / frames),
    wholePageMs: round(wholePage / frames),
    patchPageMs: round(patchPage / frames),
    fullPatches,
  };
}

export function printFrames(f: FrameFigures): void {
  console.log(`Frames across the worker boundary, CAP lab seed 1 at ${f.speed}× (60 frames/s), ${f.virtualMinutes} virtual minutes, ${f.frames} frames:`);
  console.log(`  whole frames ${(f.wholeBytes / 1024).toFixed(1)} KB, patches ${(f.patchBytes / 1024).toFixed(1)} KB per frame on average (${f.ratio}× fewer bytes; ${f.fullPatches} patches whole)`);
  console.log(`  structured clone per frame: worker ${f.wholeSerializeMs} ms → ${f.patchSerializeMs} ms (serialize); page ${f.wholePageMs} ms → ${f.patchPageMs} ms (deserialize, and rebuild the frame from the patch)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printFrames(benchFrames(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 100)));
}
