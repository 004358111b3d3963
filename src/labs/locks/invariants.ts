// What must hold of the lock nodes after every event, with the lab's defaults and any faults:
// a node's fencing tokens only go up, even across a crash (a durable counter), and a lease names
// the token the node last handed out. Breaking the `durableLocks` rule (a node that forgets on
// restart) is what makes the first one fail.
import type { Invariant } from '../../engine/types';
import type { LockNodeState } from './lock-node';

export const tokensIncrease: Invariant<LockNodeState, Record<string, number>> = {
  name: 'fencing-tokens-increase',
  description: 'A lock node never hands out a fencing token lower than or equal to one it handed out before, even after a restart.',
  initGhost: () => ({}),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || !node.up || node.state === null) continue;
      const before = ghost[node.id] ?? 0;
      if (node.state.counter < before) return `${node.id} had handed out token ${before}, and now counts from ${node.state.counter}: tokens will repeat`;
      ghost[node.id] = node.state.counter;
    }
    return null;
  },
};

export const leaseCarriesLatestToken: Invariant<LockNodeState, null> = {
  name: 'lease-carries-latest-token',
  description: 'A lock node’s current lease carries the last token it handed out.',
  initGhost: () => null,
  check(nodes, _ghost, changed) {
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || !node.up || node.state?.holder == null) continue;
      if (node.state.holder.token !== node.state.counter) return `${node.id} leases to ${node.state.holder.client} with token ${node.state.holder.token}, but its last token is ${node.state.counter}`;
    }
    return null;
  },
};

export const LOCK_INVARIANTS = [tokensIncrease, leaseCarriesLatestToken];
