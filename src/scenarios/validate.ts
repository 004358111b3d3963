// Validates untrusted scenarios (share links, files, postMessage, the CLI) into typed ones.
// Shape is checked by a valibot schema; meaning (node ids that exist, sane ranges) by hand.
// Never throws: every problem comes back as a coded issue with a path and a sentence.
import * as v from 'valibot';
import type { LabDefinition } from '../labs/define-lab';
import { findLab, LAB_IDS } from '../labs/registry';
import { actorsFor, implicitWorkload, paramsOf } from './catalog';
import type { Scenario } from './scenario';

export interface ScenarioIssue {
  code: string;
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** The most members a lab may declare for its first role. */
export const MAX_NODES = 64;
export const MAX_ACTIONS = 5000;
export const MAX_TIME_MS = 24 * 3600 * 1000;

const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_TIME_MS));
const ACTOR_ID = /^[a-z]{1,6}[1-9][0-9]{0,2}$/;
const nodeRef = v.pipe(v.string(), v.check((id) => id === 'leader' || ACTOR_ID.test(id), 'must be an actor id like "n3" or "leader"'));
const nodeId = v.pipe(v.string(), v.regex(ACTOR_ID, 'must be an actor id like "n3"'));
const rangeMs = v.pipe(v.tuple([v.pipe(v.number(), v.integer(), v.minValue(1)), v.pipe(v.number(), v.integer(), v.minValue(1))]),
  v.check(([min, max]) => min <= max, 'the first number must not exceed the second'));
const ratio = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const scalar = v.union([v.number(), v.string(), v.null(), v.boolean()]);
const operation = v.object({
  f: v.pipe(v.string(), v.regex(/^[a-z][a-z-]{0,19}$/, 'must be an operation name like "write"')),
  key: v.optional(v.pipe(v.string(), v.maxLength(40))),
  value: v.optional(v.union([scalar, v.tuple([scalar, scalar])])),
});

const action = v.variant('do', [
  v.object({ at: time, do: v.literal('crash'), node: nodeRef }),
  v.object({ at: time, do: v.literal('restart'), node: nodeRef }),
  v.object({ at: time, do: v.literal('pause'), node: nodeRef, durationMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600_000)) }),
  v.object({ at: time, do: v.literal('timeout'), node: nodeRef }),
  v.object({ at: time, do: v.literal('partition'), groups: v.pipe(v.array(v.array(nodeId)), v.minLength(1), v.maxLength(MAX_NODES)) }),
  v.object({ at: time, do: v.literal('cut'), from: nodeId, to: nodeId, oneWay: v.optional(v.boolean()) }),
  v.object({ at: time, do: v.literal('heal'), from: v.optional(nodeId), to: v.optional(nodeId), oneWay: v.optional(v.boolean()) }),
  v.object({ at: time, do: v.literal('request'), node: nodeRef, op: operation, client: v.optional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9]{0,7}$/))) }),
  v.object({ at: time, do: v.literal('network'), latencyMs: v.optional(rangeMs), drop: v.optional(ratio), duplicate: v.optional(ratio) }),
  v.object({ at: time, do: v.literal('skew'), node: nodeId, offsetMs: v.pipe(v.number(), v.integer(), v.minValue(-3_600_000), v.maxValue(3_600_000)) }),
  v.looseObject({ at: time, do: v.literal('lab'), name: v.pipe(v.string(), v.regex(/^[a-zA-Z][a-zA-Z0-9-]{0,30}$/, 'must be a lab action name')) }),
]);

const scenarioSchema = v.object({
  lab: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be a lab id: a lowercase letter, then lowercase letters, digits or dashes')),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
  nodes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_NODES)),
  params: v.optional(v.record(v.string(), v.unknown())),
  network: v.optional(v.object({ latencyMs: v.optional(rangeMs), drop: v.optional(ratio), duplicate: v.optional(ratio) })),
  workload: v.optional(v.object({
    clients: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9)),
    intervalMs: rangeMs,
    timeoutMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600_000)),
    mix: v.object({ read: v.pipe(v.number(), v.minValue(0)), write: v.pipe(v.number(), v.minValue(0)), cas: v.pipe(v.number(), v.minValue(0)) }),
    keys: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(20))), v.minLength(1), v.maxLength(10)),
  })),
  actions: v.pipe(v.array(action), v.maxLength(MAX_ACTIONS)),
  until: v.optional(v.pipe(time, v.minValue(1))),
});

export function validateScenario(input: unknown, knownLabs: readonly string[] = LAB_IDS): ValidationResult {
  const labId = typeof input === 'object' && input !== null ? (input as { lab?: unknown }).lab : undefined;
  // Only a string can name a lab: String() of an arbitrary value may throw (a null-prototype object).
  const lab = typeof labId === 'string' ? findLab(labId) : undefined;
  const parsed = v.safeParse(scenarioSchema, lab ? withLegacyActions(input as Record<string, unknown>, lab) : input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.issues.slice(0, 10).map(describeIssue) };
  }
  const scenario = parsed.output as Scenario;
  if (!knownLabs.includes(scenario.lab) || !lab) {
    return { ok: false, issues: [{ code: 'lab.unknown', path: 'lab', message: `unknown lab "${scenario.lab}" (known: ${knownLabs.join(', ')})` }] };
  }
  const issues = [...labIssues(scenario, lab), ...semanticIssues(scenario, lab)];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenario };
}

