// Pairs a history's invoke and completion events, per process, into operations the checkers read;
// a malformed history gives a coded issue naming the event, never an exception.
//
// Conventions (the design doc's history format):
// - `ok` completes with a result: a read's value; a write echoes its value; a cas succeeded, unless
//   its completion value is `false`, which records a cas that returned false (compare failed; the
//   register did not hold the expected value at its linearization point). The Jepsen etcd log
//   reader produces such completions.
// - `fail` certainly did not happen; `info` is unknown (may take effect at any point after its
//   invocation, or never). An invocation never completed is treated as `info`.
// - A process may invoke again after any completion, `info` included.
// - The model says which functions exist (default: the register's read, write and cas); other
//   functions keep the completion's value as their output (a dequeue's value, a set read).

import type { HistoryEvent } from '../engine/types';
import type { HistoryModel } from './models/model';

export type OperationOutcome = 'ok' | 'fail' | 'info';

export interface HistoryOperation {
  /** Position in the operation list, which is ordered by invocation. */
  id: number;
  process: number;
  client?: string;
  node?: string;
  /** The function, one of the model's (register: read, write, cas). */
  f: string;
  key?: string;
  /** The invocation's value (write: the value; cas: [expected, new]); read: null. */
  input: unknown;
  /** ok: the completion's value (a read's value, a dequeue's); cas: true (swapped) or false
   * (compare failed); write: null; otherwise undefined. */
  output: unknown;
  outcome: OperationOutcome;
  /** Index of the invoke event in the history. */
  callIndex: number;
  /** Index of the completion event; Infinity for info (the outcome is never known). */
  returnIndex: number;
  /** Milliseconds, when the events carry `time`. */
  callTime?: number;
  /** Milliseconds when known; Infinity for info. */
  returnTime?: number;
  /** True when the invocation had no completion in the history. */
  pending?: boolean;
}

export type HistoryIssueCode =
  | 'bad-event'
  | 'completion-without-invoke'
  | 'invoke-while-pending'
  | 'mismatched-completion'
  | 'bad-cas-value'
  | 'bad-value';

export interface HistoryIssue {
  code: HistoryIssueCode;
  /** Index of the offending event in the history (0-based). */
  eventIndex: number;
  message: string;
}

export type PairResult = { ok: true; operations: HistoryOperation[] } | { ok: false; error: HistoryIssue };

const REGISTER_FUNCTIONS: readonly string[] = ['read', 'write', 'cas'];

/** What pairing checks events against: the model's functions and value rules. */
interface Vocabulary {
  functions: ReadonlySet<string>;
  /** "f must be …" */
  expected: string;
  checkValue?: HistoryModel['checkValue'];
}

// The register's wording stays as it always was; built once, as live checks pair every frame.
const REGISTER_VOCABULARY: Vocabulary = { functions: new Set(REGISTER_FUNCTIONS), expected: 'read, write or cas' };

function vocabulary(model: HistoryModel | readonly string[] | undefined): Vocabulary {
  if (model === undefined || (!isFunctionList(model) && model.name === 'register')) return REGISTER_VOCABULARY;
  if (isFunctionList(model)) return { functions: new Set(model), expected: `one of ${model.join(', ')}` };
  return { functions: new Set(model.functions), expected: `one of ${model.functions.join(', ')} (the ${model.name} model)`, checkValue: model.checkValue?.bind(model) };
}

function isFunctionList(model: HistoryModel | readonly string[]): model is readonly string[] {
  return Array.isArray(model);
}

/**
 * Pairs events into operations ordered by invocation. `model` (or just its function names) says
 * which functions are allowed; by default the register's read, write and cas.
 */
export function pairOperations(history: readonly HistoryEvent[], model?: HistoryModel | readonly string[]): PairResult {
  return new OperationPairing(model).update(history);
}

/**
 * Pairing that follows a history growing at its end (live checks pair on every frame): each
 * `update` pairs only the events added since the last one, and gives what `pairOperations` gives
 * for the whole history. The operations are kept from one update to the next: a pending one is
 * completed in place when its completion arrives. A history that changed otherwise (a seek, a
 * fork, the engine dropping its oldest events) needs a new pairing.
 */
export class OperationPairing {
  private readonly words: Vocabulary;
  private readonly operations: HistoryOperation[] = [];
  private readonly pending = new Map<number, HistoryOperation>();
  private paired = 0;
  private error: PairResult | null = null;

  constructor(model?: HistoryModel | readonly string[]) {
    this.words = vocabulary(model);
  }

