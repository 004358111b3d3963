// The servers' protocol: n1 is the coordinator (2PC) or orchestrator (saga), every other server a
// participant owning one account. One role, so the platform's faults reach the coordinator as
// they reach any participant, and the invariants see every server's state.
import type { ControlAction, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { coordinatorMessage, coordinatorTimer, initCoordinator, persistCoordinator, recoverCoordinator, type CoordinatorState } from './coordinator';
import type { TxMessage } from './messages';
import { settingsFrom, txParams, type TxSettings } from './params';
import { initParticipant, participantMessage, participantTimer, recoverParticipant, type ParticipantState } from './participant';
import { coordinatorView, participantView } from './views';

export type TxNodeState = CoordinatorState | ParticipantState;

function isCoordinator(ctx: NodeContext): boolean {
  return ctx.servers[0] === ctx.id;
}

/** A settings change from the `configure` lab action (or after a restart, the settings in force). */
function configure(state: TxNodeState, settings: TxSettings): TxNodeState {
  const keys = Object.keys(settings) as (keyof TxSettings)[];
  const same = keys.every((key) => state.settings[key] === settings[key]);
  return same ? state : { ...state, settings: { ...settings } };
}

export const transactionServer: Protocol<TxNodeState, TxNodeState> = {
  id: 'transaction-server',
  init(ctx) {
    const params = txParams(ctx.params);
    const settings = settingsFrom(params);
    return [isCoordinator(ctx) ? initCoordinator(settings, params.coordinatorLog) : initParticipant(ctx, settings), []];
  },
  onMessage(state, from, message: Message, ctx): Step<TxNodeState> {
    const m = message as unknown as TxMessage;
    return state.kind === 'coordinator' ? coordinatorMessage(state, from, m, ctx) : participantMessage(state, from, m, ctx);
  },
  onTimer(state, timer, ctx): Step<TxNodeState> {
    return state.kind === 'coordinator' ? coordinatorTimer(state, timer, ctx) : participantTimer(state, timer, ctx);
  },
  onControl(state, control: ControlAction): Step<TxNodeState> {
    if (control.do !== 'configure') return [state, []];
    return [configure(state, control.settings as TxSettings), []];
  },
  persisted: (state) => (state.kind === 'coordinator' ? persistCoordinator(state) : state),
  recover(saved, ctx): Step<TxNodeState> {
    return saved.kind === 'coordinator' ? recoverCoordinator(saved, ctx) : recoverParticipant(saved, ctx);
  },
  view: (state): NodeView => (state.kind === 'coordinator' ? coordinatorView(state) : participantView(state)),
};
