// The worker's frames as patches, end to end in Node: SimulationService.patched over a real Comlink
// MessageChannel, rebuilt by the page's patching client, against a twin service answering whole
// frames; and how much smaller a long CAP run's frames are on the wire.
import { MessageChannel } from 'node:worker_threads';
import { serialize } from 'node:v8';
import * as Comlink from 'comlink';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../../src/engine/actions';
import type { Frame } from '../../../src/engine/frame';
import { defaultScenario } from '../../../src/scenarios/catalog';
import type { FramePatchApi, SimulationApi } from '../../../src/worker/api';
import { patchingClient } from '../../../src/worker/delta-client';
import { applyDelta, NO_CURSOR, type HeldFrame } from '../../../src/worker/frame-delta';
import { SimulationService } from '../../../src/worker/simulation-service';

const ports: { close(): void }[] = [];
afterEach(() => ports.splice(0).forEach((port) => port.close()));

function connect(service: SimulationService): Comlink.Remote<SimulationApi & FramePatchApi> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(service, port1 as unknown as Comlink.Endpoint);
  return Comlink.wrap<SimulationApi & FramePatchApi>(port2 as unknown as Comlink.Endpoint);
}

const ACTIONS: Action[] = [
  { do: 'crash', node: 'leader' },
  { do: 'restart', node: 'n1' },
  { do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
  { do: 'heal' },
  { do: 'crash', node: 'n99' },
];

type Call =
  | { kind: 'advance'; ms: number }
  | { kind: 'step' }
  | { kind: 'seek'; fraction: number }
  | { kind: 'inject'; action: number }
  | { kind: 'load'; seed: number }
  | { kind: 'frame' };

const call: fc.Arbitrary<Call> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('step' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('seek' as const), fraction: fc.double({ min: 0, max: 1.5, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('inject' as const), action: fc.nat(ACTIONS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('load' as const), seed: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('frame' as const) }) },
);

/** A call on either API, as a frame (or a refusal's text). */
async function perform(api: Pick<SimulationApi, 'load' | 'advanceTo' | 'step' | 'seek' | 'inject' | 'frame'> | ReturnType<typeof patchingClient>, c: Call, now: number): Promise<Frame | { refused: string; frame?: Frame }> {
  switch (c.kind) {
    case 'advance': return api.advanceTo(now + c.ms);
    case 'step': return api.step();
    case 'seek': return api.seek(Math.floor(now * c.fraction));
    case 'inject': {
      const result = await api.inject(ACTIONS[c.action]);
      return result.ok ? result.frame : { refused: result.error, frame: result.frame };
    }
    case 'load': {
      // Seed 0 is refused (a bad node count): the run goes on unchanged.
      const result = await api.load(c.seed === 0 ? { ...defaultScenario('cap', 1), nodes: 99 } : defaultScenario('cap', c.seed));
      return result.ok ? result.frame : { refused: 'load' };
    }
    case 'frame': return api.frame();
  }
}

describe('frame patches across the worker boundary', () => {
  it('the patching client rebuilds every frame a twin service answers whole, calls in flight together included', async () => {
    let deltas = 0;
    let full = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(call, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 12 }), async (rounds) => {
        const twin = new SimulationService();
        const client = patchingClient(connect(new SimulationService()));
        twin.load(defaultScenario('cap', 1));
        await client.load(defaultScenario('cap', 1));
        let now = 0;
        for (const calls of rounds) {
          // Two calls sent before either answer is back (playback's advance and a click's action).
          const answers = await Promise.all(calls.map((c) => perform(client, c, now)));
          let last = now;
          for (const [i, c] of calls.entries()) {
            const expected = await perform(twin, c, now);
            expect(answers[i]).toEqual(expected);
            if ('timeMs' in expected) last = expected.timeMs;
          }
          now = last;
        }
        deltas += client.stats.deltas;
        full += client.stats.full;
        expect(client.stats.misfits).toBe(0);
      }),
      { numRuns: 12, seed: 7 },
    );
    expect(deltas).toBeGreaterThan(full);
  });

  it('a patch that does not fit the held frame is never shown: the client fetches the whole frame', async () => {
    const service = new SimulationService();
    let corrupt = false;
    const remote = {
      ...Object.fromEntries((['load', 'advanceTo', 'step', 'seek', 'inject', 'frame', 'recorded', 'readImport'] as const).map((name) => [name, async (...args: unknown[]) => (service[name] as (...a: unknown[]) => unknown)(...args)])),
      patched: async (request: Parameters<SimulationService['patched']>[0], since: unknown) => {
        const reply = structuredClone(service.patched(request, since));
        // A reply that lost an event on the way: its lists no longer add up.
        if (corrupt && reply.patch.base !== null) reply.patch.traffic.added.shift();
        return reply;
      },
    } as unknown as Parameters<typeof patchingClient>[0];
    const client = patchingClient(remote);
    await client.load(defaultScenario('cap', 2));
    await client.advanceTo(3000);
    await client.advanceTo(3200);
    expect(client.stats).toEqual({ full: 1, deltas: 1, misfits: 0 });
    corrupt = true;
    const frame = await client.advanceTo(3400);
    expect(client.stats.misfits).toBe(1);
    expect(frame).toEqual(service.frame());
    corrupt = false;
    expect(await client.advanceTo(3600)).toEqual(service.frame());
    expect(client.stats.deltas).toBe(2);
  });

  it('a long CAP run: after the first frame, each carries only the new events — many times fewer bytes', () => {
    const service = new SimulationService();
    service.load(defaultScenario('cap', 1));
    service.advanceTo(600_000);
    const first = service.patched({ do: 'frame' }, NO_CURSOR);
    expect(serialize(first).length).toBeGreaterThan(300_000);
    let held: HeldFrame = applyDelta(null, structuredClone(first.patch))!;
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    /** 30 frames at a playback speed, 60 frames a second: bytes of each answer, as a patch and
     * as the whole frame the page got before (the rebuilt frame is that frame). */
    const play = (speed: number) => {
      const whole: number[] = [];
      const patch: number[] = [];
      for (let i = 0; i < 30; i++) {
        const reply = service.patched({ do: 'advanceTo', timeMs: held.frame.timeMs + Math.round((speed * 1000) / 60) }, held.cursor);
        expect(reply.patch.base).not.toBeNull();
        patch.push(serialize(reply).length);
        held = applyDelta(held, structuredClone(reply.patch))!;
        whole.push(serialize(held.frame).length);
      }
      const ratio = mean(whole) / mean(patch);
      console.log(`CAP at 10 min, ${speed}×: whole ${Math.round(mean(whole))} B, patch ${Math.round(mean(patch))} B a frame (${ratio.toFixed(1)}× fewer)`);
      return ratio;
    };
    expect(play(1)).toBeGreaterThan(15);
    expect(play(10)).toBeGreaterThan(8);
    // At 100× most of a frame's traffic records (the last 1,500) are new every frame.
    expect(play(100)).toBeGreaterThan(3);
    const check = service.frame();
    expect({ ...held.frame, labView: null }).toEqual({ ...check, labView: null });
  });
});
