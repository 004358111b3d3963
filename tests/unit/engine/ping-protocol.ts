// A tiny protocol for engine tests: every node ticks on a random timer and pings the next peer,
// which answers with a pong; counters record what each node handled. Client requests (a
// ClientRequest message from a keyboard client) write or read one value.
import type { ActorSpec, ActorSystem } from '../../../src/engine/system';
import type { Protocol } from '../../../src/engine/types';
import type { WorldConfig } from '../../../src/engine/world';
import { asClientRequest, reply } from '../../../src/protocols/client/messages';
import { registerClient } from '../../../src/protocols/client/register-client';
import { USER_ROLE, userRequest } from '../../../src/protocols/client/user-request';

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
    const request = asClientRequest(from, message);
    if (request) {
      if (request.op.f === 'write') return [{ ...state, value: request.op.value }, [reply(request.client, request.requestId, { status: 'ok' })]];
      return [state, [reply(request.client, request.requestId, { status: 'ok', value: state.value })]];
    }
    if (message.type === 'Ping') return [{ ...state, pings: state.pings + 1 }, [{ kind: 'send', to: from, message: { type: 'Pong' } }]];
    return [{ ...state, pongs: state.pongs + 1 }, []];
  },
  persisted: (state) => ({ restarts: state.restarts }),
  recover: (persisted) => [{ pings: 0, pongs: 0, ticks: 0, restarts: persisted.restarts + 1, value: null }, [{ kind: 'set-timer', timer: 'tick', range: { minMs: 20, maxMs: 60 } }]],
  view: (state) => ({ role: 'pinger', summary: `${state.pings} pings`, details: { pings: state.pings, pongs: state.pongs } }),
};

/** The ping servers, keyboard clients beside them, n1 as "leader" and the tick as the timeout timer. */
export const pingSystem: ActorSystem = {
  protocols: { server: pingProtocol, [USER_ROLE]: registerClient },
  serverRole: 'server',
  leader: () => 'n1',
  timeoutTimer: 'tick',
  userRequest,
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

/** Servers n1..nN of role `server`. */
export function pingActors(nodes = 3): ActorSpec[] {
  return Array.from({ length: nodes }, (_, i) => ({ id: `n${i + 1}`, role: 'server' }));
}

export function pingConfig(overrides: Partial<WorldConfig> = {}): WorldConfig {
  return { lab: 'ping', seed: 42, actors: pingActors(3), params: {}, network: { latencyMs: [5, 15], drop: 0, duplicate: 0 }, ...overrides };
}

/** The ping lab's message descriptor, for buildFrame. */
export const describePing = (payload: { type: string }) => ({ label: payload.type, kind: payload.type.toLowerCase() });
