// What a Raft node does with a client's request (Raft §8): only the leader takes commands; a
// query may skip the log (thesis §6.4); a repeated request is answered once.
import type { Step } from '../../engine/types';
import { reply, type ClientRequest } from '../client/messages';
import { appendCommand, redirect } from './append';
import { acceptDuplicate } from './dedupe';
import type { Out } from './effects';
import { raftParams } from './params';
import { serveQuery } from './reads';
import type { RaftContext } from './state-machine';
import type { RaftState } from './types';

/** Raft §8: only the leader accepts commands; it turns the operation into its state machine's
 * command, appends, replicates at once and answers once the entry is applied. Others redirect. */
export function onRequest(state: RaftState, request: ClientRequest, ctx: RaftContext): Step<RaftState> {
  const out: Out = [];
  if (state.role !== 'leader') {
    redirect(state, request.client, request.requestId, out);
    return [state, out];
  }
  const made = ctx.machine.command(request.op);
  if ('error' in made) {
    out.push(reply(request.client, request.requestId, { status: 'fail', error: made.error }));
    return [state, out];
  }
  return [submit(state, request, made.command, ctx, out), out];
}

/** A leader takes `command` for `request`: a query goes the read path when reads skip the log
 * (thesis §6.4); anything else is appended, unless the request is already in the log (§8). */
export function submit(state: RaftState, request: ClientRequest, command: unknown, ctx: RaftContext, out: Out): RaftState {
  if (raftParams(ctx.params).reads !== 'log' && ctx.machine.isQuery(command)) return serveQuery(state, request, command, ctx, out);
  const duplicate = acceptDuplicate(state, request, ctx, out);
  if (duplicate !== null) return duplicate;
  return appendCommand(state, command, request, ctx, out);
}
