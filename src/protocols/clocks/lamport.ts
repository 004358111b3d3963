// Lamport's logical clock (Lamport 1978, "Time, Clocks, and the Ordering of Events"): IR1, tick
// before every event; IR2, on receipt take the maximum of the message's stamp and one's own first.

/** The stamp of a local or send event: one past the clock (IR1). */
export function lamportTick(clock: number): number {
  return clock + 1;
}

/** The stamp of a receive event (IR2): past both the receiver's clock and the message's stamp. */
export function lamportReceive(clock: number, received: number): number {
  return Math.max(clock, received) + 1;
}
