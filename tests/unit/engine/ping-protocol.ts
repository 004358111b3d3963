// A tiny protocol for engine tests: every node ticks on a random timer and pings the next peer,
// which answers with a pong; counters record what each node handled.
import type { Protocol } from '../../../src/engine/types';

export interface PingState {
  pings: number;
  pongs: number;
  ticks: number;
  restarts: number;
  /** Values written by client requests. */
  value: unknown;
}

export const pingProtocol: Protocol<PingState, { restarts: number }> = {
  id: 'ping',
  init: () => [{ pings: 0, pongs: 0, ticks: 0, restarts: 0, value: null }, [{ kind: 'set-timer', timer: 'tick', range: { minMs: 20, maxMs: 60 } }]],
  onTimer: (state, timer, ctx) => {
    const next = { ...state, ticks: state.ticks + 1 };
    const peer = ctx.peers[state.ticks % ctx.peers.length];
    return [next, [
      { kind: 'send', to: peer, message: { type: 'Ping', n: next.ticks } },
      { kind: 'set-timer', timer, range: { minMs: 20, maxMs: 60 } },
    ]];
  },
  onMessage: (state, from, message) => {
    if (message.type === 'Ping') return [{ ...state, pings: state.pings + 1 }, [{ kind: 'send', to: from, message: { type: 'Pong' } }]];
    return [{ ...state, pongs: state.pongs + 1 }, []];
  },
  onRequest: (state, request) => {
    if (request.op.f === 'write') return [{ ...state, value: request.op.value }, [{ kind: 'reply', to: request.client, requestId: request.requestId, result: { status: 'ok' } }]];
    return [state, [{ kind: 'reply', to: request.client, requestId: request.requestId, result: { status: 'ok', value: state.value } }]];
  },
  persisted: (state) => ({ restarts: state.restarts }),
  recover: (persisted) => [{ pings: 0, pongs: 0, ticks: 0, restarts: persisted.restarts + 1, value: null }, [{ kind: 'set-timer', timer: 'tick', range: { minMs: 20, maxMs: 60 } }]],
  view: (state) => ({ role: 'pinger', summary: `${state.pings} pings`, details: { pings: state.pings, pongs: state.pongs } }),
  electionTimer: 'tick',
  currentLeader: () => 'n1',
  invariants: [{
    name: 'pongs-bounded',
    description: 'a node never gets more pongs than it sent pings (without duplication)',
    initGhost: () => null,
    check: (nodes) => {
      for (const node of nodes) {
        const state = node.state as PingState | null;
        if (state && state.pongs > state.ticks) return `${node.id} has ${state.pongs} pongs for ${state.ticks} pings`;
      }
      return null;
    },
  }],
};