  update(history: readonly HistoryEvent[]): PairResult {
    if (this.error) return this.error;
    const { words, operations, pending } = this;
    for (let index = this.paired; index < history.length; index++) {
      const event = history[index];
      const issue = checkEventShape(event, index, words) ?? checkEventValue(event, index, words);
      if (issue) return (this.error = { ok: false, error: issue });
      if (event.type === 'invoke') {
        const open = pending.get(event.process);
        if (open) {
          return (this.error = fail('invoke-while-pending', index, `event ${index + 1}: process ${event.process} invokes ${event.f} while its ${open.f} (event ${open.callIndex + 1}) has not completed`));
        }
        if (event.f === 'cas' && !isCasPair(event.value)) {
          return (this.error = fail('bad-cas-value', index, `event ${index + 1}: a cas value must be [expected, new], got ${JSON.stringify(event.value) ?? 'nothing'}`));
        }
        const operation = invocation(event, index, operations.length);
        operations.push(operation);
        pending.set(event.process, operation);
        continue;
      }
      const operation = pending.get(event.process);
      if (!operation) {
        return (this.error = fail('completion-without-invoke', index, `event ${index + 1}: process ${event.process} completes a ${event.f} (${event.type}) it never invoked`));
      }
      if (operation.f !== event.f || (operation.key ?? null) !== (event.key ?? null)) {
        return (this.error = fail('mismatched-completion', index, `event ${index + 1}: process ${event.process} completes ${describeCall(event.f, event.key)} but invoked ${describeCall(operation.f, operation.key)} (event ${operation.callIndex + 1})`));
      }
      pending.delete(event.process);
      if (operation.pending) delete operation.pending;
      complete(operation, event, index);
    }
    this.paired = Math.max(this.paired, history.length);
    // Invocations not completed (yet) count as unknown outcomes.
    for (const operation of pending.values()) {
      operation.outcome = 'info';
      operation.pending = true;
    }
    return { ok: true, operations };
  }
}

function fail(code: HistoryIssueCode, eventIndex: number, message: string): PairResult {
  return { ok: false, error: { code, eventIndex, message } };
}

function checkEventShape(event: HistoryEvent, index: number, words: Vocabulary): HistoryIssue | null {
  if (event === null || typeof event !== 'object') return badEvent(index, 'not an object');
  if (typeof event.process !== 'number' || !Number.isFinite(event.process)) return badEvent(index, 'process must be a number');
  if (!isEventType(event.type)) return badEvent(index, `type must be invoke, ok, fail or info, got ${JSON.stringify(event.type)}`);
  if (!words.functions.has(event.f)) return badEvent(index, `f must be ${words.expected}, got ${JSON.stringify(event.f)}`);
  if (event.key !== undefined && typeof event.key !== 'string') return badEvent(index, 'key must be a string');
  return null;
}

// A plain function rather than a closure per event: pairing runs on every live frame.
function badEvent(index: number, message: string): HistoryIssue {
  return { code: 'bad-event', eventIndex: index, message: `event ${index + 1}: ${message}` };
}

function isEventType(type: unknown): boolean {
  return type === 'invoke' || type === 'ok' || type === 'fail' || type === 'info';
}

/** The model's own rule for an invocation's or an ok completion's value. */
function checkEventValue(event: HistoryEvent, index: number, words: Vocabulary): HistoryIssue | null {
  if (!words.checkValue || (event.type !== 'invoke' && event.type !== 'ok')) return null;
  const problem = words.checkValue(event.f, event.type, event.value);
  return problem === null ? null : { code: 'bad-value', eventIndex: index, message: `event ${index + 1}: ${problem}` };
}

function isCasPair(value: unknown): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2;
}

function describeCall(f: string, key: string | undefined): string {
  return key === undefined ? f : `${f} ${key}`;
}

function invocation(event: HistoryEvent, index: number, id: number): HistoryOperation {
  const operation: HistoryOperation = {
    id,
    process: event.process,
    f: event.f,
    input: event.f === 'read' ? null : event.value === undefined ? null : event.value,
    output: undefined,
    outcome: 'info',
    callIndex: index,
    returnIndex: Infinity,
    returnTime: Infinity,
  };
  if (event.key !== undefined) operation.key = event.key;
  if (event.client !== undefined) operation.client = event.client;
  if (typeof event.time === 'number') operation.callTime = event.time;
  return operation;
}

function complete(operation: HistoryOperation, event: HistoryEvent, index: number): void {
  operation.outcome = event.type as OperationOutcome;
  if (event.client !== undefined && operation.client === undefined) operation.client = event.client;
  if (event.node !== undefined) operation.node = event.node;
  if (event.type === 'info') return; // return time stays infinite: the outcome is never known
  operation.returnIndex = index;
  operation.returnTime = typeof event.time === 'number' ? event.time : undefined;
  if (event.type === 'fail') return;
  if (operation.f === 'cas') operation.output = event.value !== false;
  else if (operation.f === 'write') operation.output = null;
  else operation.output = event.value === undefined ? null : event.value;
}
