// Safety properties of the member protocol that hold under any faults: a member's incarnation
// never runs backwards (not even across a crash), a member never believes itself anything but
// alive at its own incarnation, and under SWIM a running member's belief about another only
// moves forward in (incarnation, alive < suspect < dead).
import type { Invariant } from '../../engine/types';
import type { MemberState } from './state';
import { compareBeliefs, type Entry } from './view-order';

export const incarnationNeverDecreases: Invariant<MemberState, Record<string, number>> = {
  name: 'incarnation-never-decreases',
  description: 'A member’s incarnation number never decreases, even across a crash and restart.',
  initGhost: () => ({}),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || node.state === null) continue;
      const before = ghost[node.id] ?? 0;
      if (node.state.incarnation < before) return `${node.id}'s incarnation went from ${before} back to ${node.state.incarnation}`;
      ghost[node.id] = node.state.incarnation;
    }
    return null;
  },
};

export const neverDeadToItself: Invariant<MemberState, null> = {
  name: 'never-dead-to-itself',
  description: 'A running member always believes itself alive, at its own incarnation.',
  initGhost: () => null,
  check(nodes, _ghost, changed) {
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || node.state === null) continue;
      const self = node.state.view[node.id];
      if (self === undefined || self.status !== 'alive') return `${node.id} believes itself ${self?.status ?? 'unknown'}`;
      if (self.incarnation !== node.state.incarnation) return `${node.id} believes itself alive at incarnation ${self.incarnation}, but is at ${node.state.incarnation}`;
    }
    return null;
  },
};

/** Each running SWIM member's last belief about each other member (reset while it is down or
 * runs heartbeats, whose beliefs may go back from dead to alive). */
type Beliefs = Record<string, Record<string, Entry>>;

export const beliefsMoveForward: Invariant<MemberState, Beliefs> = {
  name: 'beliefs-move-forward',
  description: 'Under SWIM, a running member’s belief about another never goes back: only a higher incarnation overrides suspect or dead.',
  initGhost: () => ({}),
  check(nodes, ghost, changed) {
    for (const node of nodes) {
      if (changed !== null && node.id !== changed) continue;
      if (node.state === null || node.state.settings.detector !== 'swim') {
        delete ghost[node.id];
        continue;
      }
      const before = ghost[node.id];
      // Copy-on-write: an unchanged view is the same object, and cannot have gone back.
      if (before === node.state.view) continue;
      if (before !== undefined) {
        for (const id in node.state.view) {
          const entry = node.state.view[id];
          const was = before[id];
          if (was !== undefined && compareBeliefs(entry, was) < 0) {
            return `${node.id} believed ${id} ${was.status} at incarnation ${was.incarnation}, then ${entry.status} at ${entry.incarnation}`;
          }
        }
      }
      ghost[node.id] = node.state.view as Record<string, Entry>;
    }
    return null;
  },
};

export const membershipInvariants = [incarnationNeverDecreases, neverDeadToItself, beliefsMoveForward];
