// Vector clocks (Fidge 1988, Mattern 1989): one counter per process, in a fixed process order.
// a → b exactly when V(a) < V(b) (every entry ≤, one <): unlike Lamport's, they detect concurrency.

export type Vector = number[];

export function vectorZero(processes: number): Vector {
  return new Array<number>(processes).fill(0);
}

/** A local or send event at process `index`: its own entry goes up by one. */
export function vectorTick(vector: Vector, index: number): Vector {
  const next = vector.slice();
  next[index] = (next[index] ?? 0) + 1;
  return next;
}

/** A receive at process `index`: the entry-wise maximum with the message's vector, then a tick. */
export function vectorReceive(vector: Vector, received: readonly number[], index: number): Vector {
  const merged = vector.map((value, i) => Math.max(value, received[i] ?? 0));
  return vectorTick(merged, index);
}

export type VectorOrder = 'before' | 'after' | 'equal' | 'concurrent';

/** How `a` stands to `b`: before (a < b), after, equal, or concurrent (incomparable). */
export function compareVectors(a: readonly number[], b: readonly number[]): VectorOrder {
  let less = false;
  let greater = false;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x < y) less = true;
    else if (x > y) greater = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

export function showVector(vector: readonly number[]): string {
  return `[${vector.join(',')}]`;
}
