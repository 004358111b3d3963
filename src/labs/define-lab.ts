// What a lab is: one folder's `lab.ts` exports `defineLab({...})`, a plain, DOM-free description
// of its actors and roles, parameters, actions, checks, message descriptors and stage. The
// engine, the worker, share links, the CLI and the page read labs only through this shape and
// the registry; nothing generic names a lab.
import type * as v from 'valibot';
import type { ActorSystem } from '../engine/system';
import type { Simulation } from '../engine/simulation';
import type { MetricStat } from '../engine/metrics';
import type { Message } from '../engine/types';
import type { FaultKind, LabFault } from '../scenarios/random-faults';
import type { NetworkSpec, WorkloadSpec } from '../scenarios/scenario';

/** One kind of actor in a lab, and how many of them a scenario may have. */
export interface RoleSpec {
  role: string;
  /** Ids are the prefix and a number: "n1", "c2", "lb1". */
  prefix: string;
  min: number;
  default: number;
  max: number;
  /** Sits beside a member of this other role (round-robin) and shares its links, as a client
   * process on a server's machine does. Without it the actor has links of its own. */
  besideRole?: string;
  /** The PRNG stream its members draw from (default: one per actor). */
  stream?: string;
  /** How many a scenario has, when it is not `default` (the CAP lab's clients: the workload's;
   * the retries lab's: a param). `params` are the scenario's over the lab's frozen v1 ones. */
  count?(scenario: { workload?: WorkloadSpec; params?: Record<string, unknown> }): number;
}

/** How the stage draws members and which links it draws. */
export type StageLayoutKind = 'ring' | 'hash-ring' | 'tiers' | 'lanes' | 'grid';
export type LinkDrawing = 'mesh' | 'active' | 'none';
export type Glyph = 'circle' | 'diamond' | 'square' | 'triangle' | 'wye' | 'cross' | 'star';

/** A kind of message as the stage and legend show it. */
export interface MessageKindSpec {
  kind: string;
  /** Legend text ("RequestVote"). */
  label: string;
  /** The stage's short label pattern, shown in the legend ("vote?"). */
  short?: string;
  glyph: Glyph;
}

export interface StageSpec {
  layout: StageLayoutKind;
  links: LinkDrawing;
  /** For tiers: the roles from left to right. */
  tiers?: string[];
}

/** A rule the lab lets a class break on purpose ("let a node vote twice"), so a checker or an
 * invariant can be seen catching it: on, it sets `params[param] = value`. */
export interface RuleSpec {
  id: string;
  param: string;
  value: unknown;
  /** The switch's text. */
  label: string;
  /** What to expect while it is on, shown above the stage. */
  warning: string;
}

/** The defaults a scenario of this lab starts from (everything but seed and actions). */
export interface LabDefaults {
  nodes: number;
  params: Record<string, unknown>;
  network: Required<NetworkSpec>;
  workload?: WorkloadSpec;
}

/** A lab action: `{"do": "lab", "name": …, …}`, validated by its schema, applied by `apply`. */
export interface LabActionSpec {
  /** The action's fields beyond `do`, `name` and `at`. */
  schema: v.GenericSchema;
  apply(sim: Simulation, action: Record<string, unknown>): void;
}

/** A property a lab's checkers judge on the run so far rather than after every event (a message
 * lost, an effect applied twice). A bug hunt looks at the run every `everyMs` of virtual time and
 * stops at the first look that finds one; the page's run is not stopped by them, since the lab's
 * panels count them as the lesson goes on. */
export interface RunChecks {
  checks: { name: string; description: string }[];
  everyMs: number;
  /** What broke since the run began, each with the time it happened (or, when only known to have
   * happened since the previous look, `sinceMs`, that look's time: a hunt's link opens there). */
  find(sim: Simulation, sinceMs: number): RunFinding[];
}

export interface RunFinding {
  check: string;
  message: string;
  timeMs: number;
}

/** A virtual time as a finding's sentence gives it: seconds to the millisecond ("1.202 s"). */
export function findingTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** A `sometimes` property (stateright, TigerBeetle marks): a swarm of random runs must reach it
 * at least once, or it never exercised what it claims to test. */
export interface CoverageMark {
  name: string;
  description: string;
  /** True once the run has reached the state (looked at after the run). */
  reached(sim: Simulation): boolean;
}

