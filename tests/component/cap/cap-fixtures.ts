// Fake CAP-lab frames, checker summaries and history events for the CAP panels' component tests and
// the unit tests of their helpers: five nodes, two clients, a small history.
import type { Frame, LinkFrame } from '../../../src/engine/frame';
import type { CheckSummary } from '../../../src/labs/cap/checks';
import type { HistoryEvent } from '../../../src/engine/types';
import { makeFrame, makeNode } from '../fixtures';

export function checks(overrides: Partial<CheckSummary> = {}): CheckSummary {
  return {
    linearizable: true,
    windowStartMs: 0,
    mode: 'ap',
    explanation: null,
    sessions: [],
    converged: null,
    divergent: [],
    availability: { ok: 3, total: 4, windowMs: 5000 },
    checkedOps: 3,
    droppedOps: 0,
    ...overrides,
  };
}

/** One history event on key x; the client defaults to c1 for process 0, c2 for process 1 and so on. */
export function historyEvent(
  process: number,
  type: HistoryEvent['type'],
  f: HistoryEvent['f'],
  value: unknown,
  time: number,
  client = `c${process + 1}`,
  extra: Partial<HistoryEvent> = {},
): HistoryEvent {
  return { process, type, f, key: 'x', value, time, client, ...extra };
}

const ev = historyEvent;

/** c1 writes 1 then 2; c2 reads 1 after the write of 2 completed (a stale read); c1's cas times out; c2 has a read pending. */
export const HISTORY: HistoryEvent[] = [
  ev(0, 'invoke', 'write', 1, 1000, 'c1'),
  ev(0, 'ok', 'write', 1, 1100, 'c1'),
  ev(0, 'invoke', 'write', 2, 2800, 'c1'),
  ev(0, 'ok', 'write', 2, 2900, 'c1'),
  ev(1, 'invoke', 'read', null, 3100, 'c2'),
  ev(1, 'ok', 'read', 1, 3200, 'c2'),
  ev(0, 'invoke', 'cas', [2, 4], 3300, 'c1'),
  ev(0, 'info', 'cas', [2, 4], 5300, 'c1'),
  ev(1, 'invoke', 'write', 5, 5400, 'c2'),
  ev(1, 'fail', 'write', 5, 5500, 'c2'),
  ev(1, 'invoke', 'read', null, 5600, 'c2'),
];

export function partitionLinks(ids: string[], groups: string[][] | null): LinkFrame[] {
  const side = (id: string) => (groups ? groups.findIndex((group) => group.includes(id)) : 0);
  // Frames list only the cut links.
  return ids.flatMap((from) => ids.filter((to) => to !== from && side(from) !== side(to)).map((to) => ({ from, to, up: false })));
}

/** A CAP frame; `mode` and `checks` go into the lab's part of the frame, as the worker puts them. */
export function capFrame(overrides: Partial<Frame> & { mode?: string; checks?: CheckSummary | null } = {}): Frame {
  const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const { mode = 'ap', checks: summary = checks(), ...rest } = overrides;
  return makeFrame({
    lab: 'cap',
    timeMs: 6000,
    nodes: [
      ...ids.map((id) => makeNode(id, { role: 'replica' })),
      makeNode('c1', { role: 'client', actor: 'client', home: 'n1' }),
      makeNode('c2', { role: 'client', actor: 'client', home: 'n2' }),
    ],
    links: partitionLinks(ids, null),
    leader: null,
    history: HISTORY,
    historyOffset: 0,
    faults: [
      { seq: 1, timeMs: 500, kind: 'control', tag: 'setMode', text: 'mode switched to AP', data: { mode: 'ap' } },
      { seq: 2, timeMs: 2000, kind: 'partition', text: 'network partitioned into {n1, n2} | {n3, n4, n5}' },
    ],
    labView: summary === null ? { mode, checks: null } : { mode, checks: summary },
    ...rest,
  });
}
