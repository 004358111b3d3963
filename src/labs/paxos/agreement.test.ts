// The agreement invariant against brute force: for random sequences of votes, the ghost's chosen
// values are exactly the values some majority accepted at one ballot, and it reports a violation
// exactly when two of them differ in a slot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeSnapshot } from '../../engine/types';
import type { AcceptorState } from './acceptor';
import { agreement } from './agreement';

const ACCEPTORS = ['n1', 'n2', 'n3', 'n4', 'n5'];
const SETTINGS = { backoff: true, multiPaxos: false, forgetOnRestart: false };

/** One vote: an acceptor accepts `value` at `ballot` in `slot` (ballots own their value, as in Paxos). */
const vote = fc.record({ acceptor: fc.constantFrom(...ACCEPTORS), slot: fc.integer({ min: 1, max: 2 }), ballot: fc.integer({ min: 1, max: 6 }), pick: fc.integer({ min: 0, max: 1 }) });
const valueOf = (ballot: number, pick: number) => `v${(ballot + pick) % 3}`;

describe('agreement invariant', () => {
  it('matches brute force on random vote sequences', () => {
    fc.assert(fc.property(fc.array(vote, { maxLength: 30 }), (votes) => {
      const ghost = agreement.initGhost();
      const states: Record<string, AcceptorState> = Object.fromEntries(ACCEPTORS.map((id) => [id, { promised: 0, votes: {}, settings: SETTINGS }]));
      // The ballot's value is fixed by the first vote at it: one proposer, one value per ballot.
      const ballotValue = new Map<string, string>();
      let reported: string | null = null;
      for (const { acceptor, slot, ballot, pick } of votes) {
        const key = `${slot}/${ballot}`;
        if (!ballotValue.has(key)) ballotValue.set(key, valueOf(ballot, pick));
        const value = ballotValue.get(key)!;
        states[acceptor] = { ...states[acceptor], votes: { ...states[acceptor].votes, [slot]: { ballot, value } } };
        const snapshots: NodeSnapshot<AcceptorState>[] = ACCEPTORS.map((id) => ({ id, up: true, state: states[id] }));
        reported ??= agreement.check(snapshots, ghost, acceptor);
      }
      // Brute force: every (slot, ballot) that three distinct acceptors voted for.
      const voters = new Map<string, Set<string>>();
      for (const { acceptor, slot, ballot } of votes) voters.set(`${slot}/${ballot}`, (voters.get(`${slot}/${ballot}`) ?? new Set()).add(acceptor));
      const chosen = new Map<number, Set<string>>();
      for (const [key, who] of voters) {
        if (who.size < 3) continue;
        const slot = Number(key.split('/')[0]);
        chosen.set(slot, (chosen.get(slot) ?? new Set()).add(ballotValue.get(key)!));
      }
      for (const [slot, values] of chosen) expect(values.has(ghost.chosen[slot]?.value)).toBe(true);
      expect(Object.keys(ghost.chosen).map(Number).sort()).toEqual([...chosen.keys()].sort());
      const broken = [...chosen.values()].some((values) => values.size > 1);
      expect(reported !== null).toBe(broken);
    }), { numRuns: 300 });
  });
});
