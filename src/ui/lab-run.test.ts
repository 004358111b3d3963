// The lab run: loading at a cursor, nudging through time, the link in the address bar and forks.
import { describe, expect, it, vi } from 'vitest';
import { fromCallback } from 'xstate';
import { FakeSimulation, flush } from '../../tests/component/fixtures';
import { decodeShareState } from '../share';
import type { Scenario } from '../scenarios/scenario';
import { LabRun, nextWriteValue } from './lab-run.svelte';
import type { PlaybackEvent } from './playback.machine';

const idleClock = fromCallback<PlaybackEvent>(() => () => {});
const scenarioFor = (lab: string, seed: number, nodes?: number): Scenario => ({ lab, seed, nodes: nodes ?? 5, actions: [] });

function setup(fake = new FakeSimulation()) {
  const links: string[] = [];
  const run = new LabRun({
    connect: () => ({ client: fake, terminate: vi.fn() }),
    scenarioFor,
    clock: idleClock,
    writeLink: (query) => links.push(query),
    linkIntervalMs: 0,
  });
  return { run, fake, links };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await flush(10);
}

describe('LabRun', () => {
  it('loads a lab and writes its link', async () => {
    const { run, links } = setup();
    expect(await run.loadLab('raft', 4, 3)).toBe(true);
    await settle();
    expect(run.seed).toBe(4);
    expect(run.nodes).toBe(3);
    const decoded = decodeShareState(links.at(-1)!);
    expect(decoded.kind === 'ok' && decoded.state.cursorMs).toBe(0);
  });

  it('opens a shared run paused at its cursor', async () => {
    const { run, fake, links } = setup();
    run.play();
    await run.loadScenario({ lab: 'raft', seed: 2, nodes: 5, actions: [] }, { cursorMs: 1500 });
    await settle();
    expect(fake.calls.filter((call) => call.method === 'seek').map((call) => call.args[0])).toEqual([1500]);
    expect(run.playback.playing).toBe(false);
    expect(run.frame?.timeMs).toBe(1500);
    expect(run.furthestMs).toBe(1500);
    const decoded = decodeShareState(links.at(-1)!);
    expect(decoded.kind === 'ok' && decoded.state.cursorMs).toBe(1500);
  });

  it('refuses a lab the catalog does not have instead of loading another', async () => {
    const { run } = setup();
    const fallback = (_lab: string, seed: number): Scenario => ({ lab: 'raft', seed, nodes: 5, actions: [] });
    const strict = new LabRun({ connect: () => ({ client: new FakeSimulation(), terminate: vi.fn() }), scenarioFor: fallback, clock: idleClock });
    await expect(strict.loadLab('cap', 1, 5)).rejects.toThrow(/CAP lab is not available/);
    expect(run.lab).toBe('raft');
  });

  it('adds up quick nudges forward and back', async () => {
    const { run, fake } = setup();
    await run.loadLab('raft', 1, 5);
    fake.holdAdvances = true;
    const forward = [run.forward(), run.forward(), run.forward()];
    await flush();
    fake.holdAdvances = false;
    fake.release();
    await Promise.all(forward);
    await settle();
    expect(fake.calls.filter((call) => call.method === 'advanceTo').map((call) => call.args[0])).toEqual([100, 200, 300]);
    expect(run.frame?.timeMs).toBe(300);
    await Promise.all([run.back(), run.back()]);
    await settle();
    expect(run.frame?.timeMs).toBe(100);
    expect(run.furthestMs).toBe(300);
  });

  it('loads a shared run as a recording the worker can fork, without reloading', async () => {
    const { run, fake } = setup();
    const shared: Scenario = { lab: 'raft', seed: 1, nodes: 5, actions: [{ at: 100, do: 'crash', node: 'n1' }, { at: 900, do: 'crash', node: 'n2' }] };
    await run.loadScenario(shared, { cursorMs: 1000 });
    const load = fake.calls.find((call) => call.method === 'load')!;
    expect(load.args[1]).toEqual({ recordedFrom: 0 });
    await run.seek(500);
    await settle();
    await run.inject({ do: 'timeout', node: 'n3' });
    await settle();
    expect(fake.count('load')).toBe(1);
    expect(fake.injected).toEqual([{ do: 'timeout', node: 'n3' }]);
    expect(run.furthestMs).toBe(500);
  });

  it('lets the worker fork its own recorded actions without a reload', async () => {
    const { run, fake } = setup();
    await run.loadLab('raft', 1, 5);
    await run.seek(800);
    await run.seek(300);
    await run.inject({ do: 'crash', node: 'leader' });
    expect(fake.count('load')).toBe(1);
  });
});

it('continues client writes after the highest value in a run', () => {
  expect(nextWriteValue([])).toBe(1);
  expect(
    nextWriteValue([
      { at: 1, do: 'request', node: 'n1', op: { f: 'write', key: 'x', value: 4 } },
      { at: 2, do: 'request', node: 'n1', op: { f: 'write', key: 'y', value: 9 } },
      { at: 3, do: 'crash', node: 'n1' },
    ]),
  ).toBe(5);
});
