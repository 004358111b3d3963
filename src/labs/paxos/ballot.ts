// Ballots: a round and the number of the proposer that owns it, packed into one integer so that
// ballots of different proposers never tie and compare with `<` (Paxos Made Simple §2.2: "a
// proposer chooses its numbers from a set disjoint from every other proposer's").
export const MAX_PROPOSERS = 9;

export function ballotOf(round: number, proposer: number): number {
  return round * (MAX_PROPOSERS + 1) + proposer;
}

export function roundOf(ballot: number): number {
  return Math.floor(ballot / (MAX_PROPOSERS + 1));
}

export function proposerOf(ballot: number): number {
  return ballot % (MAX_PROPOSERS + 1);
}

/** "3.1": round 3 of p1; "–" for no ballot. */
export function formatBallot(ballot: number): string {
  return ballot <= 0 ? '–' : `${roundOf(ballot)}.${proposerOf(ballot)}`;
}

/** How many of `count` acceptors make a majority. */
export function majorityOf(count: number): number {
  return Math.floor(count / 2) + 1;
}
