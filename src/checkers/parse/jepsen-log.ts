// Reads Jepsen etcd text logs (`INFO  jepsen.util - 3	:ok	:read	4`) with the etcd reading that
// Porcupine's etcd model and the conformance verdicts use, as the README of the conformance data describes:
// - `:fail :cas` is an observed false compare: it becomes an `ok` cas whose value is `false`;
// - every other `:fail` (e.g. `:fail :read :timed-out`) and every `:info` is unknown: `info`;
// - `:invoke` and `:ok` keep their meaning.
// Lines from other loggers, nemesis lines, jepsen.util messages that are not operations and
// indented continuation lines are skipped.

import type { HistoryEvent } from '../../engine/types';
import { EdnKeyword, ednToPlain, readEdn } from './edn';
import { parseError, type ParseResult } from './result';

const LOG_LINE = /^(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\s+(\S+)\s+-\s*(.*)$/;
const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);
const FUNCTIONS = new Set(['read', 'write', 'cas']);

export function parseJepsenLog(text: string): ParseResult {
  const history: HistoryEvent[] = [];
  const lines: number[] = [];
  const sourceLines = text.split('\n');
  for (let index = 0; index < sourceLines.length; index++) {
    const raw = sourceLines[index].replace(/\r$/, '');
    const lineNumber = index + 1;
    if (raw.trim() === '' || /^\s/.test(raw)) continue;
    const match = LOG_LINE.exec(raw);
    if (!match) return parseError(lineNumber, `not a Jepsen log line: ${JSON.stringify(clip(raw))}`);
    if (match[2] !== 'jepsen.util') continue;
    const event = parseEventText(match[3]);
    if (event === null) continue;
    if (typeof event === 'string') return parseError(lineNumber, `${event}: ${JSON.stringify(clip(raw))}`);
    history.push(event);
    lines.push(lineNumber);
  }
  if (history.length === 0) return parseError(null, 'no Jepsen operations found (expected lines like "INFO  jepsen.util - 3\t:ok\t:read\t4")');
  return { ok: true, history, lines, format: 'jepsen-log' };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The event, null for a nemesis line or a plain message, or what is wrong. */
function parseEventText(text: string): HistoryEvent | string | null {
  if (!/^\s*(\d|:)/.test(text)) return null; // a message, not an operation
  const read = readEdn(text);
  if (!read.ok) return `cannot read the event (${read.error})`;
  const [processForm, typeForm, fForm, ...rest] = read.forms.map((form) => form.value);
  if (processForm instanceof EdnKeyword && processForm.name === 'nemesis') return null;
  if (typeof processForm !== 'number' || !Number.isInteger(processForm)) return 'expected a process number';
  if (!(typeForm instanceof EdnKeyword) || !TYPES.has(typeForm.name)) return 'expected :invoke, :ok, :fail or :info';
  if (!(fForm instanceof EdnKeyword) || !FUNCTIONS.has(fForm.name)) return 'expected :read, :write or :cas';
  if (rest.length > 1) return 'expected a single value';
  const f = fForm.name as HistoryEvent['f'];
  const value = rest.length === 0 ? null : ednToPlain(rest[0]);
  return etcdReading(processForm, typeForm.name as HistoryEvent['type'], f, value);
}

function etcdReading(process: number, type: HistoryEvent['type'], f: HistoryEvent['f'], value: unknown): HistoryEvent | string {
  if (type === 'invoke') {
    if (f === 'cas' && !(Array.isArray(value) && value.length === 2)) return 'a cas needs [expected new]';
    return { process, type, f, value: f === 'read' ? null : value };
  }
  if (type === 'ok') return { process, type, f, value };
  if (type === 'fail' && f === 'cas') return { process, type: 'ok', f, value: false };
  return { process, type: 'info', f };
}
