// History readers: JSON, Jepsen etcd logs and Jepsen EDN, chosen by name or content.

import { detectFormat } from './detect';
import { parseEdnHistory } from './edn-history';
import { parseJepsenLog } from './jepsen-log';
import { parseJsonHistory } from './json';
import type { HistoryFormat, ParseResult } from './result';

export { detectFormat } from './detect';
export { parseEdnHistory } from './edn-history';
export { parseJepsenLog } from './jepsen-log';
export { parseJsonHistory } from './json';
export { readEdn, EdnKeyword, EdnMap, EdnSymbol, EdnTagged, type EdnValue, type EdnReadResult } from './edn';
export type { HistoryFormat, ParseResult } from './result';

/** Reads a history in the given format, or the one `detectFormat` guesses. Never throws. */
export function parseHistory(filename: string, text: string, format?: HistoryFormat): ParseResult {
  const chosen = format ?? detectFormat(filename, text);
  if (chosen === null) return { ok: false, error: 'unknown history format (expected .json, .edn or a Jepsen .log)' };
  try {
    if (chosen === 'json') return parseJsonHistory(text);
    if (chosen === 'edn') return parseEdnHistory(text);
    return parseJepsenLog(text);
  } catch (error) {
    return { ok: false, error: `could not read the history: ${error instanceof Error ? error.message : String(error)}` };
  }
}
