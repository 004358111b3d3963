// The page's session over the real worker service and the patching client (frames cross as
// patches, over a Comlink MessageChannel): whatever the session drops or overlaps — an advance in
// flight when a seek or an action comes, a load mid-playback — the frame it shows is the worker's
// whole frame.
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from '../engine/frame';
import { defaultScenario } from '../scenarios/catalog';
import type { FramePatchApi, SimulationApi } from '../worker/api';
import { patchingClient } from '../worker/delta-client';
import { SimulationService } from '../worker/simulation-service';
import { SimulationSession } from './simulation-session.svelte';

const ports: { close(): void }[] = [];
afterEach(() => ports.splice(0).forEach((port) => port.close()));

function connect() {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(new SimulationService(), port1 as unknown as Comlink.Endpoint);
  return Comlink.wrap<SimulationApi & FramePatchApi>(port2 as unknown as Comlink.Endpoint);
}

/** Lets the worker's answers come back (a MessageChannel answers on the next turns). */
const settle = async (session: SimulationSession) => {
  for (let i = 0; i < 200 && session.busy; i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

const withoutLabView = (frame: Frame | null) => frame && { ...frame, labView: null };

describe('SimulationSession over frame patches', () => {
  it('shows the worker’s whole frame after playback, a seek over an advance in flight, actions and a reload', async () => {
    const remote = connect();
    const client = patchingClient(remote);
    const session = new SimulationSession(client);
    expect(await session.load(defaultScenario('cap', 3))).toBe(true);
    for (let t = 500; t <= 6000; t += 500) {
      session.requestAdvance(t);
      await settle(session);
    }
    expect(withoutLabView(session.frame)).toEqual(withoutLabView(await remote.frame()));
    // An advance in flight when a seek back comes: its answer is dropped by the session.
    session.requestAdvance(9000);
    await session.seek(2500);
    await settle(session);
    expect(session.frame?.timeMs).toBe(2500);
    expect(withoutLabView(session.frame)).toEqual(withoutLabView(await remote.frame()));
    // An action while an advance is in flight: two requests sent with the same cursor.
    session.requestAdvance(4000);
    const injected = session.inject({ do: 'crash', node: 'leader' });
    await injected;
    await settle(session);
    session.requestAdvance(7000);
    await settle(session);
    expect(withoutLabView(session.frame)).toEqual(withoutLabView(await remote.frame()));
    // A reload mid-playback.
    session.requestAdvance(8000);
    await session.load(defaultScenario('cap', 4));
    session.requestAdvance(1500);
    await settle(session);
    expect(session.frame?.seed).toBe(4);
    expect(withoutLabView(session.frame)).toEqual(withoutLabView(await remote.frame()));
    expect(client.stats.misfits).toBe(0);
    expect(client.stats.deltas).toBeGreaterThan(client.stats.full);
  });
});
