// The messaging lab's actions while a run goes on: `configure` changes the settings (every actor
// hears them, a restarted one too, and the checks start a fresh window), `redrive` sends the
// dead-letter queue back, `snapshot` saves the stream projection, and `replay` rewinds the group's
// offsets to rebuild the projection from the log (from offset 0 or from the snapshot).
import * as v from 'valibot';
import type { Simulation } from '../../engine/simulation';
import type { ControlAction, NodeId } from '../../engine/types';
import type { LabActionSpec } from '../define-lab';
import type { BrokerState } from './broker';
import { BROKER_ID } from './producer';
import { describeSettings, readSettings, RUNTIME_SCHEMAS, type MessagingSettings } from './settings';
import { STORE_ID, type StoreState } from './store';

/** The settings in force: the last `configure`, or the scenario's params. */
export function currentSettings(sim: Simulation): MessagingSettings {
  return (sim.world.labState.messaging as MessagingSettings | undefined) ?? readSettings(sim.world.config.params);
}

/** When the checks' window begins: the last settings change, or 0. */
export function windowStartMs(sim: Simulation): number {
  const at = sim.world.labState.configuredAtMs;
  return typeof at === 'number' ? at : 0;
}

function control(sim: Simulation, id: NodeId, action: ControlAction): void {
  const node = sim.world.nodes[id];
  const onControl = node ? sim.protocolOf(id).onControl : undefined;
  if (node?.up && onControl) sim.runHandler(id, (state, ctx) => onControl(state, action, ctx));
}

function configure(sim: Simulation, action: Record<string, unknown>): void {
  const { name: _name, do: _do, at: _at, ...fields } = action;
  const before = currentSettings(sim);
  const settings = { ...before, ...(fields as Partial<MessagingSettings>) };
  sim.world.labState.messaging = settings;
  sim.world.labState.configuredAtMs = sim.world.timeMs;
  // A mode switch starts the broker over, empty: the FIFO model may judge from here.
  if (settings.mode !== before.mode) sim.world.labState.modeSinceMs = sim.world.timeMs;
  sim.record({ kind: 'control', tag: 'configure', text: `messaging set to ${describeSettings(settings)}` });
  for (const id of sim.world.actorIds) control(sim, id, { do: 'configure', settings });
}

/** An actor back from a crash hears the settings in force, like any change it missed. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.world.labState.messaging) control(sim, id, { do: 'configure', settings: currentSettings(sim) });
}

function redrive(sim: Simulation): void {
  sim.record({ kind: 'control', tag: 'redrive', text: 'redrive the dead-letter queue' });
  control(sim, BROKER_ID, { do: 'redrive' });
}

function snapshot(sim: Simulation): void {
  sim.record({ kind: 'control', tag: 'snapshot', text: 'snapshot the projection' });
  control(sim, STORE_ID, { do: 'snapshot' });
}

/** Rewinds the group to offset 0, or to the snapshot's offsets, and rebuilds the projection. */
function replay(sim: Simulation, action: Record<string, unknown>): void {
  const broker = sim.world.nodes[BROKER_ID]?.state as BrokerState | null;
  const store = sim.world.nodes[STORE_ID]?.state as StoreState | null;
  if (!broker || !store || broker.settings.mode !== 'stream' || !sim.world.nodes[BROKER_ID].up || !sim.world.nodes[STORE_ID].up) {
    sim.record({ kind: 'control', text: 'replay skipped: it needs stream mode with the broker and the store up' });
    return;
  }
  const fromSnapshot = action.source === 'snapshot' && store.snapshot !== null;
  const offsets = fromSnapshot ? store.snapshot!.through.slice() : broker.log.map(() => 0);
  sim.record({ kind: 'control', tag: 'replay', text: `replay the stream from ${fromSnapshot ? `the snapshot (offsets ${offsets.join(', ')})` : 'offset 0'}` });
  control(sim, STORE_ID, { do: 'replay', from: fromSnapshot ? 'snapshot' : 'start', until: broker.log.map((records) => records.length) });
  control(sim, BROKER_ID, { do: 'replay', offsets });
}

export const MESSAGING_ACTIONS: Record<string, LabActionSpec> = {
  configure: { schema: v.partial(v.object(RUNTIME_SCHEMAS)), apply: configure },
  redrive: { schema: v.object({}), apply: redrive },
  snapshot: { schema: v.object({}), apply: snapshot },
  replay: { schema: v.object({ source: v.picklist(['start', 'snapshot']) }), apply: replay },
};
