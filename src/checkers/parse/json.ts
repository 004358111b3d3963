// Reads a JSON history (an array of events, or `{"history": [...]}`) and validates every event
// field by field, naming the event and its line on the first problem.

import type { HistoryEvent } from '../../engine/types';
import { REGISTER_VOCABULARY, parseError, type ModelVocabulary, type ParseResult } from './result';

const TYPES = ['invoke', 'ok', 'fail', 'info'];

/** Reads events whose `f` is one of the model's functions (default: the register's). */
export function parseJsonHistory(text: string, model: ModelVocabulary = REGISTER_VOCABULARY): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    return parseError(position ? lineAt(text, Number(position[1])) : null, `not valid JSON: ${message}`);
  }
  const events = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.history) ? data.history : null;
  if (!events) return parseError(1, 'expected an array of events or an object with a "history" array');
  const lines = elementLines(text, events.length);
  const history: HistoryEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const checked = validateEvent(events[i], model);
    if (typeof checked === 'string') return parseError(lines[i], `event ${i + 1}: ${checked}`);
    history.push(checked);
  }
  return { ok: true, history, lines, format: 'json' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event, or what is wrong with it. */
function validateEvent(raw: unknown, model: ModelVocabulary): HistoryEvent | string {
  if (!isRecord(raw)) return `expected an object, got ${JSON.stringify(raw)}`;
  const { process, type, f, key, value, time, client, node, mode } = raw;
  if (typeof process !== 'number' || !Number.isInteger(process)) return `"process" must be an integer, got ${show(process)}`;
  if (typeof type !== 'string' || !TYPES.includes(type)) return `"type" must be one of ${TYPES.join(', ')}, got ${show(type)}`;
  if (typeof f !== 'string' || !model.functions.includes(f)) {
    const which = model.name === REGISTER_VOCABULARY.name ? '' : ` (the ${model.name} model)`;
    return `"f" must be one of ${model.functions.join(', ')}${which}, got ${show(f)}`;
  }
  if (key !== undefined && typeof key !== 'string') return `"key" must be a string, got ${show(key)}`;
  if (time !== undefined && (typeof time !== 'number' || !Number.isFinite(time))) return `"time" must be a number of milliseconds, got ${show(time)}`;
  for (const [name, field] of [['client', client], ['node', node], ['mode', mode]] as const) {
    if (field !== undefined && typeof field !== 'string') return `"${name}" must be a string, got ${show(field)}`;
  }
  const text = (field: unknown): string | undefined => (typeof field === 'string' ? field : undefined);
  if (f === 'cas' && type === 'invoke' && !(Array.isArray(value) && value.length === 2)) return `a cas invoke needs "value": [expected, new], got ${show(value)}`;
  if (f === 'write' && type === 'invoke' && value === undefined) return 'a write invoke needs a "value"';
  const event: HistoryEvent = { process, type: type as HistoryEvent['type'], f };
  if (key !== undefined) event.key = key;
  if (value !== undefined) event.value = value;
  if (time !== undefined) event.time = time;
  if (client !== undefined) event.client = text(client);
  if (node !== undefined) event.node = text(node);
  if (mode !== undefined) event.mode = text(mode);
  return event;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The line on which each element of the history array starts: a scan that tracks strings and
 * nesting, and finds the root array or the root object's "history" array.
 */
function elementLines(text: string, count: number): number[] {
  const lines: number[] = [];
  const stack: string[] = [];
  let line = 1;
  let historyDepth = -1;
  let expectElement = false;
  let lastKey: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (expectElement && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (stack.length === 1 && stack[0] === '{') lastKey = text.slice(start + 1, i);
    } else if (c === '[' || c === '{') {
      stack.push(c);
      const isHistory = c === '[' && ((stack.length === 1) || (stack.length === 2 && stack[0] === '{' && lastKey === 'history'));
      if (isHistory && historyDepth < 0) {
        historyDepth = stack.length;
        expectElement = true;
      }
    } else if (c === ']' || c === '}') {
      stack.pop();
    } else if (c === ',' && stack.length === historyDepth) {
      expectElement = true;
    }
  }
  while (lines.length < count) lines.push(lines.length > 0 ? lines[lines.length - 1] : 1);
  return lines;
}
