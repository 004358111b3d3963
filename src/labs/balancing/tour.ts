// The balancing lab's guided tour: round-robin piles work on a slow server; least connections
// routes around it; least loaded from a board a second old herds every request onto the server
// that looked idle; two random choices with the same board does not; a crashed server is ejected
// by health checks after some requests are lost; a server that answers only errors passes shallow
// probes (the detection check catches it) until outlier ejection takes it out. Each step completes
// on the lab's view of the frame, computed in the worker from engine state and metrics.
import type { Frame } from '../../engine/frame';
import { byNodeNumber } from '../../ui/tour/cluster';
import type { Tour, TourAction, TourStep } from '../../ui/tour/types';
import type { BalancingSettings } from './params';
import type { DetectionViolation } from './checks';
import type { BalancingView, ServerRow } from './view';

export type BalancingFrameView = BalancingView & { caught: DetectionViolation[] };

/** The lab's part of the frame, or null before it has one. */
export function balancingViewOf(frame: Frame): BalancingFrameView | null {
  const view = frame.labView as Partial<BalancingFrameView> | null;
  return typeof view === 'object' && view !== null && Array.isArray(view.servers) && typeof view.settings === 'object' ? (view as BalancingFrameView) : null;
}

const configure = (change: Partial<BalancingSettings>): TourAction => ({ do: 'lab', name: 'configure', ...change });
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** The slowest server (the first of the slowest). */
function slowest(view: BalancingView): ServerRow {
  return view.servers.reduce((a, b) => (b.factor > a.factor ? b : a));
}

/** The live window lies wholly after the settings last changed, and after `sinceMs`. */
function judgedSince(view: BalancingView, sinceMs: number): boolean {
  return view.live !== null && view.live.fromSec * 1000 >= Math.max(sinceMs, view.configuredAtMs);
}

function upBalancers(view: BalancingView): string[] {
  return view.balancers.filter((b) => b.up).map((b) => b.id);
}

/** Every running balancer has `server` ejected (by `by`, if given). */
function ejectedByAll(view: BalancingView, server: ServerRow, by?: 'health' | 'outlier'): boolean {
  const up = upBalancers(view);
  return up.length > 0 && up.every((id) => server.ejectedBy.some((e) => e.balancer === id && (by === undefined || e.by === by)));
}

/** The server a step acts on: the `index`-th by number that is up and full speed, else any up. */
function healthyServer(frame: Frame, index: number): string {
  const view = balancingViewOf(frame);
  const servers = (view?.servers ?? []).filter((s) => s.up && s.factor === 1 && !s.failing).map((s) => s.id).sort(byNodeNumber);
  return servers[Math.min(index, servers.length - 1)] ?? 'n2';
}

/** The server the step before acted on: the one that is down (crash step) or failing. */
function crashed(view: BalancingView): ServerRow | undefined {
  return view.servers.find((s) => !s.up);
}
function failing(view: BalancingView): ServerRow | undefined {
  return view.servers.find((s) => s.up && s.failing);
}

const roundRobin: TourStep = {
  id: 'round-robin',
  title: 'Round-robin piles work on a slow server',
  narration:
    'Clients send about 65 requests a second through two balancers to eight servers. n1 takes four times as long per request as the others (400 ms on average, not 100 ms). Round-robin gives every server the same share, so n1 gets about 8 requests a second and can finish only 2.5.',
  task: 'Play with round-robin (or let “Do it for me” set it).',
  lookFor: 'n1’s queue grows on the stage and in the queue strip, the longest queue pulls away from the mean, and the p99 latency climbs towards the 2 s timeout while the median stays low.',
  note: 'Round-robin is fair to servers, not to requests: it ignores how busy each one is. A tail of slow requests is what users of a fan-out service see first.',
  doIt: {
    label: 'round-robin, with n1 four times slower',
    actions: (frame) => {
      const view = balancingViewOf(frame);
      const slow = view ? slowest(view) : null;
      return [configure({ policy: 'round-robin', healthCheck: 'deep', outlierEjection: false }), ...(slow && slow.factor > 1 ? [] : [{ do: 'lab', name: 'slowServer', server: 'n1', factor: 4 } as TourAction])];
    },
  },
  done: (frame) => {
    const view = balancingViewOf(frame);
    if (!view || view.settings.policy !== 'round-robin' || view.live === null) return false;
    const slow = slowest(view);
    return slow.factor > 1 && (slow.load ?? 0) >= 10 && view.live.latency.p99 >= 1000;
  },
  doneText: (frame) => {
    const view = balancingViewOf(frame)!;
    const slow = slowest(view);
    const others = view.servers.filter((s) => s.id !== slow.id && s.load !== null).map((s) => s.load as number);
    return `${slow.id} (${slow.factor}× slower) holds ${slow.load} requests while the others hold at most ${Math.max(0, ...others)}; over ${view.live!.fromSec}–${view.live!.toSec + 1} s the p99 latency is ${seconds(view.live!.latency.p99)}, the median ${view.live!.latency.p50} ms`;
  },
};

