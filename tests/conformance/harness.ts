// Shared pieces of the conformance suite (DESIGN §5): every registered lab, hidden ones included,
// goes through the same checks, so a new lab is covered by its one line in src/labs/registry.ts.
// Failure messages name the lab and the check, and say what to fix.
import * as v from 'valibot';
import { inFlightMessages } from '../../src/engine/in-flight';
import type { Action, TimedAction } from '../../src/engine/actions';
import { Simulation } from '../../src/engine/simulation';
import { traceHash } from '../../src/engine/trace';
import type { Message } from '../../src/engine/types';
import type { LabDefinition } from '../../src/labs/define-lab';
import { defaultScenario, toWorldConfig } from '../../src/scenarios/catalog';
import type { Scenario } from '../../src/scenarios/scenario';
import { validateScenario } from '../../src/scenarios/validate';

/** Seeds per lab in the swarm: at least 200 in CI, 50 locally; SWARM_SEEDS overrides both. */
export const SWARM_SEEDS = Number(process.env.SWARM_SEEDS ?? (process.env.CI ? 200 : 50));
/** Virtual time of one swarm run: short, so the suite stays quick. */
export const SWARM_UNTIL_MS = 4000;
/** Virtual time of the other checks' runs. */
export const RUN_MS = 3000;

/** "[raft lab] 5 swarm:" — the prefix of every failure message. */
export function where(lab: LabDefinition, check: string): string {
  return `[${lab.id} lab] ${check}:`;
}

/** Fails the test with `message` unless `ok`, so failures read as sentences, not as diffs. */
export function must(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** The ids of the first role's members ("n1".."n5"). */
export function serverIds(lab: LabDefinition, nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => `${lab.roles[0].prefix}${i + 1}`);
}

// ---------------------------------------------------------------------------------------------
// Lab actions: a valid example of each, built from its valibot schema.

/** Hand-written examples for lab actions whose schema the builder below cannot satisfy (a regex
 * on a string, a cross-field check): `'<lab>.<action>': { ...fields }`. */
export const LAB_ACTION_EXAMPLES: Record<string, Record<string, unknown>> = {};

interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  options?: unknown[];
  literal?: unknown;
  item?: SchemaNode;
  items?: SchemaNode[];
  pipe?: { kind: string; type: string; requirement?: unknown }[];
  enum?: Record<string, unknown>;
}

function requirement(schema: SchemaNode, type: string): unknown {
  return schema.pipe?.find((step) => step.kind === 'validation' && step.type === type)?.requirement;
}

/** A value the schema accepts, preferring one that differs from the lab's default for that
 * parameter (so the CAP lab's `setMode` example switches to 'ap' rather than to 'cp'). */
