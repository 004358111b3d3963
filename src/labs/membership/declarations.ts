// The false-positive checker: was a member declared dead really down or unreachable at some point
// within the suspicion window before the declaration? The engine's fault record is the truth: a
// crash (justified), a partition or cut link touching the declarer or the target (justified: the
// target was unreachable), a pause of either (a false positive: the target was alive, the
// detector could not tell slow from dead), or none of these (a false positive: messages were
// lost or late). No detector avoids the last two in an asynchronous system; timeouts trade them
// against detection time.
import type { TraceEvent } from '../../engine/frame';

export type Judgement = 'crashed' | 'cut-off' | 'paused' | 'loss';

export interface Declaration {
  timeMs: number;
  by: string;
  target: string;
}

export interface JudgedDeclaration extends Declaration {
  judgement: Judgement;
  /** For false positives: a sentence saying what happened. */
  sentence: string;
}

interface Interval {
  fromMs: number;
  toMs: number;
}

/** When each member was down, paused and cut off, from the fault record (open intervals run to +∞). */
export interface FaultIntervals {
  down: Record<string, Interval[]>;
  paused: Record<string, Interval[]>;
  cutOff: Record<string, Interval[]>;
}

function open(map: Record<string, Interval[]>, id: string, atMs: number): void {
  const list = (map[id] ??= []);
  if (list.length === 0 || list[list.length - 1].toMs !== Infinity) list.push({ fromMs: atMs, toMs: Infinity });
}

function close(map: Record<string, Interval[]>, id: string, atMs: number): void {
  const last = map[id]?.[map[id].length - 1];
  if (last && last.toMs === Infinity) last.toMs = atMs;
}

export function faultIntervals(faults: readonly TraceEvent[]): FaultIntervals {
  const result: FaultIntervals = { down: {}, paused: {}, cutOff: {} };
  /** Cut links by "a>b", and who the current partition names. */
  const cuts = new Map<string, [string, string]>();
  let partitioned: string[] = [];
  const stillCut = (id: string) => partitioned.includes(id) || [...cuts.values()].some(([a, b]) => a === id || b === id);
  const refresh = (ids: Iterable<string>, atMs: number) => {
    for (const id of ids) (stillCut(id) ? open : close)(result.cutOff, id, atMs);
  };
  for (const event of faults) {
    const at = event.timeMs;
    switch (event.kind) {
      case 'crash':
        if (event.node) open(result.down, event.node, at);
        break;
      case 'restart':
        if (event.node) close(result.down, event.node, at);
        break;
      case 'pause':
        if (event.node) open(result.paused, event.node, at);
        break;
      case 'resume':
        if (event.node) close(result.paused, event.node, at);
        break;
      case 'partition': {
        const groups = (event.data?.groups as string[][] | undefined) ?? [];
        const before = partitioned;
        partitioned = groups.length > 1 ? groups.flat() : [];
        refresh(new Set([...before, ...partitioned]), at);
        break;
      }
      case 'cut':
        if (event.from && event.to) {
          cuts.set(`${event.from}>${event.to}`, [event.from, event.to]);
          refresh([event.from, event.to], at);
        }
        break;
      case 'heal': {
        const touched = new Set([...partitioned, ...[...cuts.values()].flat()]);
        if (event.from && event.to) {
          cuts.delete(`${event.from}>${event.to}`);
          cuts.delete(`${event.to}>${event.from}`);
        } else {
          cuts.clear();
          partitioned = [];
        }
        refresh(touched, at);
        break;
      }
      default:
        break;
    }
  }
  return result;
}

function overlaps(list: Interval[] | undefined, fromMs: number, toMs: number): boolean {
  return (list ?? []).some((interval) => interval.fromMs <= toMs && interval.toMs >= fromMs);
}

/** Judges one declaration against the faults in the `windowMs` before it. */
export function judge(declaration: Declaration, intervals: FaultIntervals, windowMs: number): JudgedDeclaration {
  const { timeMs, by, target } = declaration;
  const fromMs = timeMs - windowMs;
  const at = `at ${(timeMs / 1000).toFixed(2)} s`;
  if (overlaps(intervals.down[target], fromMs, timeMs)) return { ...declaration, judgement: 'crashed', sentence: `${by} declared ${target} dead ${at}: it had crashed` };
  if (overlaps(intervals.cutOff[target], fromMs, timeMs) || overlaps(intervals.cutOff[by], fromMs, timeMs)) {
    return { ...declaration, judgement: 'cut-off', sentence: `${by} declared ${target} dead ${at}: the network had cut them apart` };
  }
  if (overlaps(intervals.paused[target], fromMs, timeMs) || overlaps(intervals.paused[by], fromMs, timeMs)) {
    const who = overlaps(intervals.paused[target], fromMs, timeMs) ? target : by;
    return { ...declaration, judgement: 'paused', sentence: `${by} declared ${target} dead ${at}, but ${target} was alive: ${who} was paused (a GC pause looks like a crash)` };
  }
  return { ...declaration, judgement: 'loss', sentence: `${by} declared ${target} dead ${at}, but ${target} was alive and reachable: its acks were lost or late` };
}

/** Declarations found in notable events (the `declared-dead` notes). */
export function declarationsIn(events: readonly TraceEvent[]): Declaration[] {
  const found: Declaration[] = [];
  for (const event of events) {
    if (event.kind !== 'note' || event.tag !== 'declared-dead' || event.node === undefined) continue;
    const target = event.data?.target;
    if (typeof target === 'string') found.push({ timeMs: event.timeMs, by: event.node, target });
  }
  return found;
}

export function isFalsePositive(judgement: Judgement): boolean {
  return judgement === 'paused' || judgement === 'loss';
}
