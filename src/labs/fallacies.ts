// The eight fallacies of distributed computing (Peter Deutsch, 1994; the eighth added by James
// Gosling), each as a knob on a lab that breaks something you can watch. Every link is a share
// link built by the share-link encoder from the lab's defaults plus the knob, so it opens the
// same run for as long as v1 links replay. DOM-free: the page and the tests read the same list.
// It names labs, so it lives beside the registry rather than in the page (src/ui names none).
import type { TimedAction } from '../engine/actions';
import { defaultScenario } from '../scenarios/catalog';
import type { NetworkSpec, Scenario } from '../scenarios/scenario';
import { encodeShareState } from '../share';

export interface Fallacy {
  id: string;
  /** The fallacy as Deutsch and Gosling put it. */
  claim: string;
  /** The lab the link opens. */
  lab: string;
  /** The knob the link sets, in words. */
  knob: string;
  /** What breaks, and where to look. */
  breaks: string;
  /** An honest caveat, when the lab is a stand-in. */
  note?: string;
  /** The lab's defaults with the knob turned. */
  scenario(): Scenario;
}

const SEED = 1;

/** A default scenario: a lab's defaults always carry params and a network. */
type FullScenario = Scenario & { params: Record<string, unknown>; network: Required<NetworkSpec> };

function scenarioOf(lab: string, change: (scenario: FullScenario) => void, nodes?: number): () => Scenario {
  return () => {
    const scenario = defaultScenario(lab, SEED, nodes) as FullScenario;
    change(scenario);
    return scenario;
  };
}

export const FALLACIES: readonly Fallacy[] = [
  {
    id: 'reliable',
    claim: 'The network is reliable.',
    lab: 'raft',
    knob: 'one message in three is lost',
    breaks: 'Heartbeats go missing, followers time out and call elections the leader did not deserve; terms climb while the log barely moves.',
    scenario: scenarioOf('raft', (s) => { s.network.drop = 0.33; }),
  },
  {
    id: 'latency',
    claim: 'Latency is zero.',
    lab: 'raft',
    knob: 'every message takes 150–300 ms, as long as an election timeout',
    breaks: 'Votes arrive after the candidates have already given up: elections split and repeat, and the cluster may go seconds without a leader.',
    scenario: scenarioOf('raft', (s) => { s.network.latencyMs = [150, 300]; }),
  },
  {
    id: 'bandwidth',
    claim: 'Bandwidth is infinite.',
    lab: 'overload',
    knob: 'clients offer 1.5× what the servers can serve',
    breaks: 'Queues fill, requests wait past their timeouts, retries add more load: goodput falls while the servers are busier than ever.',
    note: 'A stand-in: no lab caps link bandwidth, so this uses the overload lab’s bounded service capacity and queue, which fail the same way a saturated link does.',
    scenario: scenarioOf('overload', (s) => { s.params.load = 1.5; }),
  },
  {
    id: 'secure',
    claim: 'The network is secure.',
    lab: 'trust',
    knob: 'the router on the n1–n2 link tampers with packets, and nodes use no MAC',
    breaks: 'n2 takes the altered state as the primary’s and holds a value no client wrote; replicas-match-primary fires.',
    scenario: scenarioOf('trust', (s) => { s.params.attack = 'tamper'; s.params.auth = 'none'; }),
  },
  {
    id: 'topology',
    claim: 'Topology doesn’t change.',
    lab: 'raft',
    knob: 'at 1.5 s the network splits the leader’s side from the majority, and heals at 4 s',
    breaks: 'The old leader keeps its title on the minority side while the majority elects another; on healing, the old leader steps down and its unacknowledged entries are overwritten.',
    scenario: scenarioOf('raft', (s) => {
      const actions: TimedAction[] = [
        { at: 1500, do: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
        { at: 4000, do: 'heal' },
      ];
      s.actions = actions;
    }),
  },
  {
    id: 'administrator',
    claim: 'There is one administrator.',
    lab: 'clocks',
    knob: 'two operators point n1 and n2 at different time servers: n1’s clock 600 ms ahead, n2’s 600 ms behind',
    breaks: 'Last-writer-wins by wall clock now lets n1’s older writes beat n2’s newer ones: acknowledged writes are silently lost.',
    scenario: scenarioOf('clocks', (s) => {
      const actions: TimedAction[] = [
        { at: 0, do: 'skew', node: 'n1', offsetMs: 600 },
        { at: 0, do: 'skew', node: 'n2', offsetMs: -600 },
      ];
      s.actions = actions;
    }),
  },
  {
    id: 'transport-cost',
    claim: 'Transport cost is zero.',
    lab: 'membership',
    knob: 'failure detection by all-to-all heartbeats instead of SWIM, on 32 members',
    breaks: 'Every member messages every other each period: the load per member grows with the cluster, where SWIM’s stays flat.',
    scenario: scenarioOf('membership', (s) => { s.params.detector = 'heartbeat'; }, 32),
  },
  {
    id: 'homogeneous',
    claim: 'The network is homogeneous.',
    lab: 'balancing',
    knob: 'one server in the pool is 8× slower than the rest, and the balancer deals requests round-robin',
    breaks: 'Round-robin gives the slow server as many requests as the fast ones: its queue grows and the tail latency of the whole service follows it.',
    note: 'A stand-in: links here all share one latency range, so the mixed speeds are the machines’, not the links’.',
    scenario: scenarioOf('balancing', (s) => { s.params.policy = 'round-robin'; s.params.slowServers = 1; s.params.slowFactor = 8; }),
  },
];

/** The link a step opens: `?v=1&lab=…&s=…`, from the start of the run. */
export function fallacyHref(fallacy: Fallacy): string {
  return `?${encodeShareState({ scenario: fallacy.scenario(), cursorMs: 0 })}`;
}
