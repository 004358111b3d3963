// PN-Counter (Shapiro et al. §3.1.2): two G-Counters, increments and decrements; the value is
// their difference. It converges; it does not keep an invariant such as "value ≥ 0" (a check
// made against one replica's value cannot see a concurrent decrement elsewhere).
import { gCounterEmpty, gCounterIncrement, gCounterMerge, gCounterValue, type GCounter } from './g-counter';

export interface PnCounter {
  p: GCounter;
  n: GCounter;
}

export const pnCounterEmpty = (): PnCounter => ({ p: gCounterEmpty(), n: gCounterEmpty() });

export function pnCounterIncrement(counter: PnCounter, replica: string, by = 1): PnCounter {
  return { p: gCounterIncrement(counter.p, replica, by), n: counter.n };
}

export function pnCounterDecrement(counter: PnCounter, replica: string, by = 1): PnCounter {
  return { p: counter.p, n: gCounterIncrement(counter.n, replica, by) };
}

export function pnCounterMerge(a: PnCounter, b: PnCounter): PnCounter {
  return { p: gCounterMerge(a.p, b.p), n: gCounterMerge(a.n, b.n) };
}

export function pnCounterValue(counter: PnCounter): number {
  return gCounterValue(counter.p) - gCounterValue(counter.n);
}
