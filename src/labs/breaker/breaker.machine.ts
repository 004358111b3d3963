// The circuit breaker as a statechart, with Resilience4j's semantics:
//   CLOSED    every call is permitted; outcomes go into the sliding window. Once the window holds
//             at least minimumNumberOfCalls and the failure rate or the slow-call rate is at or
//             above its threshold, the breaker trips to OPEN.
//   OPEN      calls are not permitted (they fail fast, "rejected"). The first call after
//             waitDurationInOpenState moves it to HALF_OPEN (Resilience4j's default, without
//             automaticTransitionFromOpenToHalfOpenEnabled) and is let through as a trial.
//   HALF_OPEN permits permittedNumberOfCallsInHalfOpenState trial calls and rejects the rest; once
//             that many outcomes are in, it reopens if a rate is at or above its threshold and
//             closes otherwise.
// Every transition starts a fresh window. Outcomes of calls permitted in an earlier state count in
// the state they arrive in, as in Resilience4j (OPEN's window is thrown away on leaving it).
// The engine keeps only the snapshot's value and context (plain data) and steps it with XState's
// pure `transition`, so the breaker is as deterministic and cloneable as the rest of a run.
import { assign, createActor, initialTransition, setup, type AnyActorScope } from 'xstate';
import {
  effectiveMinimum, emptyWindow, isSlow, judge, overReason, recordOutcome, tally, underReason,
  type Judgement, type SlidingWindow, type Thresholds, type WindowKind, type WindowSpec,
} from './sliding-window';

export type BreakerStateName = 'CLOSED' | 'OPEN' | 'HALF_OPEN';
export const BREAKER_STATES: readonly BreakerStateName[] = ['CLOSED', 'OPEN', 'HALF_OPEN'];

export type EdgeId = 'CLOSED>OPEN' | 'OPEN>HALF_OPEN' | 'HALF_OPEN>OPEN' | 'HALF_OPEN>CLOSED';
export const EDGES: readonly { id: EdgeId; from: BreakerStateName; to: BreakerStateName }[] = [
  { id: 'CLOSED>OPEN', from: 'CLOSED', to: 'OPEN' },
  { id: 'OPEN>HALF_OPEN', from: 'OPEN', to: 'HALF_OPEN' },
  { id: 'HALF_OPEN>OPEN', from: 'HALF_OPEN', to: 'OPEN' },
  { id: 'HALF_OPEN>CLOSED', from: 'HALF_OPEN', to: 'CLOSED' },
];

/** What a Resilience4j CircuitBreakerConfig says, in this lab's units. */
export interface BreakerConfig extends Thresholds {
  window: WindowKind;
  /** slidingWindowSize: calls (count-based) or seconds (time-based). */
  windowSize: number;
  minimumCalls: number;
  waitInOpenMs: number;
  /** permittedNumberOfCallsInHalfOpenState. */
  halfOpenCalls: number;
}

/** The last time an edge fired and why (the sentence the statechart panel draws on the arrow). */
export interface EdgeRecord {
  cause: string;
  atMs: number;
  times: number;
}

export interface BreakerContext {
  config: BreakerConfig;
  /** CLOSED: the sliding window; HALF_OPEN: the trial calls' outcomes; OPEN: unused. */
  window: SlidingWindow;
  openedAtMs: number;
  /** HALF_OPEN: trial calls it may still let through. */
  permitsLeft: number;
  edges: Partial<Record<EdgeId, EdgeRecord>>;
  last: EdgeId | null;
}

export type BreakerEvent =
  /** A call asks to go through (acquirePermission). */
  | { type: 'ACQUIRE'; nowMs: number }
  /** A permitted call did not happen after all (a full bulkhead): HALF_OPEN gets its permit back. */
  | { type: 'RELEASE' }
  /** A permitted call finished (onSuccess / onError), after `durationMs`. */
  | { type: 'RECORD'; nowMs: number; durationMs: number; failed: boolean };

type Record_ = Extract<BreakerEvent, { type: 'RECORD' }>;

