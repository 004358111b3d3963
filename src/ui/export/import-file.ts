// Import: tells a scenario file from a history file and reads either, with a clear list of problems.
import { parseHistory } from '../../checkers/parse';
import type { HistoryEvent } from '../../engine/types';

export type ImportResult =
  | { kind: 'scenario'; scenario: unknown }
  | { kind: 'history'; history: HistoryEvent[] }
  | { kind: 'error'; issues: string[] };

/** Bigger files than this are refused before reading. */
export const MAX_IMPORT_BYTES = 20_000_000;

/** A JSON object with a `lab` is a scenario (the worker validates it); anything else is tried as a history. */
export function classifyImport(filename: string, text: string): ImportResult {
  const json = tryJson(text);
  if (json !== undefined && typeof json === 'object' && json !== null && !Array.isArray(json)) {
    if (Object.hasOwn(json, 'lab')) return { kind: 'scenario', scenario: json };
    const history = Object.getOwnPropertyDescriptor(json, 'history')?.value;
    if (Array.isArray(history)) return readHistory(filename, 'history.json', JSON.stringify(history));
    return { kind: 'error', issues: [`${filename} is JSON but neither a scenario (it has no "lab") nor a history (no event list)`] };
  }
  return readHistory(filename, filename, text);
}

function readHistory(filename: string, formatHint: string, text: string): ImportResult {
  const parsed = parseHistory(formatHint, text);
  if (parsed.ok) return { kind: 'history', history: parsed.history };
  return { kind: 'error', issues: [`${filename || 'The file'} is not a scenario or a history: ${parsed.error}`] };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A picked or dropped file's text, or why it cannot be read (the worker classifies and parses it). */
export async function readFileText(file: File): Promise<{ ok: true; text: string } | { ok: false; issues: string[] }> {
  if (file.size > MAX_IMPORT_BYTES) {
    return { ok: false, issues: [`${file.name} is too large (${file.size} bytes; at most ${MAX_IMPORT_BYTES})`] };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch (error) {
    return { ok: false, issues: [`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

/** Reads a picked or dropped file; refuses huge ones. */
export async function readImportFile(file: File): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES) {
    return { kind: 'error', issues: [`${file.name} is too large (${file.size} bytes; at most ${MAX_IMPORT_BYTES})`] };
  }
  try {
    return classifyImport(file.name, await file.text());
  } catch (error) {
    return { kind: 'error', issues: [`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
