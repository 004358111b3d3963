// The lab's actions while a run goes on. `configure` switches the protocol (for the next
// transaction: the one in progress finishes as it began), the participants' refusal rate, the
// compensation rule and how long the coordinator's log takes to write a commit decision; the
// settings are remembered beside the actors, so a server restarted later learns them.
// `transfer` has an idle client ask for a transfer now.
import type { Simulation } from '../../engine/simulation';
import type { NodeId } from '../../engine/types';
import { settingsFrom, txParams, type TxSettings } from './params';

export function currentSettings(sim: Simulation): TxSettings {
  const stored = sim.world.labState.settings as TxSettings | undefined;
  return stored ?? settingsFrom(txParams(sim.world.config.params));
}

/** True once a run has used sagas (from the start, or after a switch). */
export function usedSaga(sim: Simulation): boolean {
  return txParams(sim.world.config.params).protocol === 'saga' || sim.world.labState.usedSaga === true;
}

function describe(settings: TxSettings): string {
  const protocol = settings.protocol === '2pc' ? 'two-phase commit' : 'an orchestrated saga';
  const compensation = settings.protocol === 'saga' ? `, ${settings.compensation === 'idempotent' ? 'idempotent' : 'blind (not idempotent)'} compensations` : '';
  const log = settings.protocol === '2pc' && settings.logWriteMs > 0 ? `, a ${settings.logWriteMs} ms write of each commit decision` : '';
  return `${protocol}, participants refuse ${settings.failPercent}% of their parts${compensation}${log}`;
}

function push(sim: Simulation, id: NodeId, settings: TxSettings): void {
  const onControl = sim.protocolOf(id).onControl;
  if (onControl) sim.runHandler(id, (state, ctx) => onControl(state, { do: 'configure', settings }, ctx));
}

export function configure(sim: Simulation, action: Record<string, unknown>): void {
  const settings = { ...currentSettings(sim) };
  if (action.protocol === '2pc' || action.protocol === 'saga') settings.protocol = action.protocol;
  if (typeof action.failPercent === 'number') settings.failPercent = action.failPercent;
  if (action.compensation === 'idempotent' || action.compensation === 'blind') settings.compensation = action.compensation;
  if (typeof action.logWriteMs === 'number') settings.logWriteMs = action.logWriteMs;
  sim.world.labState.settings = settings;
  if (settings.protocol === 'saga') sim.world.labState.usedSaga = true;
  if (settings.compensation === 'blind') sim.world.labState.brokeRule = true;
  sim.record({ kind: 'control', tag: 'configure', text: `transactions now use ${describe(settings)}`, data: { ...settings } });
  for (const id of sim.world.nodeIds) if (sim.world.nodes[id].up) push(sim, id, settings);
}

/** A server back from a crash gets the settings in force, like any operator setting it missed. */
export function afterRestart(sim: Simulation, id: NodeId): void {
  if (sim.isServer(id) && sim.world.labState.settings) push(sim, id, currentSettings(sim));
}

/** The first client with nothing pending asks for a transfer now (of `amount`, if given). */
export function transferNow(sim: Simulation, action: Record<string, unknown>): void {
  const clients = sim.world.roster.client ?? [];
  const idle = clients.find((id) => sim.world.nodes[id].up && (sim.world.nodes[id].state as { pending: unknown } | null)?.pending === null);
  if (!idle) return sim.record({ kind: 'control', text: 'no transfer started: every client is busy or down' });
  sim.record({ kind: 'control', tag: 'transfer', node: idle, text: `${idle} is asked to start a transfer now` });
  const onControl = sim.protocolOf(idle).onControl;
  if (onControl) sim.runHandler(idle, (state, ctx) => onControl(state, { do: 'transfer', ...(typeof action.amount === 'number' ? { amount: action.amount } : {}) }, ctx));
}
