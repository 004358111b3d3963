// What crosses the worker boundary per frame: the CAP lab (seed 1, its default client traffic)
// played at 100× for some virtual minutes, 60 frames a second (1,667 ms of virtual time a frame).
// Each frame is measured as the worker used to send it (the whole Frame) and as it sends it now
// (a patch on the frame the page holds, src/worker/frame-delta.ts): bytes by V8's serializer (the
// structured clone's format) and the time to serialize and deserialize it (plus, for the patch,
// to rebuild the frame on the page). `npx tsx bench/frames.ts [minutes] [speed]` prints this alone.
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
  /** Mean serialize + deserialize time a frame (the patch's includes rebuilding the frame). */
  wholeCloneMs: number;
  patchCloneMs: number;
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
  let wholeMs = 0;
  let patchMs = 0;
  let fullPatches = 0;
  let frames = 0;
  for (let t = stepMs; t <= virtualMinutes * 60_000; t += stepMs) {
    const reply = service.patched({ do: 'advanceTo', timeMs: t }, held?.cursor ?? NO_CURSOR);
    if (reply.patch.base === null) fullPatches++;
    let started = performance.now();
    const bytes = serialize(reply);
    held = applyDelta(held, (deserialize(bytes) as { patch: FramePatch }).patch);
    if (held === null) throw new Error('a patch did not fit');
    patchMs += performance.now() - started;
    patchBytes += bytes.length;
    // The frame the worker used to send: the rebuilt one is equal to it.
    started = performance.now();
    const whole = serialize(held.frame);
    deserialize(whole);
    wholeMs += performance.now() - started;
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
    wholeCloneMs: round(wholeMs / frames),
    patchCloneMs: round(patchMs / frames),
    fullPatches,
  };
}

export function printFrames(f: FrameFigures): void {
  console.log(`Frames across the worker boundary, CAP lab seed 1 at ${f.speed}× (60 frames/s), ${f.virtualMinutes} virtual minutes, ${f.frames} frames:`);
  console.log(`  whole frames ${(f.wholeBytes / 1024).toFixed(1)} KB, patches ${(f.patchBytes / 1024).toFixed(1)} KB per frame on average (${f.ratio}× fewer bytes; ${f.fullPatches} patches whole)`);
  console.log(`  structured clone (serialize + deserialize) ${f.wholeCloneMs} ms a whole frame, ${f.patchCloneMs} ms a patch incl. rebuilding the frame`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printFrames(benchFrames(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 100)));
}
