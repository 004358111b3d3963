// Reads a Jepsen `history.edn`: one map per line (or one vector of maps), such as
// `{:type :invoke, :f :cas, :value [1 2], :process 0, :time 123, :index 0}`. Jepsen's general
// reading applies: `:fail` did not happen, `:info` is unknown. `:time` is in nanoseconds and
// becomes milliseconds. Nemesis operations are skipped; a `#jepsen.independent.Tuple` value
// (`{:key k :value v}`) or a `:key` entry gives the key. A history with nothing but nemesis
// operations is a valid, empty history. Which `:f` are allowed is the model's say (default: the
// register's); a Knossos multi-register `:txn` value `[[:read :x 1] [:write :y 2]]` becomes
// `[["read", "x", 1], ["write", "y", 2]]`, keys named as for `:key`.

import type { HistoryEvent } from '../../engine/types';
import { EdnKeyword, EdnMap, EdnTagged, ednToPlain, printKey, readEdn, type EdnForm, type EdnValue } from './edn';
import { REGISTER_VOCABULARY, parseError, type ModelVocabulary, type ParseResult } from './result';

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

export function parseEdnHistory(text: string, model: ModelVocabulary = REGISTER_VOCABULARY): ParseResult {
  const read = readEdn(text);
  if (!read.ok) return parseError(read.line, `not valid EDN: ${read.error}`);
  let forms: EdnForm[] = read.forms;
  if (forms.length === 1 && Array.isArray(forms[0].value)) {
    forms = forms[0].value.map((value) => ({ value, line: value instanceof EdnMap ? value.line : forms[0].line }));
  }
  const history: HistoryEvent[] = [];
  const lines: number[] = [];
  let nemesis = 0;
  for (const form of forms) {
    const event = toEvent(form.value, model);
    if (event === null) {
      nemesis++;
      continue;
    }
    if (typeof event === 'string') return parseError(form.line, event);
    history.push(event);
    lines.push(form.line);
  }
  if (history.length === 0 && nemesis === 0) return parseError(null, 'no operations found (expected maps like {:type :invoke, :f :read, :process 0})');
  return { ok: true, history, lines, format: 'edn' };
}

/** `:read, :write or :cas`. */
function oneOf(functions: readonly string[]): string {
  const names = functions.map((f) => `:${f}`);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function keywordName(value: EdnValue | undefined): string | null {
  return value instanceof EdnKeyword ? value.name : null;
}

/** The event, null for a nemesis operation, or what is wrong. */
function toEvent(value: EdnValue, model: ModelVocabulary): HistoryEvent | string | null {
  if (!(value instanceof EdnMap)) return `expected a map such as {:type :invoke, :f :read, :process 0}, got ${printKey(value)}`;
  const process = value.get(':process');
  if (keywordName(process) === 'nemesis') return null;
  if (typeof process !== 'number' || !Number.isInteger(process)) return `:process must be an integer, got ${show(process)}`;
  const type = keywordName(value.get(':type'));
  if (type === null || !TYPES.has(type)) return `:type must be :invoke, :ok, :fail or :info, got ${show(value.get(':type'))}`;
  const f = keywordName(value.get(':f'));
  if (f === null || !model.functions.includes(f)) return `:f must be ${oneOf(model.functions)} (a ${model.name} history), got ${show(value.get(':f'))}`;
  const event: HistoryEvent = { process, type: type as HistoryEvent['type'], f };
  let raw = value.get(':value');
  if (raw instanceof EdnTagged && raw.value instanceof EdnMap && raw.value.entries.has(':key')) {
    event.key = keyText(raw.value.get(':key'));
    raw = raw.value.get(':value');
  } else if (value.entries.has(':key')) {
    event.key = keyText(value.get(':key'));
  }
  if (raw !== undefined) event.value = f === 'txn' ? txnValue(raw) : ednToPlain(raw);
  if (f === 'cas' && type === 'invoke' && !(Array.isArray(event.value) && event.value.length === 2)) return `a :cas needs :value [expected new], got ${show(raw)}`;
  const time = value.get(':time');
  if (time !== undefined) {
    if (typeof time !== 'number') return `:time must be a number (nanoseconds), got ${show(time)}`;
    event.time = time / 1e6;
  }
  return event;
}

/** Micro-ops `[:f k v]` with plain names; anything else stays plain for the model to judge. */
function txnValue(raw: EdnValue): unknown {
  if (!Array.isArray(raw)) return ednToPlain(raw);
  return raw.map((micro) => {
    if (!Array.isArray(micro) || micro.length !== 3) return ednToPlain(micro);
    const [f, key, value] = micro;
    return [f instanceof EdnKeyword ? f.name : ednToPlain(f), keyText(key), ednToPlain(value)];
  });
}

function keyText(value: EdnValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value instanceof EdnKeyword) return value.name;
  return printKey(value ?? null);
}

function show(value: EdnValue | undefined): string {
  return value === undefined ? 'nothing' : printKey(value);
}
