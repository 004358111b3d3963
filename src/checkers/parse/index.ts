// History readers: JSON, Jepsen etcd logs and Jepsen EDN, chosen by name or content.

import { detectFormat } from './detect';
import { parseEdnHistory } from './edn-history';
import { parseJepsenLog } from './jepsen-log';
import { parseJsonHistory } from './json';
import type { HistoryFormat, ModelVocabulary, ParseResult } from './result';

export { detectFormat } from './detect';
export { parseEdnHistory } from './edn-history';
export { parseJepsenLog } from './jepsen-log';
export { parseJsonHistory } from './json';
export { readEdn, EdnKeyword, EdnMap, EdnSymbol, EdnTagged, type EdnValue, type EdnReadResult } from './edn';
export { REGISTER_VOCABULARY, type HistoryFormat, type ModelVocabulary, type ParseResult } from './result';

/**
 * Reads a history in the given format, or the one `detectFormat` guesses, allowing the model's
 * functions (default: the register's; a Jepsen etcd log is always a register). Never throws.
 */
export function parseHistory(filename: string, text: string, format?: HistoryFormat, model?: ModelVocabulary): ParseResult {
  const chosen = format ?? detectFormat(filename, text);
  if (chosen === null) return { ok: false, error: 'unknown history format (expected .json, .edn or a Jepsen .log)' };
  try {
    if (chosen === 'json') return parseJsonHistory(text, model);
    if (chosen === 'edn') return parseEdnHistory(text, model);
    return parseJepsenLog(text);
  } catch (error) {
    // A stack overflow means nesting far deeper than any history has: say that, not the engine's words.
    if (error instanceof RangeError) return { ok: false, error: 'could not read the history: it is nested too deeply to be a history (lists inside lists thousands of levels down)' };
    return { ok: false, error: `could not read the history: ${error instanceof Error ? error.message : String(error)}` };
  }
}