/** Older saved scenarios spell some lab actions as actions of their own (`{"do": "setMode"}`). */
function withLegacyActions(input: Record<string, unknown>, lab: LabDefinition): Record<string, unknown> {
  const legacy = lab.legacyActions;
  if (!legacy || !Array.isArray(input.actions)) return input;
  const actions = input.actions.map((action: unknown) => {
    if (typeof action !== 'object' || action === null) return action;
    const name = (action as { do?: unknown }).do;
    return typeof name === 'string' && Object.hasOwn(legacy, name) ? { ...action, do: 'lab', name: legacy[name] } : action;
  });
  return { ...input, actions };
}

/** What the lab decides: its size limits, its params and its own actions. */
function labIssues(scenario: Scenario, lab: LabDefinition): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const first = lab.roles[0];
  if (scenario.nodes < first.min || scenario.nodes > first.max) {
    issues.push({ code: 'nodes.range', path: 'nodes', message: `the ${lab.id} lab runs ${first.min} to ${first.max} ${first.role}s, not ${scenario.nodes}` });
  }
  for (const [key, value] of Object.entries(scenario.params ?? {})) {
    const schema = Object.hasOwn(lab.params, key) ? lab.params[key] : undefined;
    if (!schema) {
      issues.push({ code: `params.${key}.unknown`, path: `params.${key}`, message: `"params.${key}" is not a parameter of the ${lab.id} lab (it has: ${Object.keys(lab.params).join(', ')})` });
      continue;
    }
    const checked = v.safeParse(schema, value);
    if (!checked.success) issues.push(...checked.issues.slice(0, 3).map((issue) => prefixed(describeIssue(issue), `params.${key}`)));
  }
  scenario.actions.forEach((action, index) => {
    if (action.do !== 'lab') return;
    const spec = lab.actions && Object.hasOwn(lab.actions, action.name) ? lab.actions[action.name] : undefined;
    if (!spec) {
      issues.push({ code: `actions.${index}.name.unknown`, path: `actions.${index}.name`, message: `action ${index + 1}: the ${lab.id} lab has no action "${action.name}"` });
      return;
    }
    const { at: _at, do: _do, name: _name, ...fields } = action;
    const checked = v.safeParse(spec.schema, fields);
    if (!checked.success) issues.push(...checked.issues.slice(0, 3).map((issue) => prefixed(describeIssue(issue), `actions.${index}`)));
  });
  return issues;
}

function prefixed(issue: ScenarioIssue, prefix: string): ScenarioIssue {
  const path = issue.path ? `${prefix}.${issue.path}` : prefix;
  const where = issue.path ? `"${path}"` : `"${prefix}"`;
  return { code: `${path}.${issue.code.split('.').pop()}`, path, message: issue.message.replace(/^(the scenario|"[^"]*")/, where) };
}

function describeIssue(issue: v.BaseIssue<unknown>): ScenarioIssue {
  const path = issue.path?.map((item) => String((item as { key: unknown }).key)).join('.') ?? '';
  const where = path === '' ? 'the scenario' : `"${path}"`;
  const missing = issue.kind === 'schema' && issue.received === 'undefined';
  const message = missing
    ? `${where} is missing`
    : issue.expected && issue.kind === 'schema'
      ? `${where}: expected ${issue.expected}, got ${issue.received}`
      : `${where}: ${issue.message}`;
  return { code: `${path || 'scenario'}.${issue.type}`, path, message };
}

/** What a schema cannot say: actor ids beyond the scenario's actors. */
function semanticIssues(scenario: Scenario, lab: LabDefinition): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const actors = new Set(actorsFor(lab, { nodes: scenario.nodes, workload: implicitWorkload(lab, scenario), params: paramsOf(lab, scenario) }).map((actor) => actor.id));
  const exists = (id: string) => id === 'leader' || actors.has(id);
  const others = actors.size > scenario.nodes ? ` (and ${describeActors(new Set([...actors].slice(scenario.nodes)))})` : '';
  scenario.actions.forEach((action, index) => {
    for (const field of ['node', 'from', 'to'] as const) {
      const id = (action as Record<string, unknown>)[field];
      if (typeof id === 'string' && !exists(id)) {
        issues.push({ code: `actions.${index}.${field}.unknown`, path: `actions.${index}.${field}`, message: `action ${index + 1} (${action.do}) names ${id}, but the cluster has ${scenario.nodes} nodes${others}` });
      }
    }
    if (action.do === 'partition') {
      const ids = action.groups.flat();
      const unknown = ids.filter((id) => !exists(id));
      if (unknown.length > 0) issues.push({ code: `actions.${index}.groups.unknown`, path: `actions.${index}.groups`, message: `partition ${index + 1} names ${unknown.join(', ')}, not in the cluster` });
      if (new Set(ids).size !== ids.length) issues.push({ code: `actions.${index}.groups.repeated`, path: `actions.${index}.groups`, message: `partition ${index + 1} puts a node in two groups` });
    }
    if (action.do === 'heal' && (action.from === undefined) !== (action.to === undefined)) {
      issues.push({ code: `actions.${index}.heal.half`, path: `actions.${index}`, message: `heal ${index + 1} needs both "from" and "to", or neither` });
    }
  });
  return issues;
}

/** "5 nodes (n1–n5)" or "n1–n5 and c1–c3". */
function describeActors(actors: Set<string>): string {
  const byPrefix = new Map<string, number>();
  for (const id of actors) {
    const prefix = id.replace(/\d+$/, '');
    byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + 1);
  }
  return [...byPrefix].map(([prefix, count]) => (count === 1 ? `${prefix}1` : `${prefix}1–${prefix}${count}`)).join(' and ');
}
