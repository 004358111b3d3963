// A dependency (A or B): answers each call after a service time drawn from its mode's latency
// range — healthy, slow, or failing (fast errors). It keeps working on a call after the caller
// has given up on it: a timeout frees the caller's slot, not the dependency's work.
import type { Effect, Message, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import { dependencyOf, readDependencyParams, type DependencyMode, type DependencyName, type DependencyParams } from './params';

export interface CallMessage extends Message {
  type: 'Call';
  id: number;
}

export interface ReplyMessage extends Message {
  type: 'Reply';
  id: number;
  ok: boolean;
}

export interface DependencyState {
  name: DependencyName;
  mode: DependencyMode;
  /** Calls in progress, by id: who asked and whether the answer will be an error. */
  working: Record<string, { from: string; fail: boolean }>;
  /** True while the scenario's incident timeline still applies (a person taking over ends it). */
  scripted: boolean;
  served: number;
  errors: number;
}

export type DependencyPersisted = Pick<DependencyState, 'name' | 'mode' | 'scripted'>;

const START = 'incident-start';
const END = 'incident-end';
const REPLY = 'reply:';

export function latencyOf(mode: DependencyMode, params: DependencyParams): [number, number] {
  return mode === 'slow' ? params.slowLatencyMs : mode === 'failing' ? params.failingLatencyMs : params.healthyLatencyMs;
}

export function describeMode(mode: DependencyMode, params: DependencyParams): string {
  const [low, high] = latencyOf(mode, params);
  return mode === 'failing' ? `failing (errors in ${low}–${high} ms)` : `${mode} (answers in ${low}–${high} ms)`;
}

function nameOf(ctx: NodeContext): DependencyName {
  return dependencyOf(Math.max(0, ctx.servers.indexOf(ctx.id)));
}

/** The mode the scenario's incident gives B at `nowMs`, and the timer that changes it next. */
function scriptedAt(name: DependencyName, params: DependencyParams, nowMs: number): { mode: DependencyMode; timer: { name: string; inMs: number } | null } {
  if (name !== 'B' || params.incident === 'none') return { mode: 'healthy', timer: null };
  const start = params.incidentAtMs;
  const end = params.incidentMs > 0 ? start + params.incidentMs : Infinity;
  if (nowMs < start) return { mode: 'healthy', timer: { name: START, inMs: start - nowMs } };
  if (nowMs < end) return { mode: params.incident, timer: end === Infinity ? null : { name: END, inMs: end - nowMs } };
  return { mode: 'healthy', timer: null };
}

function follow(state: DependencyState, ctx: NodeContext): Step<DependencyState> {
  const params = readDependencyParams(ctx.params);
  const { mode, timer } = scriptedAt(state.name, params, ctx.clockMs);
  const out: Effect[] = [{ kind: 'metric', name: `${state.name}.busy`, metric: 'gauge', value: Object.keys(state.working).length }];
  if (timer) out.push({ kind: 'set-timer', timer: timer.name, afterMs: timer.inMs, quiet: true });
  if (mode !== state.mode) out.push({ kind: 'note', tag: mode === 'healthy' ? 'dependency-recovered' : 'dependency-degraded', text: `${state.name} is ${describeMode(mode, params)}` });
  return [mode === state.mode ? state : { ...state, mode }, out];
}

export const dependency: Protocol<DependencyState, DependencyPersisted> = {
  id: 'breaker-dependency',
  init(ctx) {
    return follow({ name: nameOf(ctx), mode: 'healthy', working: {}, scripted: true, served: 0, errors: 0 }, ctx);
  },
  onMessage(state, from, message, ctx) {
    if (message.type !== 'Call') return [state, []];
    const id = String((message as CallMessage).id);
    if (Object.hasOwn(state.working, id)) return [state, []]; // a duplicated delivery of a call in progress
    const params = readDependencyParams(ctx.params);
    const [minMs, maxMs] = latencyOf(state.mode, params);
    const working = { ...state.working, [id]: { from, fail: state.mode === 'failing' } };
    return [
      { ...state, working },
      [
        { kind: 'set-timer', timer: REPLY + id, range: { minMs, maxMs }, quiet: true },
        { kind: 'metric', name: `${state.name}.busy`, metric: 'gauge', value: Object.keys(working).length },
      ],
    ];
  },
  onTimer(state, timer, ctx) {
    if (timer === START || timer === END) return state.scripted ? follow(state, ctx) : [state, []];
    if (!timer.startsWith(REPLY)) return [state, []];
    const id = timer.slice(REPLY.length);
    const call = state.working[id];
    if (!call) return [state, []];
    const { [id]: _done, ...working } = state.working;
    const reply: ReplyMessage = { type: 'Reply', id: Number(id), ok: !call.fail };
    return [
      { ...state, working, served: state.served + 1, errors: state.errors + (call.fail ? 1 : 0) },
      [
        { kind: 'send', to: call.from, message: reply },
        { kind: 'metric', name: `${state.name}.busy`, metric: 'gauge', value: Object.keys(working).length },
      ],
    ];
  },
  /** A person sets the mode: the scenario's incident timeline no longer applies. */
  onControl(state, control, ctx) {
    if (control.do !== 'set-mode' || typeof control.mode !== 'string') return [state, []];
    const mode = control.mode as DependencyMode;
    const params = readDependencyParams(ctx.params);
    const out: Effect[] = [
      { kind: 'cancel-timer', timer: START },
      { kind: 'cancel-timer', timer: END },
      { kind: 'note', tag: mode === 'healthy' ? 'dependency-recovered' : 'dependency-degraded', text: `${state.name} set to ${describeMode(mode, params)}` },
    ];
    return [{ ...state, mode, scripted: false }, out];
  },
  // Its mode is its environment (a slow disk, a bad deploy): a restart does not change it. Calls in
  // progress are lost; their callers time out.
  persisted: (state) => ({ name: state.name, mode: state.mode, scripted: state.scripted }),
  recover(saved, ctx) {
    const state: DependencyState = { ...saved, working: {}, served: 0, errors: 0 };
    return saved.scripted ? follow(state, ctx) : [state, [{ kind: 'metric', name: `${state.name}.busy`, metric: 'gauge', value: 0 }]];
  },
  view(state): NodeView {
    const busy = Object.keys(state.working).length;
    return {
      role: 'dependency',
      summary: `dependency ${state.name}: ${state.mode}, working on ${busy} call${busy === 1 ? '' : 's'}`,
      badge: `${state.name} · ${state.mode}`,
      details: { dependency: state.name, mode: state.mode, working: busy, answered: state.served, errors: state.errors },
    };
  },
};
