// A client of the lock: it takes a lease (from one lock node, or Redlock's majority of them),
// reads the storage's counter, works on it for a while, writes it back plus one, and releases.
// Every storage request carries the lease's fencing token. It checks its lease when it gets it
// (Redlock's validity: the lease minus the time acquiring took and a drift allowance) and never
// again: a pause during the work — a stop-the-world GC — goes unnoticed, and the write goes out
// late. Checking again just before the write would only narrow the window, not close it: the
// pause, or the network, can fall between the check and the write's arrival.
import type { Effect, NodeContext, NodeView, Protocol, Step } from '../../engine/types';
import type { LockMessage } from './messages';
import { driftMs, lockTargets, majorityOf, settingsFrom, type LocksSettings } from './settings';

export type Phase = 'idle' | 'acquiring' | 'reading' | 'working' | 'writing';

export interface ClientState {
  settings: LocksSettings;
  phase: Phase;
  /** The current acquisition (a run-wide number, so a stale grant is recognised). */
  attempt: number;
  targets: string[];
  /** Tokens granted in this attempt, by lock node. */
  grants: Record<string, number>;
  denials: number;
  /** When this attempt began, on the client's clock. */
  askedAtClockMs: number;
  token: number | null;
  /** Until when the client believes it holds the lock, on its own clock. */
  validUntilClockMs: number | null;
  readValue: number | null;
  writeId: number;
  sections: number;
  writes: number;
  rejected: number;
  /** Writes sent after the lease had run out by the client's own clock (it had been paused). */
  lateWrites: number;
}

export const THINK = 'think';
export const ACQUIRE_TIMEOUT = 'acquire-timeout';
export const WORK = 'work';
export const OP_TIMEOUT = 'op-timeout';

/** Idle time between critical sections, and the back-off after a failed acquisition. */
export const THINK_RANGE = { minMs: 50, maxMs: 250 };
export const BACKOFF_RANGE = { minMs: 20, maxMs: 80 };
/** How long a client waits for the lock nodes' answers, and for the storage's. */
export const ACQUIRE_WAIT_MS = 120;
export const STORAGE_WAIT_MS = 200;

const STORAGE = 's1';

function lockNodes(ctx: NodeContext): readonly string[] {
  return ctx.roster.lock ?? [];
}

function needed(state: ClientState): number {
  return state.targets.length <= 1 ? 1 : majorityOf(state.targets.length);
}

/** Gives back whatever this attempt may hold, and goes idle until the next try. */
function finish(state: ClientState, out: Effect[], range = THINK_RANGE): ClientState {
  for (const node of state.targets) out.push({ kind: 'send', to: node, message: { type: 'Release', attempt: state.attempt } });
  out.push({ kind: 'cancel-timer', timer: OP_TIMEOUT }, { kind: 'cancel-timer', timer: ACQUIRE_TIMEOUT }, { kind: 'set-timer', timer: THINK, range, quiet: true });
  return { ...state, phase: 'idle', grants: {}, denials: 0, token: null, validUntilClockMs: null, readValue: null };
}

function startAcquire(state: ClientState, ctx: NodeContext): Step<ClientState> {
  const attempt = ctx.next('lock-attempt', 1);
  const targets = lockTargets(state.settings, lockNodes(ctx));
  const out: Effect[] = targets.map((node) => ({ kind: 'send', to: node, message: { type: 'Acquire', attempt, leaseMs: state.settings.leaseMs } }) as Effect);
  out.push({ kind: 'set-timer', timer: ACQUIRE_TIMEOUT, afterMs: ACQUIRE_WAIT_MS, quiet: true });
  return [{ ...state, phase: 'acquiring', attempt, targets, grants: {}, denials: 0, askedAtClockMs: ctx.clockMs }, out];
}

function onGranted(state: ClientState, from: string, m: Extract<LockMessage, { type: 'Granted' }>, ctx: NodeContext): Step<ClientState> {
  if (m.attempt !== state.attempt || state.phase === 'idle') {
    // A grant for an attempt given up on: hand it straight back.
    return [state, [{ kind: 'send', to: from, message: { type: 'Release', attempt: m.attempt } }]];
  }
  const grants = { ...state.grants, [from]: m.token };
  if (state.phase !== 'acquiring') return [{ ...state, grants }, []]; // a late grant of the lease in use
  const next = { ...state, grants };
  const tokens = Object.values(grants);
  if (tokens.length < needed(next)) return [next, []];
  const out: Effect[] = [];
  const { leaseMs } = state.settings;
  const validUntil = state.askedAtClockMs + leaseMs - (state.targets.length > 1 ? driftMs(leaseMs) : 0);
  if (ctx.clockMs >= validUntil) {
    out.push({ kind: 'note', tag: 'acquired-too-late', text: `${ctx.id} got its grants after its lease had run out: it gives them back` });
    return [finish(next, out, BACKOFF_RANGE), out];
  }
  // Redlock hands out no fencing token of its own: the best a client can do is the highest of
  // the counters its majority granted, which is neither unique nor monotonic across majorities.
  const token = Math.max(...tokens);
  out.push(
    { kind: 'cancel-timer', timer: ACQUIRE_TIMEOUT },
    { kind: 'send', to: STORAGE, message: { type: 'Read', token, section: state.attempt } },
    { kind: 'set-timer', timer: OP_TIMEOUT, afterMs: STORAGE_WAIT_MS, quiet: true },
    { kind: 'note', tag: 'acquired', text: `${ctx.id} holds the lock with token ${token} (${tokens.length} of ${state.targets.length} lock node${state.targets.length === 1 ? '' : 's'}), for ${validUntil - ctx.clockMs} ms by its clock`, data: { token } },
  );
  return [{ ...next, phase: 'reading', token, validUntilClockMs: validUntil, sections: state.sections + 1 }, out];
}

