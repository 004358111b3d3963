// Outlier ejection (passive health checking, as Envoy's): a balancer remembers each server's last
// answers and, once per probe period, ejects a server whose recent error rate is high, or whose
// recent latency is far above the other servers'. It never ejects more than half the servers, so
// a fault that strikes every server at once cannot empty the pool.

/** One answer the balancer saw: an error or timeout, or a success and how long it took. */
export interface Sample {
  ok: boolean;
  ms: number;
}

/** Answers remembered per server. */
export const WINDOW = 20;
/** Answers needed before a server can be judged. */
export const MIN_SAMPLES = 5;
export const ERROR_RATE = 0.5;
/** Mean latency this many times the median of the other servers' means… */
export const LATENCY_FACTOR = 3;
/** …and at least this much above it (a few ms of difference on fast answers is no outlier). */
export const LATENCY_MARGIN_MS = 100;

export interface Outlier {
  server: string;
  reason: string;
}

export function remember(samples: readonly Sample[] | undefined, sample: Sample): Sample[] {
  const list = samples ? [...samples, sample] : [sample];
  return list.length > WINDOW ? list.slice(list.length - WINDOW) : list;
}

function meanOkLatency(samples: readonly Sample[]): number | null {
  const ok = samples.filter((s) => s.ok);
  if (ok.length < MIN_SAMPLES) return null;
  return ok.reduce((sum, s) => sum + s.ms, 0) / ok.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The servers to eject now, worst error rate first, while fewer than half are out. */
export function findOutliers(usable: readonly string[], recent: Readonly<Record<string, readonly Sample[]>>, ejectedNow: number, total: number): Outlier[] {
  const room = Math.floor(total / 2) - ejectedNow;
  if (room <= 0) return [];
  const found: (Outlier & { rank: number })[] = [];
  const latency = new Map<string, number>();
  for (const server of usable) {
    const mean = meanOkLatency(recent[server] ?? []);
    if (mean !== null) latency.set(server, mean);
  }
  for (const server of usable) {
    const samples = recent[server] ?? [];
    if (samples.length < MIN_SAMPLES) continue;
    const errors = samples.filter((s) => !s.ok).length;
    if (errors / samples.length >= ERROR_RATE) {
      found.push({ server, reason: `${errors} of its last ${samples.length} answers failed`, rank: 2 + errors / samples.length });
      continue;
    }
    const own = latency.get(server);
    const others = [...latency].filter(([id]) => id !== server).map(([, ms]) => ms);
    if (own === undefined || others.length < 2) continue;
    const typical = median(others);
    if (own >= LATENCY_FACTOR * typical && own - typical >= LATENCY_MARGIN_MS) {
      found.push({ server, reason: `its recent answers took ${Math.round(own)} ms on average, the others’ ${Math.round(typical)} ms`, rank: own / typical / 100 });
    }
  }
  return found.sort((a, b) => b.rank - a.rank).slice(0, room).map(({ server, reason }) => ({ server, reason }));
}
