// Hand-built frames for the tour's unit and component tests: servers with roles, terms and logs,
// clients beside a server, cut links between partition groups. Used by tests only.
import type { Frame, LinkFrame, NodeFrame } from '../../engine/frame';
import type { HistoryEvent, NodeView } from '../../engine/types';

export interface ServerOptions {
  role?: string;
  term?: number;
  up?: boolean;
  /** Entries as [label, term, committed], index from 1. */
  log?: [string, number, boolean][];
  /** The actor's role in its lab (the frame's, not the protocol's). */
  actorRole?: string;
}

export function server(id: string, options: ServerOptions = {}): NodeFrame {
  const { role = 'follower', term = 1, up = true, log = [], actorRole = 'server' } = options;
  const entries = log.map(([label, entryTerm, committed], i) => ({ label, term: entryTerm, index: i + 1, committed }));
  const commitIndex = entries.filter((entry) => entry.committed).length;
  const view: NodeView = up
    ? { role, term, summary: role, log: entries, commitIndex, details: {} }
    : { role: 'crashed', summary: 'crashed', details: { up: false } };
  return { id, role: actorRole, home: null, up, paused: false, pausedUntilMs: null, clockSkewMs: 0, view, timers: [] };
}

export function client(id: string, home: string, role = 'client'): NodeFrame {
  return { id, role, home, up: true, paused: false, pausedUntilMs: null, clockSkewMs: 0, view: { role: 'client', summary: 'idle', details: {} }, timers: [] };
}

/** Five followers in term 1, n1…n5. */
export function fiveServers(options: ServerOptions = {}): NodeFrame[] {
  return ['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => server(id, options));
}

/** Both directions of every link between different groups, cut. */
export function partitionCut(groups: string[][]): LinkFrame[] {
  const links: LinkFrame[] = [];
  for (const from of groups.flat()) {
    for (const to of groups.flat()) {
      const apart = groups.findIndex((g) => g.includes(from)) !== groups.findIndex((g) => g.includes(to));
      if (apart) links.push({ from, to, up: false });
    }
  }
  return links;
}

export function historyEvent(client: string, type: HistoryEvent['type'], f: HistoryEvent['f'], value: unknown, time: number): HistoryEvent {
  return { process: Number(client.replace(/\D/g, '')) || 0, type, f, key: 'x', value, time, client };
}

export function tourFrame(overrides: Partial<Frame> = {}): Frame {
  return {
    lab: 'test',
    seed: 1,
    timeMs: 1000,
    eventCount: 10,
    traceHash: '0',
    nodes: fiveServers(),
    links: [],
    messages: [],
    traffic: [],
    notable: [],
    faults: [],
    violations: [],
    leader: null,
    nextEventAtMs: null,
    history: [],
    limited: null,
    historyOffset: 0,
    labView: null,
    metrics: {},
    ...overrides,
  };
}
