// The lab actions: `configure` switches backoff, Multi-Paxos and the forgetful-acceptor rule
// while a run goes on; `propose` asks a proposer to start a fresh attempt now. The settings in
// force are kept beside the actors, so an actor back from a crash is told them too.
import * as v from 'valibot';
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { ballotOf } from './ballot';
import type { ProposerState } from './proposer-state';
import { readSettings, type PaxosSettings } from './settings';

export const CONFIGURE_SCHEMA = v.partial(v.object({ backoff: v.boolean(), multiPaxos: v.boolean(), forgetOnRestart: v.boolean() }));
export const PROPOSE_SCHEMA = v.object({
  proposer: v.picklist(['p1', 'p2', 'p3', 'p4']),
  slot: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12))),
  value: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(8))),
  /** Start the attempt this long after the action (two proposers a set time apart). */
  afterMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5000))),
});

export const DUEL_SCHEMA = v.object({ slot: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12))) });

/** How far apart `duel` starts the two proposers: the middle of the window in which each one's
 * phase 1 lands between the other's promises and its Accept (see runs.test.ts). */
export const DUEL_OFFSET_MS = 150;

/** The settings in force: the last `configure`, or the scenario's params. */
export function currentSettings(sim: Simulation): PaxosSettings {
  return (sim.world.labState.paxos as PaxosSettings | undefined) ?? readSettings(sim.world.config.params);
}

function describe(settings: PaxosSettings): string {
  return [
    settings.backoff ? 'randomised backoff on' : 'backoff off (fixed retry)',
    settings.multiPaxos ? 'Multi-Paxos on' : 'single decree',
    ...(settings.forgetOnRestart ? ['acceptors forget on restart'] : []),
  ].join(', ');
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { backoff, multiPaxos, forgetOnRestart } = action as Partial<PaxosSettings>;
  const before = currentSettings(sim);
  const settings: PaxosSettings = {
    backoff: backoff ?? before.backoff, multiPaxos: multiPaxos ?? before.multiPaxos, forgetOnRestart: forgetOnRestart ?? before.forgetOnRestart,
  };
  sim.world.labState.paxos = settings;
  sim.record({ kind: 'control', tag: 'configure', text: `paxos set to ${describe(settings)}` });
  for (const id of sim.world.actorIds) if (sim.world.nodes[id].up) pushSettings(sim, id, settings);
}

export function propose(sim: Simulation, action: Record<string, unknown>): void {
  const id = action.proposer as string;
  const node = sim.world.nodes[id];
  if (!node || node.role !== 'proposer' || !node.up) {
    sim.record({ kind: 'control', tag: 'propose', text: `propose skipped: no running proposer ${id}` });
    return;
  }
  const slot = typeof action.slot === 'number' ? action.slot : undefined;
  const value = typeof action.value === 'string' ? action.value : undefined;
  const afterMs = typeof action.afterMs === 'number' ? action.afterMs : 0;
  sim.record({ kind: 'control', tag: 'propose', node: id, text: `${id} asked to propose${value ? ` ${value}` : ''}${slot ? ` for slot ${slot}` : ''}${afterMs ? ` in ${afterMs} ms` : ''}` });
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'propose', slot, value, afterMs }, ctx));
}

/** The `duel` action: the first two running proposers propose for the same slot, the second
 * DUEL_OFFSET_MS after the first, in one action so both land at one virtual moment. */
export function duel(sim: Simulation, action: Record<string, unknown>): void {
  // The one whose next ballot is lower goes first, so the second one's Prepare pre-empts it.
  const nextBallot = (id: string) => {
    const state = sim.world.nodes[id].state as ProposerState;
    return ballotOf(state.round + 1, state.index);
  };
  const running = (sim.world.roster.proposer ?? []).filter((id) => sim.world.nodes[id].up).slice(0, 2).sort((a, b) => nextBallot(a) - nextBallot(b));
  const slot = typeof action.slot === 'number' ? action.slot : undefined;
  running.forEach((proposer, i) => propose(sim, { proposer, slot, afterMs: i === 0 ? 0 : DUEL_OFFSET_MS }));
}

/** An actor back from a crash gets the settings in force, like any operator setting it missed. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.world.labState.paxos) pushSettings(sim, id, currentSettings(sim));
}

function pushSettings(sim: Simulation, id: NodeId, settings: PaxosSettings): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'configure', settings }, ctx));
}
