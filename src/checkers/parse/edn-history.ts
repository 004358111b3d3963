// Reads a Jepsen `history.edn`: one map per line (or one vector of maps), such as
// `{:type :invoke, :f :cas, :value [1 2], :process 0, :time 123, :index 0}`. Jepsen's general
// reading applies: `:fail` did not happen, `:info` is unknown. `:time` is in nanoseconds and
// becomes milliseconds. Nemesis operations are skipped; a `#jepsen.independent.Tuple` value
// (`{:key k :value v}`) or a `:key` entry gives the key.

import type { HistoryEvent } from '../../engine/types';
import { EdnKeyword, EdnMap, EdnTagged, ednToPlain, printKey, readEdn, type EdnForm, type EdnValue } from './edn';
import { parseError, type ParseResult } from './result';

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);
const FUNCTIONS = new Set(['read', 'write', 'cas']);

export function parseEdnHistory(text: string): ParseResult {
  const read = readEdn(text);
  if (!read.ok) return parseError(read.line, `not valid EDN: ${read.error}`);
  let forms: EdnForm[] = read.forms;
  if (forms.length === 1 && Array.isArray(forms[0].value)) {
    forms = forms[0].value.map((value) => ({ value, line: value instanceof EdnMap ? value.line : forms[0].line }));
  }
  const history: HistoryEvent[] = [];
  const lines: number[] = [];
  for (const form of forms) {
    const event = toEvent(form.value);
    if (event === null) continue;
    if (typeof event === 'string') return parseError(form.line, event);
    history.push(event);
    lines.push(form.line);
  }
  if (history.length === 0) return parseError(null, 'no operations found (expected maps like {:type :invoke, :f :read, :process 0})');
  return { ok: true, history, lines, format: 'edn' };
}

function keywordName(value: EdnValue | undefined): string | null {
  return value instanceof EdnKeyword ? value.name : null;
}

/** The event, null for a nemesis operation, or what is wrong. */
function toEvent(value: EdnValue): HistoryEvent | string | null {
  if (!(value instanceof EdnMap)) return `expected a map such as {:type :invoke, :f :read, :process 0}, got ${printKey(value)}`;
  const process = value.get(':process');
  if (keywordName(process) === 'nemesis') return null;
  if (typeof process !== 'number' || !Number.isInteger(process)) return `:process must be an integer, got ${show(process)}`;
  const type = keywordName(value.get(':type'));
  if (type === null || !TYPES.has(type)) return `:type must be :invoke, :ok, :fail or :info, got ${show(value.get(':type'))}`;
  const f = keywordName(value.get(':f'));
  if (f === null || !FUNCTIONS.has(f)) return `:f must be :read, :write or :cas (a register history), got ${show(value.get(':f'))}`;
  const event: HistoryEvent = { process, type: type as HistoryEvent['type'], f: f as HistoryEvent['f'] };
  let raw = value.get(':value');
  if (raw instanceof EdnTagged && raw.value instanceof EdnMap && raw.value.entries.has(':key')) {
    event.key = keyText(raw.value.get(':key'));
    raw = raw.value.get(':value');
  } else if (value.entries.has(':key')) {
    event.key = keyText(value.get(':key'));
  }
  if (raw !== undefined) event.value = ednToPlain(raw);
  if (f === 'cas' && type === 'invoke' && !(Array.isArray(event.value) && event.value.length === 2)) return `a :cas needs :value [expected new], got ${show(raw)}`;
  const time = value.get(':time');
  if (time !== undefined) {
    if (typeof time !== 'number') return `:time must be a number (nanoseconds), got ${show(time)}`;
    event.time = time / 1e6;
  }
  return event;
}

function keyText(value: EdnValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value instanceof EdnKeyword) return value.name;
  return printKey(value ?? null);
}

function show(value: EdnValue | undefined): string {
  return value === undefined ? 'nothing' : printKey(value);
}
