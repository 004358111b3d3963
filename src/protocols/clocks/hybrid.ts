// Hybrid logical clocks (Kulkarni, Demirbas et al. 2014, "Logical Physical Clocks"): a physical
// part `l` that never runs behind any timestamp seen, and a counter `c` that orders events within
// one `l`. Like Lamport's clock it satisfies the clock condition; unlike it, it stays close to
// physical time, so it can replace wall-clock timestamps in last-writer-wins.

export interface Hlc {
  l: number;
  c: number;
}

export const HLC_ZERO: Hlc = { l: 0, c: 0 };

/** A local or send event, with `physicalMs` the process's own clock reading. */
export function hlcTick(clock: Hlc, physicalMs: number): Hlc {
  const l = Math.max(clock.l, physicalMs);
  return { l, c: l === clock.l ? clock.c + 1 : 0 };
}

/** A receive of a message stamped `received`. */
export function hlcReceive(clock: Hlc, received: Hlc, physicalMs: number): Hlc {
  const l = Math.max(clock.l, received.l, physicalMs);
  if (l === clock.l && l === received.l) return { l, c: Math.max(clock.c, received.c) + 1 };
  if (l === clock.l) return { l, c: clock.c + 1 };
  if (l === received.l) return { l, c: received.c + 1 };
  return { l, c: 0 };
}

/** Negative when a is earlier, positive when later, 0 when equal. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a.l - b.l || a.c - b.c;
}

export function showHlc(clock: Hlc): string {
  return `${clock.l}.${clock.c}`;
}