/** One line of a chart: a metric the lab's actors record, and which figure of each second. */
export interface ChartLineSpec {
  metric: string;
  stat: MetricStat;
  label: string;
}

/** A live chart drawn from engine metrics per virtual second (page, exported SVG and
 * `cli run --charts`). */
export interface ChartSpec {
  id: string;
  title: string;
  /** The y axis's unit ("req/s", "ms", "messages"). */
  unit: string;
  lines: ChartLineSpec[];
}

/** A flag of an experiment: `--clients 50`. */
export interface ExperimentOption {
  description: string;
  default: string;
  /** Turns the flag's text into a value, or throws an Error whose message names the problem. */
  parse(text: string): unknown;
}

/** A batch of runs whose figures reproduce a published result (`cli experiment backoff`). */
export interface ExperimentSpec {
  description: string;
  options: Record<string, ExperimentOption>;
  /** Prints one JSON-able line per result row. */
  run(options: Record<string, unknown>, print: (row: Record<string, unknown>) => void): void;
}

export interface LabDefinition {
  id: string;
  /** A word for menus ("Raft"). */
  name: string;
  title: string;
  /** One line for the header. */
  tagline: string;
  summary: string;
  topics: string[];
  /** Kept out of the page's lab list (a worked example, a test fixture). */
  hidden?: boolean;
  /** The roles, servers first: `scenario.nodes` counts the first role. */
  roles: RoleSpec[];
  /** The engine's view: a protocol per role, invariants, leader, restart and user-request hooks. */
  system: ActorSystem;
  /** The scenario defaults; `frozen[v]` are the defaults share links of version v were made
   * with (never edit a frozen entry: old links must replay forever). */
  defaults: LabDefaults;
  frozen: Record<number, LabDefaults>;
  /** Valibot schemas for the lab's params (unknown keys are refused). */
  params: Record<string, v.GenericSchema>;
  actions?: Record<string, LabActionSpec>;
  /** Older spellings of lab actions in saved scenarios (`{do: 'setMode'}` → `setMode`). */
  legacyActions?: Record<string, string>;
  /** Rules a class may break on purpose. */
  rules?: RuleSpec[];
  /** Short label and kind of a message payload, for the stage. */
  describeMessage(payload: Message): { label: string; kind: string };
  messageKinds: MessageKindSpec[];
  stage: StageSpec;
  /** Makes the lab's projection for one session: a function from the simulation to the lab's own
   * frame data (`frame.labView`), free to remember work between frames (live checker verdicts). */
  createProjection?(): (sim: Simulation) => unknown;
  /** Fields a CLI run line adds, and whether they make the run fail (exit 1). */
  verdict?(sim: Simulation): { fields: Record<string, unknown>; failed: boolean };
  /** For a lab that checks no invariant after every event: what a bug hunt looks for instead. */
  runChecks?: RunChecks;
  coverage?: CoverageMark[];
  /** Relative weights of the random faults a swarm draws for this lab (missing: default). */
  faultWeights?: Partial<Record<FaultKind, number>>;
  /** The roles whose members a random fault plan strikes (missing: the first role only), for labs
   * whose interesting faults hit clients (a lock holder's long pause). */
  faultRoles?: string[];
  /** The lab's own fault for random plans, drawn with `faultWeights.lab` (random-faults.ts). */
  labFault?: LabFault;
  /** Live charts from the metrics the lab's actors record (`{kind: 'metric'}` effects). */
  charts?: ChartSpec[];
  /** Experiments the CLI runs by name (`cli experiment <name>`); names are unique across labs. */
  experiments?: Record<string, ExperimentSpec>;
}


/** A lab as the registry keeps it. Its `{do: 'lab'}` actions go to their `actions[name].apply`
 * (validation has refused unknown names and renamed legacy spellings before a run sees them). */
export function defineLab(lab: LabDefinition): LabDefinition {
  const actions = lab.actions;
  if (!actions || lab.system.labAction) return lab;
  const labAction: ActorSystem['labAction'] = (sim, action) => {
    if (Object.hasOwn(actions, action.name)) actions[action.name].apply(sim, action);
  };
  return { ...lab, system: { ...lab.system, labAction } };
}
