// The member protocol: one role, two detectors. Handlers dispatch on the detector in force (a
// param, changed live by the `configure` lab action); both share one state shape so that a
// member can switch between them mid-run.
import type { ControlAction, Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { startJoin } from './beliefs';
import { enqueue } from './dissemination';
import { heartbeatMessage, heartbeatTimer } from './heartbeat';
import { readParams, type LiveSettings } from './settings';
import { freshState, suspectTimer, tally, TIMERS, type MemberPersisted, type MemberState } from './state';
import { swimMessage, swimTimer } from './swim';

export const MEMBER_ROLE = 'member';

function liveSettings(params: Record<string, unknown>): LiveSettings {
  const { detector, suspicion, indirectK } = readParams(params);
  return { detector, suspicion, indirectK };
}

/** Leaving SWIM drops its probe, join and suspicion timers; entering heartbeats starts every
 * member's silence count afresh, so nobody is declared dead for the time before the switch. */
function switchSettings(state: MemberState, settings: LiveSettings, out: Effect[]): MemberState {
  if (settings.detector === state.settings.detector) return { ...state, settings };
  if (settings.detector === 'heartbeat') {
    out.push({ kind: 'cancel-timer', timer: TIMERS.ack }, { kind: 'cancel-timer', timer: TIMERS.join });
    for (const [id, entry] of Object.entries(state.view)) if (entry.status === 'suspect') out.push({ kind: 'cancel-timer', timer: suspectTimer(id) });
    const heard = Object.fromEntries(Object.keys(state.view).map((id) => [id, state.tick]));
    return { ...state, settings, probe: null, joining: null, relays: [], buffer: [], heard };
  }
  return { ...state, settings };
}

export const memberProtocol: Protocol<MemberState, MemberPersisted> = {
  id: 'membership-member',
  init(ctx) {
    const state = freshState(ctx.servers, ctx.id, 0, liveSettings(ctx.params), ctx.clockMs);
    // A random phase: members' periods are not synchronised, as in a real group.
    return [state, [{ kind: 'set-timer', timer: TIMERS.period, range: { minMs: 1, maxMs: readParams(ctx.params).periodMs } }]];
  },
  onMessage(state, from, message, ctx) {
    return state.settings.detector === 'swim' ? swimMessage(state, from, message, ctx) : heartbeatMessage(state, from, message, ctx);
  },
  onTimer(state, timer, ctx) {
    return state.settings.detector === 'swim' ? swimTimer(state, timer, ctx) : heartbeatTimer(state, timer, ctx);
  },
  onControl(state, control: ControlAction): Step<MemberState> {
    if (control.do !== 'configure') return [state, []];
    const settings = control.settings as LiveSettings;
    const same = settings.detector === state.settings.detector && settings.suspicion === state.settings.suspicion && settings.indirectK === state.settings.indirectK;
    if (same) return [state, []];
    const out: Effect[] = [];
    return [switchSettings(state, settings, out), out];
  },
  persisted: (state) => ({ incarnation: state.incarnation }),
  /** Back from a crash with everything but its incarnation lost: one higher, so its "alive"
   * beats the "dead" the others spread about it; under SWIM it joins through a member. */
  recover(saved: MemberPersisted | null, ctx: NodeContext): Step<MemberState> {
    const incarnation = (saved?.incarnation ?? 0) + 1;
    const fresh = freshState(ctx.servers, ctx.id, incarnation, liveSettings(ctx.params), ctx.clockMs);
    const out: Effect[] = [{ kind: 'set-timer', timer: TIMERS.period, afterMs: readParams(ctx.params).periodMs }];
    if (fresh.settings.detector === 'heartbeat') return [fresh, out];
    const announced = { ...fresh, buffer: enqueue(fresh.buffer, { id: ctx.id, status: 'alive', incarnation }) };
    return [startJoin(announced, ctx, out), out];
  },
  view(state): NodeView {
    const { alive, suspect, dead } = tally(state);
    const marks = [suspect > 0 ? `${suspect}?` : '', dead > 0 ? `${dead}✕` : ''].filter(Boolean).join(' ');
    const probe = state.probe ? ` · probing ${state.probe.target}${state.probe.indirect ? ' (indirect)' : ''}` : '';
    return {
      role: MEMBER_ROLE,
      summary: `incarnation ${state.incarnation} · ${alive} alive, ${suspect} suspect, ${dead} dead${probe}${state.joining ? ' · joining' : ''}`,
      badge: marks,
      details: {
        detector: state.settings.detector, incarnation: state.incarnation, alive, suspect, dead,
        probing: state.probe?.target ?? null, joining: state.joining !== null, spreading: state.buffer.length,
        probes: state.counts.probes, suspected: state.counts.suspected, declared: state.counts.declared, refuted: state.counts.refuted, rejoined: state.counts.rejoined,
      },
    };
  },
};