const leastConnections: TourStep = {
  id: 'least-connections',
  title: 'Least connections routes around it',
  narration:
    'With least connections each balancer sends a request to the server it is waiting on least. A slow server answers slowly, so its count stays high and it gets fewer requests: the balancer adapts without knowing anyone’s speed.',
  task: 'Switch the balancers to least connections.',
  lookFor: 'n1 gets a smaller share of the requests, its backlog drains, the longest queue falls towards the mean, and p99 drops.',
  note: 'Each balancer counts only its own requests, which is fresh but partial: with many balancers each sees a small slice. And it forgets a request when it times out, though the server still holds it — so a server with a long backlog keeps getting a trickle of requests that will time out too, and drains slowly.',
  doIt: { label: 'switch to least connections', actions: () => [configure({ policy: 'least-connections' })] },
  done: (frame, start) => {
    const view = balancingViewOf(frame);
    if (view === null || view.settings.policy !== 'least-connections' || !judgedSince(view, start.timeMs)) return false;
    const slow = slowest(view);
    return slow.routedShare !== null && slow.routedShare < 0.6 / view.servers.length;
  },
  doneText: (frame) => {
    const view = balancingViewOf(frame)!;
    const slow = slowest(view);
    return `with least connections ${slow.id} got ${percent(slow.routedShare!)} of the requests over ${view.live!.fromSec}–${view.live!.toSec + 1} s (round-robin gives it ${percent(1 / view.servers.length)}); it still holds ${slow.load}; the p99 latency is ${seconds(view.live!.latency.p99)}, the median ${view.live!.latency.p50} ms`;
  },
};

const staleHerd: TourStep = {
  id: 'stale-herd',
  title: 'Least loaded, from a board a second old: the herd',
  narration:
    'Now the balancers send each request to the server with the lowest load — but they learn loads only from reports every server posts once a second. Between two posts, every request goes to the server that looked idle at the last one.',
  task: 'Switch to least loaded with stale reports.',
  lookFor: 'A sawtooth in the queue strip: one server’s queue shoots up in a second, then drains for several while the herd moves on. “Busiest server’s share” jumps far above 1/8.',
  note: 'Mitzenmacher, “How useful is old information?” (2000): with information this old, sending to the least loaded is worse than choosing at random. The servers that looked idle are exactly the ones everyone just piled onto.',
  doIt: { label: 'switch to least loaded (stale reports)', actions: () => [configure({ policy: 'least-loaded-stale' })] },
  done: (frame, start) => {
    const view = balancingViewOf(frame);
    if (view === null || view.settings.policy !== 'least-loaded-stale' || !judgedSince(view, start.timeMs)) return false;
    const top = view.servers.find((s) => s.id === view.live!.herd.top);
    return view.live!.herd.share >= 0.45 && (top?.load ?? 0) >= 10;
  },
  doneText: (frame) => {
    const view = balancingViewOf(frame)!;
    const herd = view.live!.herd;
    const top = view.servers.find((s) => s.id === herd.top)!;
    return `in second ${herd.sec}, ${herd.top} got ${percent(herd.share)} of all ${herd.routed} requests; now it holds ${top.load} while the mean is ${view.queue.mean.toFixed(1)}, and the p99 latency is ${seconds(view.live!.latency.p99)}`;
  },
};

const twoChoices: TourStep = {
  id: 'two-choices',
  title: 'Two random choices, same stale board: no herd',
  narration:
    'Keep the same one-second-old reports, but let each request pick two servers at random and go to the one that reported less. The least loaded server is a candidate for only about a quarter of the requests, so it cannot be flooded.',
  task: 'Switch to two random choices.',
  lookFor: 'Once the herd’s backlog has drained (a few seconds), the sawtooth is gone: the busiest server’s share stays near 1/8 and no queue shoots up. The slow n1 still sets the tail while it is picked.',
  note: 'Over whole ten-second runs (`cli run balancing --param policy=two-choices --seeds 1..50`) two choices has the lower p99 in most seeds. It is not the best possible here: least connections, with fresh counts, does better still. Its strength is needing only two servers’ loads, and staying good when they are stale. The experiment `cli experiment balls` shows the static version: the fullest of n bins falls from about ln n / ln ln n balls to ln ln n / ln 2.',
  doIt: { label: 'switch to two random choices', actions: () => [configure({ policy: 'two-choices' })] },
  done: (frame, start) => {
    const view = balancingViewOf(frame);
    return view !== null && view.settings.policy === 'two-choices' && judgedSince(view, start.timeMs + 4000) && view.live!.herd.share < 0.4;
  },
  doneText: (frame, start) => {
    const view = balancingViewOf(frame)!;
    const herd = balancingViewOf(start)?.live?.herd;
    return `with two choices the busiest server got at most ${percent(view.live!.herd.share)} of a second’s requests over ${view.live!.fromSec}–${view.live!.toSec + 1} s${herd ? ` (in the herd: ${percent(herd.share)})` : ''}; the longest queue is ${view.queue.max}, the mean ${view.queue.mean.toFixed(1)}; p99 ${seconds(view.live!.latency.p99)}`;
  },
};

