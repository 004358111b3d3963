// What every history reader returns: the events with the source line of each, or an error that
// says what is wrong and on which line. Readers never throw.

import type { HistoryEvent } from '../../engine/types';

export type HistoryFormat = 'json' | 'jepsen-log' | 'edn';

export type ParseResult =
  | { ok: true; history: HistoryEvent[]; /** 1-based source line of each event. */ lines: number[]; format: HistoryFormat }
  | { ok: false; error: string };

export function parseError(line: number | null, message: string): ParseResult {
  return { ok: false, error: line === null ? message : `line ${line}: ${message}` };
}

/** What a reader needs of a history model: its name and functions, for checking `f`. */
export interface ModelVocabulary {
  name: string;
  functions: readonly string[];
}

export const REGISTER_VOCABULARY: ModelVocabulary = { name: 'register', functions: ['read', 'write', 'cas'] };
