// G-Counter (Shapiro et al. 2011, "A comprehensive study of CRDTs", §3.1.1): one count per
// replica; a replica increments only its own; merge takes each entry's maximum; the value is the sum.

export type GCounter = Readonly<Record<string, number>>;

export const gCounterEmpty = (): GCounter => ({});

export function gCounterIncrement(counter: GCounter, replica: string, by = 1): GCounter {
  return sortKeys({ ...counter, [replica]: (counter[replica] ?? 0) + by });
}

export function gCounterMerge(a: GCounter, b: GCounter): GCounter {
  const out: Record<string, number> = { ...a };
  for (const [replica, count] of Object.entries(b)) out[replica] = Math.max(out[replica] ?? 0, count);
  return sortKeys(out);
}

export function gCounterValue(counter: GCounter): number {
  let sum = 0;
  for (const count of Object.values(counter)) sum += count;
  return sum;
}

/** The same entries with keys in order, so equal states are equal as data. */
export function sortKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}
