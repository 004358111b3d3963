// Test helpers for Raft: contexts, hand-built states and logs, and effect filters.
import { Prng, seedState } from '../../../src/engine/prng';
import type { Effect, Message, NodeContext, Operation } from '../../../src/engine/types';
import { replyOf, type ClientRequest } from '../../../src/protocols/client/messages';
import { volatileState } from '../../../src/protocols/raft/raft';
import type { LogEntry, RaftState } from '../../../src/protocols/raft/types';

/** A server's context in a cluster n1..n<size>, as the engine builds it: its own seeded stream
 * and a run-wide counters record (shared by every context built with the same `counters`). */
export function context(id: string, size = 3, params: Record<string, unknown> = {}, counters: Record<string, number> = {}, seed = 1): NodeContext {
  const servers: string[] = [];
  for (let i = 1; i <= size; i++) servers.push(`n${i}`);
  return {
    id,
    role: 'server',
    peers: servers.filter((peer) => peer !== id),
    roster: { server: servers },
    servers,
    home: null,
    params,
    clockMs: 0,
    rng: new Prng(seedState(seed, `node:${id}`)),
    next: (counter, start = 0) => {
      const value = counters[counter] ?? start;
      counters[counter] = value + 1;
      return value;
    },
    peek: (counter, start = 0) => counters[counter] ?? start,
  };
}

export function write(key: string, value: unknown): Operation {
  return { f: 'write', key, value };
}

/** A log with one entry per term given: "x←<index>" writes, so entries differ by index. */
export function logOf(...terms: number[]): LogEntry[] {
  return terms.map((term, i) => ({ term, command: write('x', i + 1) }));
}

export function stateWith(fields: Partial<RaftState> = {}): RaftState {
  return { ...volatileState({ currentTerm: 1, votedFor: null, log: [] }, {}), ...fields };
}

/** A leader of `term` in a cluster of `size`, every peer at nextIndex = log length + 1. */
export function leaderWith(fields: Partial<RaftState> & { log: LogEntry[] }, size = 3, selfId = 'n1'): RaftState {
  const nextIndex: Record<string, number> = {};
  const matchIndex: Record<string, number> = {};
  for (const peer of context(selfId, size).peers) {
    nextIndex[peer] = fields.log.length + 1;
    matchIndex[peer] = 0;
  }
  return stateWith({ role: 'leader', leaderId: selfId, votedFor: selfId, nextIndex, matchIndex, ...fields });
}

export function request(op: Operation, requestId = 1, client = 'c1'): ClientRequest {
  return { requestId, client, op };
}

export type Sent = { to: string; message: Message };

export function sends(effects: Effect[], type?: string): Sent[] {
  const result: Sent[] = [];
  for (const effect of effects) {
    // Client replies are sends too now; `replies` reads those, as it read the old reply effects.
    if (effect.kind === 'send' && replyOf(effect) === null && (type === undefined || effect.message.type === type)) result.push({ to: effect.to, message: effect.message });
  }
  return result;
}

export function notes(effects: Effect[]): string[] {
  return effects.flatMap((effect) => (effect.kind === 'note' ? [effect.tag] : []));
}

export function timersSet(effects: Effect[]): string[] {
  return effects.flatMap((effect) => (effect.kind === 'set-timer' ? [effect.timer] : []));
}

export function timersCancelled(effects: Effect[]): string[] {
  return effects.flatMap((effect) => (effect.kind === 'cancel-timer' ? [effect.timer] : []));
}

/** The client replies among the effects (ClientReply messages), as `{ to, requestId, result }`. */
export function replies(effects: Effect[]) {
  return effects.flatMap((effect) => {
    const reply = replyOf(effect);
    return reply === null ? [] : [reply];
  });
}

/** Deep-freezes a state so any mutation by a handler throws in strict mode. */
export function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) frozen((value as Record<string, unknown>)[key]);
  }
  return value;
}
