// The messaging lab's checkers: pure functions over the ledger and the holdings. Per copy of a
// message (the group's, or each subscriber's): delivered 0, 1 or more times; effect applied 0, 1 or
// more times; lost (never applied, nowhere to come from); order violations per partition (a first
// application behind a later offset of the same partition); and, where it applies, the FIFO queue
// history model over the enqueues and deliveries.
import { checkLinearizability, pairOperations, queueModel, type Verdict } from '../../checkers/index';
import type { HistoryEvent } from '../../engine/types';
import { copyKey, type Holdings, type Ledger } from './ledger';

export interface Tally {
  never: number;
  once: number;
  more: number;
}

export interface Finding {
  sentence: string;
  id: number;
  timeMs: number;
}

export interface DeliveryReport {
  /** Messages enqueued in the window, and their copies (× subscribers in pub/sub). */
  produced: number;
  copies: number;
  delivered: Tally;
  /** Deliveries beyond the first, summed over copies. */
  redeliveries: number;
  effects: Tally;
  /** Applications beyond the first, summed over copies. */
  duplicatedEffects: number;
  lost: number;
  deadLettered: number;
  inDlq: number;
  /** Dead-lettered copies that took effect later (redriven after a fix). */
  recovered: number;
  orderViolations: number;
  duplicates: Finding[];
  losses: Finding[];
  disorders: Finding[];
}

const LATEST = 5;

function tally(counts: number[]): Tally {
  const t = { never: 0, once: 0, more: 0 };
  for (const n of counts) {
    if (n === 0) t.never++;
    else if (n === 1) t.once++;
    else t.more++;
  }
  return t;
}

/** First applications per target and partition, in the window, that land behind a later offset
 * of the same partition already applied. */
export function orderViolations(ledger: Ledger): Finding[] {
  const seen = new Set<string>();
  const highest = new Map<string, { offset: number; id: number }>();
  const out: Finding[] = [];
  for (const line of ledger.applied) {
    const key = copyKey(line.target, line.id);
    if (seen.has(key)) continue;
    seen.add(key);
    const lane = `${line.target}/p${line.partition}`;
    const top = highest.get(lane);
    if (top && line.offset < top.offset) {
      if (line.timeMs >= ledger.windowStartMs) out.push({ sentence: `m${line.id} (p${line.partition}@${line.offset}) took effect after m${top.id} (@${top.offset})${line.target.startsWith('n') ? ` for ${line.target}` : ''}: out of order`, id: line.id, timeMs: line.timeMs });
    } else highest.set(lane, { offset: line.offset, id: line.id });
  }
  return out;
}

/** Repeats (beyond the first) that happened in the window. */
function repeatsInWindow(times: readonly number[] | undefined, windowStartMs: number): number {
  if (!times) return 0;
  let repeats = 0;
  for (let i = 1; i < times.length; i++) if (times[i] >= windowStartMs) repeats++;
  return repeats;
}

/** Dead-lettered copies that took effect after they were dead-lettered (redriven after a fix). */
export function recoveredCopies(ledger: Ledger): number {
  let n = 0;
  for (const [key, at] of ledger.deadLettered) if ((ledger.effects.get(key) ?? []).some((time) => time >= at)) n++;
  return n;
}

export function checkDeliveries(ledger: Ledger, targets: readonly string[], held: Holdings): DeliveryReport {
  const deliveredCounts: number[] = [];
  const effectCounts: number[] = [];
  let redeliveries = 0;
  let duplicatedEffects = 0;
  const losses: Finding[] = [];
  for (const message of ledger.messages.values()) {
    for (const target of targets) {
      const key = copyKey(target, message.id);
      const delivered = ledger.deliveries.get(key);
      const applied = ledger.effects.get(key);
      redeliveries += repeatsInWindow(delivered, ledger.windowStartMs);
      duplicatedEffects += repeatsInWindow(applied, ledger.windowStartMs);
      if (!message.inWindow) continue;
      deliveredCounts.push(delivered?.length ?? 0);
      effectCounts.push(applied?.length ?? 0);
      if (!applied && !held.pending.has(key) && !held.inDlq.has(key)) {
        losses.push({ sentence: `m${message.id} was never applied${targets.length > 1 ? ` for ${target}` : ''}, and nothing holds it any more: lost`, id: message.id, timeMs: message.enqueuedMs });
      }
    }
  }
  const duplicates: Finding[] = [];
  const seen = new Map<string, number>();
  for (const line of ledger.applied) {
    const key = copyKey(line.target, line.id);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1 && line.timeMs >= ledger.windowStartMs) duplicates.push({ sentence: `m${line.id}'s effect applied ${n} times${targets.length > 1 ? ` for ${line.target}` : ''} (this time by ${line.by})`, id: line.id, timeMs: line.timeMs });
  }
  const disorders = orderViolations(ledger);
  const inWindow = [...ledger.messages.values()].filter((m) => m.inWindow).length;
  return {
    produced: inWindow,
    copies: inWindow * targets.length,
    delivered: tally(deliveredCounts),
    redeliveries,
    effects: tally(effectCounts),
    duplicatedEffects,
    lost: losses.length,
    deadLettered: [...ledger.deadLettered.values()].filter((at) => at >= ledger.windowStartMs).length,
    inDlq: held.inDlq.size,
    recovered: recoveredCopies(ledger),
    orderViolations: disorders.length,
    duplicates: duplicates.slice(-LATEST),
    losses: losses.slice(-LATEST),
    disorders: disorders.slice(-LATEST),
  };
}

export interface FifoReport {
  valid: Verdict;
  ops: number;
  sentence: string | null;
}

/** The FIFO queue model over the enqueues and deliveries since `fromMs` (the broker started empty
 * then): a delivered message must be the oldest one not yet delivered. Redelivery breaks it. */
export function checkFifo(history: readonly HistoryEvent[], fromMs: number, maxOps: number, budgetSteps: number): FifoReport {
  const ids = new Set<unknown>();
  const events: HistoryEvent[] = [];
  for (const event of history) {
    if ((event.time ?? 0) < fromMs) continue;
    if (event.f === 'enqueue') {
      if (event.type === 'ok') ids.add(event.value);
      events.push({ ...event, key: undefined });
    } else if (event.f === 'dequeue') events.push({ ...event, key: undefined });
  }
  // A dequeue pair whose message was enqueued before the window is left out (with its invoke).
  const kept: HistoryEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.f === 'dequeue' && event.type === 'invoke') {
      const ok = events[i + 1];
      if (ok && ok.f === 'dequeue' && ok.process === event.process && !ids.has(ok.value)) {
        i++;
        continue;
      }
    }
    kept.push(event);
  }
  const paired = pairOperations(kept, queueModel);
  if (!paired.ok) return { valid: 'unknown', ops: 0, sentence: paired.error.message };
  // The queue model has no unknown start, so a long window is judged on its first operations (a
  // prefix from the empty queue: a violation there is one of the whole window).
  const first = paired.operations.slice(0, maxOps);
  const result = checkLinearizability(first, { model: queueModel, budgetSteps });
  return { valid: result.valid, ops: first.length, sentence: result.explanation?.sentence ?? null };
}
