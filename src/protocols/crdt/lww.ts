// Last-writer-wins types (Shapiro et al. §3.2.1 LWW-Register, §3.3.3 LWW-element-Set): each
// update carries a timestamp (the replica's clock, ties broken by replica id); merge keeps the
// larger. They converge, and they silently drop whichever concurrent update has the smaller stamp.

export interface Stamp {
  ms: number;
  replica: string;
}

export function compareStamps(a: Stamp, b: Stamp): number {
  return a.ms - b.ms || (a.replica < b.replica ? -1 : a.replica > b.replica ? 1 : 0);
}

function later(a: Stamp | null | undefined, b: Stamp | null | undefined): Stamp | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return compareStamps(a, b) >= 0 ? a : b;
}

export interface LwwRegister {
  value: number | null;
  stamp: Stamp | null;
}

export const lwwRegisterEmpty = (): LwwRegister => ({ value: null, stamp: null });

export function lwwRegisterWrite(register: LwwRegister, value: number, stamp: Stamp): LwwRegister {
  return lwwRegisterMerge(register, { value, stamp });
}

export function lwwRegisterMerge(a: LwwRegister, b: LwwRegister): LwwRegister {
  if (!b.stamp) return a;
  if (!a.stamp) return b;
  return compareStamps(a.stamp, b.stamp) >= 0 ? a : b;
}

export interface LwwSet {
  /** element → the latest add's stamp, and the latest remove's. */
  adds: Readonly<Record<string, Stamp>>;
  removes: Readonly<Record<string, Stamp>>;
}

export const lwwSetEmpty = (): LwwSet => ({ adds: {}, removes: {} });

export function lwwSetAdd(set: LwwSet, element: string, stamp: Stamp): LwwSet {
  return { adds: sorted({ ...set.adds, [element]: later(set.adds[element], stamp)! }), removes: set.removes };
}

export function lwwSetRemove(set: LwwSet, element: string, stamp: Stamp): LwwSet {
  return { adds: set.adds, removes: sorted({ ...set.removes, [element]: later(set.removes[element], stamp)! }) };
}

export function lwwSetMerge(a: LwwSet, b: LwwSet): LwwSet {
  return { adds: mergeStamps(a.adds, b.adds), removes: mergeStamps(a.removes, b.removes) };
}

function mergeStamps(a: Readonly<Record<string, Stamp>>, b: Readonly<Record<string, Stamp>>): Record<string, Stamp> {
  const out: Record<string, Stamp> = { ...a };
  for (const [element, stamp] of Object.entries(b)) out[element] = later(out[element], stamp)!;
  return sorted(out);
}

/** In the set when its latest add is later than its latest remove. */
export function lwwSetHas(set: LwwSet, element: string): boolean {
  const add = set.adds[element];
  const remove = set.removes[element];
  return add !== undefined && (remove === undefined || compareStamps(add, remove) > 0);
}

export function lwwSetValue(set: LwwSet): string[] {
  return Object.keys(set.adds).filter((element) => lwwSetHas(set, element)).sort();
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}
