// The effect store: the database the consumers' work lands in. Each Apply is one side effect (a
// charge, an email, a row) and, in a stream, one event folded into the projection (totals per
// key). With idempotence on, the store keeps a dedupe table of message ids in the same write as
// the effect, so a redelivered message changes nothing: effectively-once processing, on top of
// at-least-once delivery. Every applied effect is recorded as a ledger line for the checkers.
import type { ControlAction, Effect, NodeView, Protocol, Step } from '../../engine/types';
import { withEntry } from '../../protocols/owned-record';
import { readSettings, type MessagingSettings } from './settings';
import type { Stamped } from './wire';

export interface Projection {
  totals: Record<string, number>;
  /** Per partition: the offset after the last event folded in. */
  through: number[];
  events: number;
}

export interface Rebuild {
  from: 'start' | 'snapshot';
  startedMs: number;
  /** Per partition: the log's end when the replay began; the rebuild is done when `through` reaches it. */
  until: number[];
  replayed: number;
  doneMs: number | null;
}

export interface StoreState {
  settings: MessagingSettings;
  /** How many times each `target:id` effect was applied (dedupe table and ledger in one). */
  applied: Record<string, number>;
  effects: number;
  duplicates: number;
  deduped: number;
  projection: Projection;
  snapshot: (Projection & { takenMs: number }) | null;
  rebuild: Rebuild | null;
}

export const STORE_ID = 'd1';
/** The ledger's process number for the store's lines (producers are 1…, consumers 100…). */
export const STORE_PROCESS = 0;

export function emptyProjection(partitions: number): Projection {
  return { totals: {}, through: Array.from({ length: partitions }, () => 0), events: 0 };
}

function fold(projection: Projection, item: Stamped): Projection {
  const through = projection.through.slice();
  through[item.partition] = Math.max(through[item.partition] ?? 0, item.offset + 1);
  return { totals: { ...projection.totals, [item.key]: (projection.totals[item.key] ?? 0) + item.amount }, through, events: projection.events + 1 };
}

function rebuildDone(rebuild: Rebuild, projection: Projection): boolean {
  return rebuild.until.every((end, p) => (projection.through[p] ?? 0) >= end);
}

export const effectStore: Protocol<StoreState, StoreState> = {
  id: 'messaging-store',
  init(ctx) {
    const settings = readSettings(ctx.params);
    return [{ settings, applied: {}, effects: 0, duplicates: 0, deduped: 0, projection: emptyProjection(settings.partitions), snapshot: null, rebuild: null }, []];
  },
  onMessage(state, from, message, ctx): Step<StoreState> {
    if (message.type !== 'Apply') return [state, []];
    const item = message.item as Stamped;
    const target = message.target as string;
    const reply: Effect = { kind: 'send', to: from, message: { type: 'Applied', id: item.id, target } };
    if (message.replay === true) {
      // A replayed record rebuilds the read model only: no side effect runs twice because of a replay.
      const projection = fold(state.projection, item);
      let rebuild = state.rebuild ? { ...state.rebuild, replayed: state.rebuild.replayed + 1 } : null;
      const out: Effect[] = [reply, { kind: 'metric', name: 'replayed', metric: 'count' }];
      if (rebuild && rebuild.doneMs === null && rebuildDone(rebuild, projection)) {
        rebuild = { ...rebuild, doneMs: ctx.clockMs };
        out.push({ kind: 'note', tag: 'rebuilt', text: `projection rebuilt from ${rebuild.from === 'start' ? 'offset 0' : 'the snapshot'}: ${rebuild.replayed} events replayed in ${ctx.clockMs - rebuild.startedMs} ms`, data: { replayed: rebuild.replayed, tookMs: ctx.clockMs - rebuild.startedMs, from: rebuild.from } });
      }
      return [{ ...state, projection, rebuild }, out];
    }
    const key = `${target}:${item.id}`;
    const before = state.applied[key] ?? 0;
    if (before > 0 && state.settings.idempotent) {
      return [{ ...state, deduped: state.deduped + 1 }, [reply, { kind: 'metric', name: 'deduped', metric: 'count' }, { kind: 'note', tag: 'deduped', text: `store skipped m${item.id} for ${target}: already applied (dedupe table)` }]];
    }
    const out: Effect[] = [
      { kind: 'history', event: { process: STORE_PROCESS, type: 'invoke', f: 'apply', key: `p${item.partition}`, value: { id: item.id, offset: item.offset }, client: from, node: target, mode: item.mode } },
      { kind: 'history', event: { process: STORE_PROCESS, type: 'ok', f: 'apply', key: `p${item.partition}`, value: { id: item.id, offset: item.offset }, client: from, node: target, mode: item.mode } },
      { kind: 'metric', name: 'consumed', metric: 'count' },
      reply,
    ];
    if (before > 0) {
      out.push({ kind: 'metric', name: 'duplicates', metric: 'count' });
      out.push({ kind: 'note', tag: 'duplicate-effect', text: `m${item.id}'s effect applied ${before + 1} times (for ${target}, by ${from})`, data: { id: item.id } });
    }
    return [{ ...state, applied: withEntry(state.applied, key, before + 1), effects: state.effects + 1, duplicates: state.duplicates + (before > 0 ? 1 : 0), projection: fold(state.projection, item) }, out];
  },
  onTimer: (state) => [state, []],
  onControl(state, control: ControlAction, ctx): Step<StoreState> {
    switch (control.do) {
      case 'configure':
        return [{ ...state, settings: control.settings as MessagingSettings }, []];
      case 'snapshot': {
        const snapshot = { ...state.projection, totals: { ...state.projection.totals }, through: state.projection.through.slice(), takenMs: ctx.clockMs };
        return [{ ...state, snapshot }, [{ kind: 'note', tag: 'snapshot', text: `projection snapshot at offsets ${snapshot.through.join(', ')} (${snapshot.events} events)` }]];
      }
      case 'replay': {
        const from = control.from === 'snapshot' && state.snapshot ? 'snapshot' : 'start';
        const base = from === 'snapshot' && state.snapshot
          ? { totals: { ...state.snapshot.totals }, through: state.snapshot.through.slice(), events: state.snapshot.events }
          : emptyProjection(state.settings.partitions);
        const rebuild: Rebuild = { from, startedMs: ctx.clockMs, until: control.until as number[], replayed: 0, doneMs: null };
        if (rebuildDone(rebuild, base)) rebuild.doneMs = ctx.clockMs;
        return [{ ...state, projection: base, rebuild }, []];
      }
      default:
        return [state, []];
    }
  },
  // A database: everything survives a crash.
  persisted: (state) => state,
  recover: (saved) => [saved, []],
  view: (state): NodeView => ({
    role: 'store',
    summary: `${state.effects} effects, ${state.duplicates} duplicated${state.settings.idempotent ? `, ${state.deduped} deduped` : ''}`,
    badge: `${state.effects}${state.duplicates > 0 ? ` (${state.duplicates}×2)` : ''}`,
    details: { effects: state.effects, duplicates: state.duplicates, deduped: state.deduped, idempotent: state.settings.idempotent, projectionEvents: state.projection.events },
  }),
};