const crash: TourStep = {
  id: 'crash',
  title: 'A server crashes: health checks eject it, but not at once',
  narration:
    'Every half second each balancer probes every server; a server that misses two probes in a row is ejected. Until then the balancers keep sending it requests, and nobody answers them.',
  task: 'Crash a server.',
  lookFor: 'The ejected-servers chart steps up, and the failed-requests chart shows the requests sent to it before: they time out two seconds after they were sent.',
  note: 'Probing faster detects sooner but costs probes and ejects servers that were only briefly slow. A balancer that retried a timed-out request on another server would hide these failures from clients, at the price of extra load.',
  doIt: { label: 'crash a full-speed server', actions: (frame) => [{ do: 'crash', node: healthyServer(frame, 1) }] },
  done: (frame) => {
    const view = balancingViewOf(frame);
    const down = view ? crashed(view) : undefined;
    return view !== null && down !== undefined && ejectedByAll(view, down, 'health') && down.waiting === 0;
  },
  doneText: (frame, start) => {
    const view = balancingViewOf(frame)!;
    const down = crashed(view)!;
    const after = down.ejectedBy.map((e) => `${e.balancer} after ${seconds(Math.max(0, e.atMs - start.timeMs))}`).join(', ');
    const lost = down.failedThere - (balancingViewOf(start)?.servers.find((s) => s.id === down.id)?.failedThere ?? 0);
    return `${down.id} crashed; ejected by ${after} (the settings promise at most ${seconds(view.detectionBoundMs)}); ${lost} requests sent to it before were lost`;
  },
};

const shallow: TourStep = {
  id: 'shallow',
  title: 'A server that fails fast passes a shallow probe',
  narration:
    'A shallow health check only asks whether the process answers. Make another server answer every request with an error, at once: it still answers its probes, so it stays in the pool.',
  task: 'Switch to shallow health checks with outlier ejection off, and make a server fail.',
  lookFor: 'Error answers climb on the failures chart; the detection check reports the failing server overstaying in every pool.',
  note: 'Worse: it answers fastest of all, so a policy that favours idle servers sends it more than its share. A deep check that exercises the request path would eject it, as it ejected the crashed one.',
  doIt: {
    label: 'shallow health checks, and make a server fail',
    actions: (frame) => [configure({ healthCheck: 'shallow', outlierEjection: false }), { do: 'lab', name: 'failServer', server: healthyServer(frame, 2), failing: true }],
  },
  done: (frame, start) => {
    const view = balancingViewOf(frame);
    return view !== null && view.caught.some((c) => c.failure === 'failing' && c.sinceMs >= start.timeMs);
  },
  doneText: (frame, start) => `the detection check says: ${balancingViewOf(frame)!.caught.filter((c) => c.failure === 'failing' && c.sinceMs >= start.timeMs)[0].sentence}`,
};

const outlier: TourStep = {
  id: 'outlier',
  title: 'Outlier ejection catches what the probe misses',
  narration:
    'Outlier ejection watches real traffic instead: each balancer remembers a server’s last 20 answers and ejects it for five seconds when half of them failed, or when they were three times slower than the others’.',
  task: 'Turn outlier ejection on.',
  lookFor: 'Each balancer ejects the failing server within a probe period or two, and error answers stop. After five seconds it is let back in, fails again, and is ejected again.',
  note: 'Outlier ejection needs traffic to judge and never ejects more than half the servers, so a fault that hits every server cannot empty the pool. Then the sandbox is yours: try other policies, slow servers down, and break the health-check rule.',
  doIt: { label: 'turn outlier ejection on', actions: () => [configure({ outlierEjection: true })] },
  done: (frame) => {
    const view = balancingViewOf(frame);
    const bad = view ? failing(view) : undefined;
    return view !== null && view.settings.outlierEjection && bad !== undefined && ejectedByAll(view, bad, 'outlier');
  },
  doneText: (frame, start) => {
    const view = balancingViewOf(frame)!;
    const bad = failing(view)!;
    const after = bad.ejectedBy.map((e) => `${e.balancer} after ${seconds(Math.max(0, e.atMs - start.timeMs))}`).join(', ');
    return `${bad.id} ejected as an outlier by ${after}; ${bad.failedThere} requests failed there in all`;
  },
};

export const balancingTour: Tour = {
  id: 'balancing',
  title: 'Load balancing: policies, stale load and failed servers',
  steps: [roundRobin, leastConnections, staleHerd, twoChoices, crash, shallow, outlier],
};
