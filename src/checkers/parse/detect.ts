// Guesses a history's format from its file name, else from its first characters.

import type { HistoryFormat } from './result';

export function detectFormat(filename: string, text: string): HistoryFormat | null {
  const name = filename.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.edn')) return 'edn';
  if (name.endsWith('.log')) return 'jepsen-log';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\s/.test(start)) return 'jepsen-log';
  if (/^\[?\s*\{\s*:/.test(start) || start.startsWith(';')) return 'edn';
  if (/^(\[|\{)/.test(start)) return 'json';
  return null;
}
