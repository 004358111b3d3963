// Fake Frames, a fake worker client and a hand-driven playback clock for component, bridge and
// playback tests (no engine needed).
import { fromCallback } from 'xstate';
import type { Action } from '../../src/engine/actions';
import type { Frame, InFlightMessage, NodeFrame } from '../../src/engine/frame';
import type { PlaybackEvent } from '../../src/ui/playback.machine';
import type { AsyncSimulation } from '../../src/ui/simulation-session.svelte';
import type { Scenario } from '../../src/scenarios/scenario';
import type { InjectResult, LoadResult } from '../../src/worker/api';
import { readImport, type ImportAnswer } from '../../src/worker/import-check';

/** A server node; `role` is its protocol role as the view shows it (leader, follower…), `actor`
 * its actor role in the lab (server by default). */
export function makeNode(id: string, overrides: Partial<Omit<NodeFrame, 'role'>> & { role?: string; term?: number; actor?: string } = {}): NodeFrame {
  const { role = 'follower', term = 1, actor = 'server', ...rest } = overrides;
  return {
    id,
    role: actor,
    home: null,
    timers: [],
    up: true,
    paused: false,
    pausedUntilMs: null,
    clockSkewMs: 0,
    view: {
      role,
      term,
      summary: role,
      commitIndex: 1,
      log: [
        { term: 1, index: 1, label: 'x←1', committed: true },
        { term: term, index: 2, label: 'x←2', committed: false },
      ],
      details: { votedFor: 'n1', commitIndex: 1, lastApplied: 1, state: 'x=1' },
    },
    ...rest,
  };
}

export function makeMessage(overrides: Partial<InFlightMessage> = {}): InFlightMessage {
  return {
    id: 1,
    from: 'n1',
    to: 'n2',
    type: 'AppendEntries',
    label: 'AE 1',
    kind: 'append',
    sentAtMs: 100,
    deliverAtMs: 120,
    fate: 'in-flight',
    ...overrides,
  };
}

export function makeFrame(overrides: Partial<Frame> = {}): Frame {
  const nodes = overrides.nodes ?? [
    makeNode('n1', { role: 'leader', term: 4 }),
    makeNode('n2', { term: 4 }),
    makeNode('n3', { term: 4 }),
  ];
  return {
    lab: 'raft',
    seed: 7,
    timeMs: 1234,
    eventCount: 42,
    traceHash: 'abc123',
    nodes,
    links: [],
    messages: [],
    traffic: [],
    notable: [],
    faults: [],
    violations: [],
    leader: 'n1',
    nextEventAtMs: 1250,
    history: [],
    historyOffset: 0,
    limited: null,
    labView: null,
    metrics: {},
    ...overrides,
  };
}

/** A stand-in for the Comlink client: records calls and answers with frames the test controls. */
export class FakeSimulation implements AsyncSimulation {
  calls: { method: string; args: unknown[] }[] = [];
  injected: Action[] = [];
  current: Frame;
  /** When set, advanceTo waits for release() before answering. */
  holdAdvances = false;
  #held: (() => void)[] = [];

  constructor(frame: Frame = makeFrame({ timeMs: 0 })) {
    this.current = frame;
  }

  async load(scenario: unknown, options?: unknown): Promise<LoadResult> {
    this.calls.push({ method: 'load', args: options === undefined ? [scenario] : [scenario, options] });
    const s = scenario as { seed: number; nodes: number };
    const ids = Array.from({ length: s.nodes }, (_, i) => `n${i + 1}`);
    this.current = makeFrame({ seed: s.seed, timeMs: 0, nodes: ids.map((id) => makeNode(id)), leader: null });
    return { ok: true, frame: this.current };
  }

  async advanceTo(timeMs: number): Promise<Frame> {
    this.calls.push({ method: 'advanceTo', args: [timeMs] });
    if (this.holdAdvances) await new Promise<void>((resolve) => this.#held.push(resolve));
    this.current = { ...this.current, timeMs };
    return this.current;
  }

  async step(): Promise<Frame> {
    this.calls.push({ method: 'step', args: [] });
    this.current = { ...this.current, timeMs: this.current.timeMs + 10, eventCount: this.current.eventCount + 1 };
    return this.current;
  }

  async seek(timeMs: number): Promise<Frame> {
    this.calls.push({ method: 'seek', args: [timeMs] });
    this.current = { ...this.current, timeMs };
    return this.current;
  }

  async inject(action: Action): Promise<InjectResult> {
    this.calls.push({ method: 'inject', args: [action] });
    this.injected.push(action);
    return { ok: true, frame: this.current };
  }

  async frame(): Promise<Frame> {
    return this.current;
  }

  async recorded(): Promise<Scenario> {
    return { lab: 'raft', seed: this.current.seed, nodes: this.current.nodes.length, actions: [] };
  }

  async readImport(filename: string, text: string): Promise<ImportAnswer> {
    this.calls.push({ method: 'readImport', args: [filename] });
    return readImport(filename, text);
  }

  release(): void {
    const held = this.#held;
    this.#held = [];
    for (const resolve of held) resolve();
  }

  count(method: string): number {
    return this.calls.filter((call) => call.method === method).length;
  }
}

/** Lets pending promise callbacks run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** A playback clock the test advances by hand; `running` says whether the machine has it invoked. */
export function simulatedClock() {
  const listeners = new Set<(event: PlaybackEvent) => void>();
  const logic = fromCallback<PlaybackEvent>(({ sendBack }) => {
    listeners.add(sendBack);
    return () => listeners.delete(sendBack);
  });
  return {
    logic,
    tick(elapsedMs: number) {
      for (const send of listeners) send({ type: 'TICK', elapsedMs });
    },
    get running() {
      return listeners.size > 0;
    },
  };
}