export function windowSpec(config: BreakerConfig): WindowSpec {
  return { kind: config.window, size: config.windowSize, minimumCalls: config.minimumCalls };
}

/** HALF_OPEN judges its trial calls as a count-based window of exactly that many calls. */
export function trialSpec(config: BreakerConfig): WindowSpec {
  return { kind: 'count', size: config.halfOpenCalls, minimumCalls: config.halfOpenCalls };
}

function after(context: BreakerContext, spec: WindowSpec, event: Record_): SlidingWindow {
  return recordOutcome(context.window, spec, event.failed, isSlow(event.durationMs, context.config), event.nowMs);
}

function judged(context: BreakerContext, spec: WindowSpec, event: Record_): Judgement {
  return judge(tally(after(context, spec, event), spec, event.nowMs), effectiveMinimum(spec), context.config);
}

function fired(context: BreakerContext, edge: EdgeId, cause: string, atMs: number): Pick<BreakerContext, 'edges' | 'last'> {
  const times = (context.edges[edge]?.times ?? 0) + 1;
  return { edges: { ...context.edges, [edge]: { cause, atMs, times } }, last: edge };
}

const asRecord = (event: BreakerEvent): Record_ => event as Record_;
const nowOf = (event: BreakerEvent): number => ('nowMs' in event ? event.nowMs : 0);

export const breakerMachine = setup({
  types: {
    context: {} as BreakerContext,
    events: {} as BreakerEvent,
    input: {} as BreakerConfig,
  },
  guards: {
    windowOver: ({ context, event }) => judged(context, windowSpec(context.config), asRecord(event)).over,
    waitOver: ({ context, event }) => nowOf(event) - context.openedAtMs >= context.config.waitInOpenMs,
    permitLeft: ({ context }) => context.permitsLeft > 0,
    trialsOver: ({ context, event }) => {
      const j = judged(context, trialSpec(context.config), asRecord(event));
      return j.enough && j.over;
    },
    trialsUnder: ({ context, event }) => {
      const j = judged(context, trialSpec(context.config), asRecord(event));
      return j.enough && !j.over;
    },
  },
  actions: {
    // Reported to the caller through the actions `transition` returns; they change nothing.
    permitted: () => {},
    rejected: () => {},
    record: assign(({ context, event }) => ({ window: after(context, windowSpec(context.config), asRecord(event)) })),
    recordTrial: assign(({ context, event }) => ({ window: after(context, trialSpec(context.config), asRecord(event)) })),
    trip: assign(({ context, event }) => {
      const spec = windowSpec(context.config);
      const cause = overReason(judged(context, spec, asRecord(event)), spec, context.config);
      return { window: emptyWindow(), openedAtMs: nowOf(event), ...fired(context, 'CLOSED>OPEN', cause, nowOf(event)) };
    }),
    halfOpen: assign(({ context, event }) => {
      const { waitInOpenMs, halfOpenCalls } = context.config;
      const cause = `waited ${waitInOpenMs} ms in OPEN; the next call goes through as a trial (${halfOpenCalls} allowed)`;
      return { window: emptyWindow(), permitsLeft: halfOpenCalls, ...fired(context, 'OPEN>HALF_OPEN', cause, nowOf(event)) };
    }),
    takePermit: assign(({ context }) => ({ permitsLeft: context.permitsLeft - 1 })),
    returnPermit: assign(({ context }) => ({ permitsLeft: Math.min(context.config.halfOpenCalls, context.permitsLeft + 1) })),
    reopen: assign(({ context, event }) => {
      const spec = trialSpec(context.config);
      const cause = `trial calls: ${overReason(judged(context, spec, asRecord(event)), spec, context.config)}`;
      return { window: emptyWindow(), openedAtMs: nowOf(event), permitsLeft: 0, ...fired(context, 'HALF_OPEN>OPEN', cause, nowOf(event)) };
    }),
    close: assign(({ context, event }) => {
      const spec = trialSpec(context.config);
      const cause = `trial calls: ${underReason(judged(context, spec, asRecord(event)), spec, context.config)}`;
      return { window: emptyWindow(), permitsLeft: 0, ...fired(context, 'HALF_OPEN>CLOSED', cause, nowOf(event)) };
    }),
  },
}).createMachine({
  id: 'circuitBreaker',
  initial: 'CLOSED',
  context: ({ input }) => ({ config: input, window: emptyWindow(), openedAtMs: 0, permitsLeft: 0, edges: {}, last: null }),
  states: {
    CLOSED: {
      on: {
        ACQUIRE: { actions: 'permitted' },
        RECORD: [{ guard: 'windowOver', target: 'OPEN', actions: 'trip' }, { actions: 'record' }],
      },
    },
    OPEN: {
      on: {
        ACQUIRE: [{ guard: 'waitOver', target: 'HALF_OPEN', actions: ['halfOpen', 'takePermit', 'permitted'] }, { actions: 'rejected' }],
      },
    },
    HALF_OPEN: {
      on: {
        ACQUIRE: [{ guard: 'permitLeft', actions: ['takePermit', 'permitted'] }, { actions: 'rejected' }],
        RELEASE: { actions: 'returnPermit' },
        RECORD: [
          { guard: 'trialsOver', target: 'OPEN', actions: 'reopen' },
          { guard: 'trialsUnder', target: 'CLOSED', actions: 'close' },
          { actions: 'recordTrial' },
        ],
      },
    },
  },
});

