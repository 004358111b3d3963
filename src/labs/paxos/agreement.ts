// Paxos's safety property as an invariant over the acceptors (Paxos Made Simple §2.1: "only a
// single value is chosen"). Its ghost records every vote ever cast, per slot and ballot, so a
// value stays chosen in the ghost after the acceptors that chose it crash, forget or move on:
// a value is chosen once a majority of acceptors accepted it at the same ballot.
import type { Invariant, NodeSnapshot } from '../../engine/types';
import type { AcceptorState } from './acceptor';
import { formatBallot, majorityOf } from './ballot';

/** Who voted for which value at one ballot of one slot. */
export interface BallotVotes {
  value: string;
  by: string[];
}

/** A chosen value: the ballots at which a majority accepted it, in the order they reached it. */
export interface ChosenValue {
  value: string;
  ballots: number[];
}

export interface AgreementGhost {
  votes: Record<number, Record<number, BallotVotes>>;
  chosen: Record<number, ChosenValue>;
  /** The first agreement broken, kept so the page can say which values collided. */
  conflict: { slot: number; first: string; second: string; ballot: number } | null;
}

/** Ballots per slot the ghost keeps votes for; a long duel drops the oldest partial ones. */
const BALLOTS_KEPT = 64;

export const AGREEMENT = 'paxos-agreement';

function record(ghost: AgreementGhost, id: string, slot: number, ballot: number, value: string, majority: number): string | null {
  const bySlot = (ghost.votes[slot] ??= {});
  const entry = (bySlot[ballot] ??= { value, by: [] });
  if (entry.value !== value) return `two values at one ballot: ${entry.value} and ${value} both accepted at ${formatBallot(ballot)} in slot ${slot}`;
  if (entry.by.includes(id)) return null;
  entry.by.push(id);
  trim(bySlot);
  if (entry.by.length !== majority) return null;
  const chosen = ghost.chosen[slot];
  if (!chosen) {
    ghost.chosen[slot] = { value, ballots: [ballot] };
    return null;
  }
  if (!chosen.ballots.includes(ballot)) chosen.ballots.push(ballot);
  if (chosen.value === value) return null;
  ghost.conflict ??= { slot, first: chosen.value, second: value, ballot };
  return `two values chosen for slot ${slot}: ${chosen.value} (a majority at ${formatBallot(chosen.ballots[0])}) and ${value} (a majority of ${entry.by.join(', ')} at ${formatBallot(ballot)})`;
}

function trim(bySlot: Record<number, BallotVotes>): void {
  const ballots = Object.keys(bySlot).map(Number);
  if (ballots.length <= BALLOTS_KEPT) return;
  ballots.sort((a, b) => a - b);
  for (const old of ballots.slice(0, ballots.length - BALLOTS_KEPT)) delete bySlot[old];
}

export const agreement: Invariant<AcceptorState, AgreementGhost> = {
  name: AGREEMENT,
  description: 'At most one value is chosen per slot: every value a majority of acceptors accepted at one ballot is the same.',
  initGhost: () => ({ votes: {}, chosen: {}, conflict: null }),
  check(nodes: NodeSnapshot<AcceptorState>[], ghost, changed) {
    const majority = majorityOf(nodes.length);
    for (const node of nodes) {
      if ((changed !== null && node.id !== changed) || node.state === null) continue;
      for (const [slot, vote] of Object.entries(node.state.votes)) {
        const broken = record(ghost, node.id, Number(slot), vote.ballot, vote.value, majority);
        if (broken) return broken;
      }
    }
    return null;
  },
};

/** The agreement ghost of a run (the lab's only invariant). */
export function agreementGhost(ghosts: readonly unknown[]): AgreementGhost | null {
  const ghost = ghosts[0] as AgreementGhost | undefined;
  return ghost && typeof ghost === 'object' && 'chosen' in ghost ? ghost : null;
}
