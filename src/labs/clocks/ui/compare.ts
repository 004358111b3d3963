// The sentence for two picked events: happens-before with the chain of process steps and messages
// that makes it so, or concurrent for want of any such chain, and what each clock says about it.
// The relation comes from the checker's path search over the recorded events.
import { compareEvents, type Relation } from '../../../protocols/clocks/causality';
import type { ClockEvent } from '../../../protocols/clocks/events';
import { compareVectors, showVector } from '../../../protocols/clocks/vector';

export interface PickedComparison {
  relation: Relation;
  headline: string;
  /** How the path goes, step by step ("e3 on n1 → message → e5 on n2"), or why there is none. */
  why: string;
  lamport: string;
  vector: string;
  physical: string;
}

function step(events: readonly ClockEvent[], fromId: number, toId: number): string {
  const to = events.find((e) => e.id === toId)!;
  const from = events.find((e) => e.id === fromId)!;
  return from.node === to.node ? `next on ${to.node} → e${toId}` : `message to ${to.node} → e${toId}`;
}

export function comparePicked(events: readonly ClockEvent[], aId: number, bId: number): PickedComparison | null {
  const result = compareEvents(events, aId, bId);
  const a = events.find((e) => e.id === aId);
  const b = events.find((e) => e.id === bId);
  if (!result || !a || !b) return null;
  const [first, second] = a.id < b.id ? [a, b] : [b, a];
  const lamport = `Lamport ${a.lamport} vs ${b.lamport}`;
  const vectorOrder = compareVectors(a.vector, b.vector);
  const vector = `vectors ${showVector(a.vector)} and ${showVector(b.vector)}: ${vectorOrder === 'concurrent' ? 'incomparable' : vectorOrder === 'before' ? 'the first is below' : vectorOrder === 'after' ? 'the first is above' : 'equal'}`;
  const physical = `physical ${a.physicalMs} ms vs ${b.physicalMs} ms`;
  if (result.relation === 'same') return { relation: 'same', headline: `e${a.id} is the same event`, why: '', lamport, vector, physical };
  if (result.relation === 'concurrent') {
    const lamportNote = a.lamport === b.lamport ? 'Lamport gives them equal stamps' : `Lamport still orders them (${Math.min(a.lamport, b.lamport)} < ${Math.max(a.lamport, b.lamport)}), which means nothing here`;
    return {
      relation: 'concurrent',
      headline: `e${a.id} ∥ e${b.id}: concurrent`,
      why: `No chain of process steps and messages leads from e${first.id} to e${second.id}: neither could have influenced the other. ${lamportNote}.`,
      lamport, vector, physical,
    };
  }
  const path = result.path;
  const chain = path.slice(1).map((id, i) => step(events, path[i], id)).join(', ');
  const backwards = second.physicalMs < first.physicalMs ? ' Its physical timestamp is smaller all the same.' : '';
  return {
    relation: result.relation,
    headline: `e${first.id} → e${second.id}: happened before`,
    why: `From e${first.id} on ${first.node}: ${chain}.${backwards}`,
    lamport, vector, physical,
  };
}