/** What the engine stores of a breaker: its state and context, plain data. */
export interface BreakerData {
  value: BreakerStateName;
  context: BreakerContext;
}

export interface BreakerStep {
  /** The same object when nothing changed (copy-on-write). */
  data: BreakerData;
  /** For ACQUIRE: whether the call may go through. */
  permitted: boolean | null;
  /** The edge this event fired, if it moved the breaker. */
  edge: EdgeId | null;
}

export function startBreaker(config: BreakerConfig): BreakerData {
  const [snapshot] = initialTransition(breakerMachine, config);
  return { value: snapshot.value as BreakerStateName, context: snapshot.context };
}

// XState's `transition(machine, snapshot, event)` builds a throwaway actor on every call (about a
// tenth of a millisecond); a run steps its breakers thousands of times. So the lab keeps one inert
// scope, as `transition` makes internally — it runs nothing and only collects the actions a step
// returns — and calls the machine's own pure `transition` with it. The machine has no invoked
// actors, delays or emitted events, so the scope is never used for anything else; a test holds
// this equal to `transition` step for step.
const collected: string[] = [];
let inertScope: AnyActorScope | null = null;

function scope(): AnyActorScope {
  if (inertScope) return inertScope;
  const self = createActor(breakerMachine, { input: DEFAULT_SCOPE_CONFIG });
  inertScope = {
    self, id: '', sessionId: '', system: self.system,
    logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {},
    actionExecutor: (action) => { collected.push(action.type); },
  };
  return inertScope;
}

/** Only for the never-started actor behind the inert scope. */
const DEFAULT_SCOPE_CONFIG: BreakerConfig = {
  window: 'count', windowSize: 1, minimumCalls: 1, failureRatePct: 100, slowCallRatePct: 100, slowCallMs: 1, waitInOpenMs: 1, halfOpenCalls: 1,
};

export function stepBreaker(data: BreakerData, event: BreakerEvent): BreakerStep {
  const snapshot = breakerMachine.resolveState({ value: data.value, context: data.context });
  collected.length = 0;
  const next = breakerMachine.transition(snapshot, event, scope());
  const permitted = collected.includes('permitted') ? true : collected.includes('rejected') ? false : null;
  const value = next.value as BreakerStateName;
  if (value === data.value && next.context === snapshot.context) return { data, permitted, edge: null };
  return { data: { value, context: next.context }, permitted, edge: value === data.value ? null : (`${data.value}>${value}` as EdgeId) };
}

/** The gauge the charts draw: 0 closed, 1 half-open, 2 open. */
export function stateLevel(state: BreakerStateName): number {
  return state === 'CLOSED' ? 0 : state === 'HALF_OPEN' ? 1 : 2;
}
