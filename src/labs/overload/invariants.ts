// The overload lab's invariant: with deadline shedding on, a server never begins a request it
// cannot finish before that request's deadline. Checked on every worker's current request, from
// the times the server recorded when it began it. The rule "check deadlines on arrival only"
// breaks it: a request fresh when it arrived can expire while it waits in the queue.
import type { Invariant } from '../../engine/types';
import type { ServerState } from './server';

export const deadlineRespected: Invariant<ServerState, null> = {
  name: 'deadline-respected',
  description: 'With deadline shedding on, no server begins a request it cannot finish before its deadline.',
  initGhost: () => null,
  check(nodes, _ghost, changed) {
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || !node.up || node.state === null) continue;
      for (const item of node.state.working) {
        if (item === null || !item.underDeadline || item.doneMs <= item.deadlineMs) continue;
        return `${node.id} began ${item.id} (attempt ${item.attempt + 1}) at ${item.startedMs} ms on its clock, ${item.startedMs - item.arrivedMs} ms after it arrived; it finishes at ${item.doneMs} ms, ${item.doneMs - item.deadlineMs} ms after its deadline`;
      }
    }
    return null;
  },
};
