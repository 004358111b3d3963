// Validates untrusted scenarios (share links, files, postMessage, the CLI) into typed ones.
// Shape is checked by a valibot schema; meaning (node ids that exist, sane ranges) by hand.
// Never throws: every problem comes back as a coded issue with a path and a sentence.
import * as v from 'valibot';
import type { Scenario } from './scenario';

export interface ScenarioIssue {
  code: string;
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

export const MAX_NODES = 9;
export const MIN_NODES = 3;
export const MAX_ACTIONS = 5000;
export const MAX_TIME_MS = 24 * 3600 * 1000;

const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_TIME_MS));
const nodeRef = v.pipe(v.string(), v.regex(/^(n[1-9]|leader)$/, 'must be a node id like "n3" or "leader"'));
const nodeId = v.pipe(v.string(), v.regex(/^n[1-9]$/, 'must be a node id like "n3"'));
const rangeMs = v.pipe(v.tuple([v.pipe(v.number(), v.integer(), v.minValue(1)), v.pipe(v.number(), v.integer(), v.minValue(1))]),
  v.check(([min, max]) => min <= max, 'the first number must not exceed the second'));
const ratio = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const scalar = v.union([v.number(), v.string(), v.null(), v.boolean()]);
const operation = v.object({
  f: v.picklist(['read', 'write', 'cas']),
  key: v.optional(v.pipe(v.string(), v.maxLength(40))),
  value: v.optional(v.union([scalar, v.tuple([scalar, scalar])])),
});

const action = v.variant('do', [
  v.object({ at: time, do: v.literal('crash'), node: nodeRef }),
  v.object({ at: time, do: v.literal('restart'), node: nodeRef }),
  v.object({ at: time, do: v.literal('pause'), node: nodeRef, durationMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600_000)) }),
  v.object({ at: time, do: v.literal('timeout'), node: nodeRef }),
  v.object({ at: time, do: v.literal('partition'), groups: v.pipe(v.array(v.array(nodeId)), v.minLength(1), v.maxLength(9)) }),
  v.object({ at: time, do: v.literal('cut'), from: nodeId, to: nodeId, oneWay: v.optional(v.boolean()) }),
  v.object({ at: time, do: v.literal('heal'), from: v.optional(nodeId), to: v.optional(nodeId), oneWay: v.optional(v.boolean()) }),
  v.object({ at: time, do: v.literal('request'), node: nodeRef, op: operation, client: v.optional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9]{0,7}$/))) }),
  v.object({ at: time, do: v.literal('network'), latencyMs: v.optional(rangeMs), drop: v.optional(ratio), duplicate: v.optional(ratio) }),
  v.object({ at: time, do: v.literal('skew'), node: nodeId, offsetMs: v.pipe(v.number(), v.integer(), v.minValue(-3_600_000), v.maxValue(3_600_000)) }),
  v.object({ at: time, do: v.literal('setMode'), mode: v.picklist(['cp', 'ap']) }),
]);

const scenarioSchema = v.object({
  lab: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be a lab id like "raft"')),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
  nodes: v.pipe(v.number(), v.integer(), v.minValue(MIN_NODES), v.maxValue(MAX_NODES)),
  params: v.optional(v.record(v.string(), v.union([scalar, v.array(scalar)]))),
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

export function validateScenario(input: unknown, knownLabs?: readonly string[]): ValidationResult {
  const parsed = v.safeParse(scenarioSchema, input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.issues.slice(0, 10).map(describeIssue) };
  }
  const scenario = parsed.output as Scenario;
  const issues = semanticIssues(scenario, knownLabs);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenario };
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

/** What a schema cannot say: node ids beyond the cluster, a lab nobody has built. */
function semanticIssues(scenario: Scenario, knownLabs?: readonly string[]): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (knownLabs && !knownLabs.includes(scenario.lab)) {
    issues.push({ code: 'lab.unknown', path: 'lab', message: `unknown lab "${scenario.lab}" (known: ${knownLabs.join(', ')})` });
  }
  const exists = (id: string) => id === 'leader' || Number(id.slice(1)) <= scenario.nodes;
  scenario.actions.forEach((action, index) => {
    for (const field of ['node', 'from', 'to'] as const) {
      const id = (action as Record<string, unknown>)[field];
      if (typeof id === 'string' && !exists(id)) {
        issues.push({ code: `actions.${index}.${field}.unknown`, path: `actions.${index}.${field}`, message: `action ${index + 1} (${action.do}) names ${id}, but the cluster has ${scenario.nodes} nodes` });
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