function onDenied(state: ClientState, m: Extract<LockMessage, { type: 'Denied' }>): Step<ClientState> {
  if (m.attempt !== state.attempt || state.phase !== 'acquiring') return [state, []];
  const denials = state.denials + 1;
  if (denials <= state.targets.length - needed(state)) return [{ ...state, denials }, []];
  const out: Effect[] = [];
  return [finish(state, out, BACKOFF_RANGE), out];
}

export const lockClient: Protocol<ClientState, Pick<ClientState, 'settings' | 'sections' | 'writes' | 'rejected' | 'lateWrites'>> = {
  id: 'lock-client',
  init: (ctx) => [
    {
      settings: settingsFrom(ctx.params), phase: 'idle', attempt: 0, targets: [], grants: {}, denials: 0, askedAtClockMs: 0,
      token: null, validUntilClockMs: null, readValue: null, writeId: 0, sections: 0, writes: 0, rejected: 0, lateWrites: 0,
    },
    [{ kind: 'set-timer', timer: THINK, range: { minMs: 1, maxMs: THINK_RANGE.maxMs }, quiet: true }],
  ],
  onMessage(state, from, message, ctx) {
    const m = message as LockMessage;
    switch (m.type) {
      case 'Granted':
        return onGranted(state, from, m, ctx);
      case 'Denied':
        return onDenied(state, m);
      case 'ReadOk': {
        if (state.phase !== 'reading' || m.token !== state.token) return [state, []];
        const out: Effect[] = [{ kind: 'cancel-timer', timer: OP_TIMEOUT }, { kind: 'set-timer', timer: WORK, afterMs: state.settings.workMs }];
        return [{ ...state, phase: 'working', readValue: m.value }, out];
      }
      case 'WriteOk': {
        if (state.phase !== 'writing' || m.writeId !== state.writeId) return [state, []];
        const out: Effect[] = [];
        return [finish({ ...state, writes: state.writes + 1 }, out), out];
      }
      case 'Rejected': {
        if ((state.phase !== 'reading' && state.phase !== 'writing') || m.token !== state.token) return [state, []];
        const out: Effect[] = [{ kind: 'note', tag: 'fenced', text: `${ctx.id}'s ${m.op} with token ${m.token} was refused: the storage has seen token ${m.highest}` }];
        return [finish({ ...state, rejected: state.rejected + 1 }, out), out];
      }
      default:
        return [state, []];
    }
  },
  onTimer(state, timer, ctx) {
    if (timer === THINK) return state.phase === 'idle' ? startAcquire(state, ctx) : [state, []];
    if (timer === ACQUIRE_TIMEOUT && state.phase === 'acquiring') {
      const out: Effect[] = [];
      return [finish(state, out, BACKOFF_RANGE), out];
    }
    if (timer === OP_TIMEOUT && (state.phase === 'reading' || state.phase === 'writing')) {
      const out: Effect[] = [];
      return [finish(state, out), out];
    }
    if (timer !== WORK || state.phase !== 'working' || state.token === null || state.readValue === null) return [state, []];
    const writeId = ctx.next('lock-write', 1);
    const value = state.readValue + 1;
    const late = state.validUntilClockMs !== null && ctx.clockMs >= state.validUntilClockMs;
    const out: Effect[] = [
      { kind: 'send', to: STORAGE, message: { type: 'Write', token: state.token, section: state.attempt, value, writeId } },
      { kind: 'set-timer', timer: OP_TIMEOUT, afterMs: STORAGE_WAIT_MS, quiet: true },
    ];
    if (late) {
      out.push({ kind: 'note', tag: 'late-write', text: `${ctx.id} writes ${value} with token ${state.token}, ${ctx.clockMs - state.validUntilClockMs!} ms after its lease ran out by its own clock: it was paused and does not know`, data: { token: state.token } });
    }
    return [{ ...state, phase: 'writing', writeId, lateWrites: state.lateWrites + (late ? 1 : 0) }, out];
  },
  onControl(state, control) {
    if (control.do !== 'configure') return [state, []];
    return [{ ...state, settings: control.settings as LocksSettings }, []];
  },
  persisted: (state) => ({ settings: state.settings, sections: state.sections, writes: state.writes, rejected: state.rejected, lateWrites: state.lateWrites }),
  recover(saved, ctx) {
    const [fresh] = lockClient.init(ctx);
    return [{ ...fresh, ...saved }, [{ kind: 'set-timer', timer: THINK, range: THINK_RANGE, quiet: true }]];
  },
  view(state): NodeView {
    const holding = state.phase === 'reading' || state.phase === 'working' || state.phase === 'writing';
    const counted = `${Object.keys(state.grants).length}/${state.targets.length}`;
    return {
      role: 'client',
      summary: holding ? `holds token ${state.token}: ${state.phase}` : state.phase === 'acquiring' ? `asking for the lock (${counted} granted)` : 'idle',
      badge: holding ? `#${state.token} ${state.phase}` : state.phase,
      details: {
        phase: state.phase,
        token: state.token,
        leaseEndsOnMyClockMs: state.validUntilClockMs,
        read: state.readValue,
        sections: state.sections,
        writes: state.writes,
        rejected: state.rejected,
        lateWrites: state.lateWrites,
      },
    };
  },
};
