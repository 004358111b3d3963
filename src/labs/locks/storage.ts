// The storage service: one counter that clients read and write back plus one (a read-modify-write
// done under the lock). Every request carries the fencing token of the lease it was made under.
// With fencing on, the storage rejects a token lower than the highest it has accepted — on reads
// too, so a stale holder cannot read either once a newer holder has touched the counter. With
// fencing off it takes everything. Either way it keeps the ledger the checker reads: the highest
// token accepted, which critical section began last, increments applied, and double writes
// (see checks.ts).
import type { Effect, NodeView, Protocol } from '../../engine/types';
import { describeSection, EMPTY_LEDGER, isDoubleWrite, recordAccess, type Access, type Ledger } from './checks';
import type { LockMessage } from './messages';
import { settingsFrom, type LocksSettings } from './settings';

export interface StorageState {
  value: number;
  ledger: Ledger;
  /** Writes applied (each meant to add one). */
  applied: number;
  acceptedReads: number;
  rejected: number;
  /** Accepted writes from a critical section older than one the storage had already served. */
  doubleWrites: number;
  /** Each client's last applied write, so a duplicated message is not applied twice. */
  lastWrite: Record<string, number>;
  /** The latest requests, newest last, for the side panel. */
  recent: Access[];
  lastDouble: Access | null;
  lastRejected: Access | null;
  settings: LocksSettings;
}

export const RECENT_ACCESSES = 8;

function remember(state: StorageState, access: Access): Access[] {
  return [...state.recent, access].slice(-RECENT_ACCESSES);
}

function reject(state: StorageState, from: string, op: 'read' | 'write', token: number, value: number | null, atMs: number): [StorageState, Effect[]] {
  const access: Access = { client: from, op, token, value, outcome: 'rejected', highest: state.ledger.highest, during: state.ledger.latest, atMs };
  return [
    { ...state, rejected: state.rejected + 1, recent: remember(state, access), lastRejected: access },
    [
      { kind: 'send', to: from, message: { type: 'Rejected', op, token, highest: state.ledger.highest } },
      { kind: 'note', tag: `rejected-${op}`, text: `storage rejected ${from}'s ${op} with token ${token}: it has seen token ${state.ledger.highest}`, data: { client: from, token, highest: state.ledger.highest } },
      { kind: 'metric', name: 'rejected', metric: 'count' },
    ],
  ];
}

export const storage: Protocol<StorageState, StorageState> = {
  id: 'locks-storage',
  init: (ctx) => [
    { value: 0, ledger: EMPTY_LEDGER, applied: 0, acceptedReads: 0, rejected: 0, doubleWrites: 0, lastWrite: {}, recent: [], lastDouble: null, lastRejected: null, settings: settingsFrom(ctx.params) },
    [],
  ],
  onMessage(state, from, message, ctx) {
    const m = message as LockMessage;
    const fenced = state.settings.fencing;
    if (m.type === 'Read') {
      if (fenced && m.token < state.ledger.highest) return reject(state, from, 'read', m.token, null, ctx.clockMs);
      const access: Access = { client: from, op: 'read', token: m.token, value: state.value, outcome: 'accepted', highest: state.ledger.highest, during: state.ledger.latest, atMs: ctx.clockMs };
      return [
        { ...state, ledger: recordAccess(state.ledger, from, m.token, m.section), acceptedReads: state.acceptedReads + 1, recent: remember(state, access) },
        [{ kind: 'send', to: from, message: { type: 'ReadOk', token: m.token, value: state.value } }],
      ];
    }
    if (m.type !== 'Write') return [state, []];
    if (state.lastWrite[from] === m.writeId) return [state, [{ kind: 'send', to: from, message: { type: 'WriteOk', writeId: m.writeId } }]];
    if (fenced && m.token < state.ledger.highest) return reject(state, from, 'write', m.token, m.value, ctx.clockMs);
    const double = isDoubleWrite(state.ledger, from, m.token, m.section);
    const access: Access = { client: from, op: 'write', token: m.token, value: m.value, outcome: double ? 'double' : 'accepted', highest: state.ledger.highest, during: state.ledger.latest, atMs: ctx.clockMs };
    const out: Effect[] = [
      { kind: 'send', to: from, message: { type: 'WriteOk', writeId: m.writeId } },
      { kind: 'metric', name: 'accepted', metric: 'count' },
    ];
    if (double) {
      const lost = state.value + 1 - m.value;
      out.push(
        { kind: 'note', tag: 'double-write', text: `storage took ${from}'s write of ${m.value} (token ${m.token}) after ${describeSection(state.ledger.latest)} had begun: two writers in one critical section${lost > 0 ? `, ${lost} increment${lost === 1 ? '' : 's'} lost` : ''}`, data: { client: from, token: m.token, during: state.ledger.latest, value: m.value, was: state.value } },
        { kind: 'metric', name: 'double-writes', metric: 'count' },
      );
    }
    return [
      {
        ...state,
        value: m.value,
        ledger: recordAccess(state.ledger, from, m.token, m.section),
        applied: state.applied + 1,
        doubleWrites: state.doubleWrites + (double ? 1 : 0),
        lastWrite: { ...state.lastWrite, [from]: m.writeId },
        recent: remember(state, access),
        lastDouble: double ? access : state.lastDouble,
      },
      out,
    ];
  },
  onTimer: (state) => [state, []],
  onControl(state, control) {
    if (control.do !== 'configure') return [state, []];
    return [{ ...state, settings: control.settings as LocksSettings }, []];
  },
  // A durable store: the counter, the ledger and the tallies survive a crash.
  persisted: (state) => state,
  recover: (saved) => [saved, []],
  view(state): NodeView {
    return {
      role: 'storage',
      summary: `counter ${state.value} after ${state.applied} writes; highest token ${state.ledger.highest}`,
      badge: `=${state.value}`,
      details: {
        counter: state.value,
        writesApplied: state.applied,
        lostIncrements: state.applied - state.value,
        highestToken: state.ledger.highest,
        fencing: state.settings.fencing,
        rejected: state.rejected,
        doubleWrites: state.doubleWrites,
      },
    };
  },
};