function exampleOf(schema: SchemaNode, current: unknown, lab: LabDefinition): unknown {
  switch (schema.type) {
    case 'object':
    case 'loose_object':
    case 'strict_object': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(schema.entries ?? {})) {
        out[key] = exampleOf(entry, Object.hasOwn(lab.defaults.params, key) ? lab.defaults.params[key] : undefined, lab);
      }
      return out;
    }
    case 'optional':
    case 'exact_optional':
    case 'nullable':
    case 'nullish':
    case 'non_optional':
    case 'non_nullable':
    case 'non_nullish':
      return exampleOf(schema.wrapped!, current, lab);
    case 'picklist':
      return schema.options!.find((option) => option !== current) ?? schema.options![0];
    case 'enum': {
      const values = Object.values(schema.enum ?? {});
      return values.find((value) => value !== current) ?? values[0];
    }
    case 'literal':
      return schema.literal;
    case 'boolean':
      return typeof current === 'boolean' ? !current : true;
    case 'number': {
      const min = requirement(schema, 'min_value') as number | undefined;
      const max = requirement(schema, 'max_value') as number | undefined;
      const low = min ?? Math.min(1, max ?? 1);
      if (typeof current === 'number' && current === low && (max === undefined || low + 1 <= max)) return low + 1;
      return low;
    }
    case 'string': {
      const minLength = (requirement(schema, 'min_length') as number | undefined) ?? 1;
      return 'x'.repeat(Math.max(1, minLength));
    }
    case 'array': {
      const minLength = (requirement(schema, 'min_length') as number | undefined) ?? 1;
      return Array.from({ length: minLength }, () => exampleOf(schema.item!, undefined, lab));
    }
    case 'tuple':
    case 'strict_tuple':
    case 'loose_tuple':
      return (schema.items ?? []).map((item) => exampleOf(item, undefined, lab));
    case 'union':
    case 'variant':
      for (const option of schema.options as SchemaNode[]) {
        const candidate = exampleOf(option, current, lab);
        if (v.safeParse(option as unknown as v.GenericSchema, candidate).success) return candidate;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** One valid example per lab action, `{do: 'lab', name, ...fields}`; throws, naming the action,
 * when no example can be built (add one to LAB_ACTION_EXAMPLES). */
export function labActionExamples(lab: LabDefinition): Action[] {
  return Object.entries(lab.actions ?? {}).map(([name, spec]) => {
    const fields = LAB_ACTION_EXAMPLES[`${lab.id}.${name}`] ?? (exampleOf(spec.schema as unknown as SchemaNode, undefined, lab) as Record<string, unknown>);
    const checked = v.safeParse(spec.schema, fields);
    must(
      checked.success && typeof fields === 'object' && fields !== null,
      `${where(lab, 'lab action example')} could not build a valid example of lab action "${name}" from its schema ` +
        `(got ${JSON.stringify(fields)}); add one to LAB_ACTION_EXAMPLES in tests/conformance/harness.ts as '${lab.id}.${name}': {...}`,
    );
    return { do: 'lab', name, ...fields } as Action;
  });
}

// ---------------------------------------------------------------------------------------------
// Scenarios and runs.

/** A crash, a restart, a partition, a heal and (if the lab has any) its first lab action, as a
 * person would record them: the actions a shared link carries. */
export function recordedActions(lab: LabDefinition, nodes: number): TimedAction[] {
  const ids = serverIds(lab, nodes);
  const actions: TimedAction[] = [
    { at: 300, do: 'crash', node: ids[0] },
    { at: 900, do: 'restart', node: ids[0] },
  ];
  if (ids.length >= 2) {
    const half = Math.max(1, Math.floor(ids.length / 2));
    actions.push({ at: 1200, do: 'partition', groups: [ids.slice(0, half), ids.slice(half)] });
  }
  const [labAction] = labActionExamples(lab);
  if (labAction) actions.push({ ...labAction, at: 1500 } as TimedAction);
  actions.push({ at: 2200, do: 'heal' });
  return actions;
}

/** The default scenario with `recordedActions`, validated (throws with the issues if it is not). */
export function recordedScenario(lab: LabDefinition, seed: number, untilMs = RUN_MS): Scenario {
  const scenario = defaultScenario(lab.id, seed);
  scenario.actions = recordedActions(lab, scenario.nodes);
  scenario.until = untilMs;
  return validated(lab, scenario, 'default scenario with recorded actions');
}

export function validated(lab: LabDefinition, scenario: unknown, what: string): Scenario {
  const result = validateScenario(scenario);
  must(result.ok, `${where(lab, 'validate')} the ${what} does not validate: ${result.ok ? '' : result.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  return result.scenario;
}

/** A fresh run to `untilMs`, past any violation (as runHeadless), returning its trace hash. */
export function freshHash(lab: LabDefinition, scenario: Scenario, actions: readonly TimedAction[], untilMs: number): string {
  const sim = Simulation.create(lab.system, toWorldConfig(scenario), actions);
  sim.runUntil(untilMs, Infinity, false);
  return traceHash(sim.world.trace);
}

export function describeViolations(violations: readonly { invariant: string; message: string; timeMs: number }[]): string {
  return violations.map((v) => `${v.invariant} at ${v.timeMs} ms: ${v.message}`).join('; ');
}

/** Every payload sent in a run, looked at moment by moment while it is in flight. */
export function sentPayloads(lab: LabDefinition, scenario: Scenario, untilMs: number): Message[] {
  const sim = Simulation.create(lab.system, toWorldConfig(scenario), scenario.actions);
  const seen = new Set<number>();
  const payloads: Message[] = [];
  for (let next = sim.nextMomentMs(); next !== null && next <= untilMs; next = sim.nextMomentMs()) {
    sim.runUntil(next, Infinity, false);
    for (const wire of inFlightMessages(sim.world)) {
      if (seen.has(wire.id)) continue;
      seen.add(wire.id);
      payloads.push(wire.payload);
    }
  }
  return payloads;
}
