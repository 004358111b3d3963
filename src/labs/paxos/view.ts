// What the lab adds to each frame (`frame.labView`), computed in the worker from engine state:
// the settings in force, each slot's chosen value as the agreement invariant's ghost recorded
// it, what each learner learned, each proposer's attempt, and counts from the protocol's notes.
import type { Simulation } from '../../engine/simulation';
import { agreementGhost } from './agreement';
import { formatBallot, majorityOf } from './ballot';
import { currentSettings } from './controls';
import type { LearnerState } from './learner';
import type { ProposerState } from './proposer';
import type { PaxosSettings } from './settings';

export interface SlotView {
  slot: number;
  /** The value a majority accepted at one ballot (the ghost's record), or null. */
  chosen: string | null;
  /** Every ballot at which a majority accepted it, formatted ("1.2"). */
  ballots: string[];
  /** Each learner's value for the slot, or null. */
  learned: Record<string, string | null>;
  /** A second value reached a majority: safety broke. */
  conflict: string | null;
}

export interface ProposerView {
  id: string;
  up: boolean;
  phase: string;
  ballot: string;
  failures: number;
}

export interface PaxosView {
  settings: PaxosSettings;
  acceptors: number;
  majority: number;
  slots: SlotView[];
  proposers: ProposerView[];
  /** Notes of the run so far: pre-emptions, adopted values, slots a leader filled with phase 2 alone. */
  preemptions: number;
  adoptions: number;
  phase1Skipped: number;
  /** The highest round any proposer has reached. */
  highestRound: number;
  learnerConflicts: number;
}

function stateOf<S>(sim: Simulation, id: string): S | null {
  const node = sim.world.nodes[id];
  return node.up ? (node.state as S) : (null as S | null);
}

export function paxosView(sim: Simulation): PaxosView {
  const world = sim.world;
  const ghost = agreementGhost(world.ghosts);
  const learners = world.roster.learner ?? [];
  const learnerStates = learners.map((id) => [id, (world.nodes[id].state as LearnerState | null)] as const);
  const slotNumbers = new Set<number>([1, ...Object.keys(ghost?.chosen ?? {}).map(Number)]);
  for (const [, state] of learnerStates) for (const slot of Object.keys(state?.learned ?? {})) slotNumbers.add(Number(slot));
  // The slots proposers are working on show too, empty until something is chosen there.
  for (const id of world.roster.proposer ?? []) {
    const state = stateOf<ProposerState>(sim, id);
    if (state && state.phase !== 'idle') slotNumbers.add(state.proposal?.slot ?? (state.settings.multiPaxos ? state.fromSlot : state.slot));
  }
  const slots = [...slotNumbers].sort((a, b) => a - b).map((slot): SlotView => {
    const chosen = ghost?.chosen[slot];
    const conflict = ghost?.conflict?.slot === slot ? ghost.conflict.second : null;
    return {
      slot,
      chosen: chosen?.value ?? null,
      ballots: (chosen?.ballots ?? []).map(formatBallot),
      learned: Object.fromEntries(learnerStates.map(([id, state]) => [id, state?.learned[slot]?.value ?? null])),
      conflict,
    };
  });
  const proposers = (world.roster.proposer ?? []).map((id): ProposerView => {
    const state = stateOf<ProposerState>(sim, id);
    return { id, up: state !== null, phase: state?.phase ?? 'crashed', ballot: formatBallot(state?.ballot ?? 0), failures: state?.failures ?? 0 };
  });
  const rounds = (world.roster.proposer ?? []).map((id) => (world.nodes[id].state as ProposerState | null)?.round ?? 0);
  return {
    settings: currentSettings(sim),
    acceptors: world.nodeIds.length,
    majority: majorityOf(world.nodeIds.length),
    slots,
    proposers,
    preemptions: world.marks.preempted ?? 0,
    adoptions: world.marks.adopted ?? 0,
    phase1Skipped: world.marks['phase1-skipped'] ?? 0,
    highestRound: Math.max(0, ...rounds),
    learnerConflicts: learnerStates.reduce((sum, [, state]) => sum + (state?.conflicts.length ?? 0), 0),
  };
}
