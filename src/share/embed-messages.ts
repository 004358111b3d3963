// The postMessage API of an embedded lab: the commands a host page may send, the events the lab
// posts back, and a parser that turns any incoming `data` into a typed command or a reason.
// The parser never throws and never copies unknown keys out of the input.
import type { Action } from '../engine/actions';
import type { Scenario } from '../scenarios/scenario';
import { LAB_IDS } from '../scenarios/catalog';
import { MAX_ACTIONS, MAX_TIME_MS, validateScenario, type ScenarioIssue } from '../scenarios/validate';
import { ownValue, quote } from './query';

export { embedSnippet, readEmbedParams, type EmbedOptions, type EmbedParams } from './embed-snippet';

export const MESSAGE_PREFIX = 'splitbrain:';

/** Host → lab. */
export type HostCommand =
  | { type: 'splitbrain:play' }
  | { type: 'splitbrain:pause' }
  | { type: 'splitbrain:seek'; timeMs: number }
  | { type: 'splitbrain:inject'; action: Action }
  | { type: 'splitbrain:load'; scenario: Scenario };

export type HostCommandType = HostCommand['type'];

/** Lab → host. */
export type LabEvent =
  | { type: 'splitbrain:ready'; lab: string }
  | { type: 'splitbrain:time'; timeMs: number }
  | { type: 'splitbrain:leader-elected'; leader: string; term: number; timeMs: number }
  | { type: 'splitbrain:violation'; invariant: string; message: string; timeMs: number; seed: number };

export type LabEventType = LabEvent['type'];

export interface HostCommandContext {
  /** The cluster size of the lab now running; injected actions must name nodes within it. */
  nodes: number;
  /** The lab now running, whose actions and actors an injected action is checked against
   * (default: the first registered lab). */
  lab?: string;
}

export type ParseCommandResult = { ok: true; command: HostCommand } | { ok: false; reason: string };

export function parseHostCommand(data: unknown, context: HostCommandContext): ParseCommandResult {
  try {
    return parseUnsafe(data, context);
  } catch {
    return reject('the message could not be read');
  }
}

function reject(reason: string): ParseCommandResult {
  return { ok: false, reason };
}

function parseUnsafe(data: unknown, context: HostCommandContext): ParseCommandResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return reject(`expected an object like { type: "splitbrain:play" }, got ${describeType(data)}`);
  }
  const type = ownValue(data, 'type');
  if (typeof type !== 'string') return reject(`"type" must be a string, got ${describeType(type)}`);
  switch (type) {
    case 'splitbrain:play':
    case 'splitbrain:pause':
      return { ok: true, command: { type } };
    case 'splitbrain:seek':
      return parseSeek(ownValue(data, 'timeMs'));
    case 'splitbrain:inject':
      return parseInject(ownValue(data, 'action'), context);
    case 'splitbrain:load':
      return parseLoad(ownValue(data, 'scenario'));
    default:
      return reject(type.startsWith(MESSAGE_PREFIX) ? `unknown command type ${quote(type, 40)}` : `not a Splitbrain command (type ${quote(type, 40)})`);
  }
}

function parseSeek(timeMs: unknown): ParseCommandResult {
  if (typeof timeMs !== 'number' || !Number.isInteger(timeMs) || timeMs < 0 || timeMs > MAX_TIME_MS) {
    return reject(`seek: "timeMs" must be a whole number of milliseconds from 0 to ${MAX_TIME_MS}, got ${describeValue(timeMs)}`);
  }
  return { ok: true, command: { type: 'splitbrain:seek', timeMs } };
}

/** An action is checked as the only action of a scenario on the running cluster; `at` is ignored. */
function parseInject(action: unknown, context: HostCommandContext): ParseCommandResult {
  if (typeof action !== 'object' || action === null || Array.isArray(action)) {
    return reject(`inject: "action" must be an object like { do: "crash", node: "n1" }, got ${describeType(action)}`);
  }
  const wrapper = { lab: context.lab ?? LAB_IDS[0], seed: 0, nodes: context.nodes, actions: [{ ...action, at: 0 }] };
  const validation = validateScenario(wrapper);
  if (!validation.ok) return reject(`inject: ${actionIssue(validation.issues[0])}`);
  const { at: _ignored, ...checked } = validation.scenario.actions[0];
  return { ok: true, command: { type: 'splitbrain:inject', action: checked as Action } };
}

function actionIssue(issue: ScenarioIssue | undefined): string {
  if (!issue) return 'the action is invalid';
  if (!issue.path.startsWith('actions')) return `the running cluster cannot take actions (${issue.message})`;
  return issue.message
    .replace(/"actions\.0\.?/g, '"action.')
    .replace(/"action\."/g, '"action"')
    .replace(/^(action|partition|heal) 1 /, 'the $1 ');
}

function parseLoad(scenario: unknown): ParseCommandResult {
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) {
    return reject(`load: "scenario" must be an object, got ${describeType(scenario)}`);
  }
  const actions = ownValue(scenario, 'actions');
  if (Array.isArray(actions) && actions.length > MAX_ACTIONS) {
    return reject(`load: the scenario has ${actions.length} actions; at most ${MAX_ACTIONS}`);
  }
  const validation = validateScenario(scenario, LAB_IDS);
  if (!validation.ok) {
    const more = validation.issues.length > 1 ? ` (and ${validation.issues.length - 1} more)` : '';
    return reject(`load: the scenario is invalid: ${validation.issues[0]?.message ?? 'unknown problem'}${more}`);
  }
  return { ok: true, command: { type: 'splitbrain:load', scenario: validation.scenario } };
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${quote(value)}`;
  return describeType(value);
}
