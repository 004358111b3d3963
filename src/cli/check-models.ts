// `check --list-models`: one line per history model (name, operations, one sentence), and a hint for a
// history whose operations belong to another model than the one asked for.

import { HISTORY_MODELS, type HistoryModel } from '../checkers/index';

export function modelLines(json: boolean): string[] {
  const width = Math.max(...HISTORY_MODELS.map((model) => model.name.length));
  return HISTORY_MODELS.map((model) =>
    json ? JSON.stringify({ model: model.name, functions: model.functions, summary: model.summary }) : `${model.name.padEnd(width)}  ${model.functions.join(', ')}: ${model.summary}`,
  );
}

/**
 * For a reader's or pairing's complaint about an operation (`got :txn`, `got "enqueue"`) that
 * another model knows: which `--model` would read it. Empty when none would.
 */
export function modelHint(error: string, current: HistoryModel): string {
  const match = /\bf"? must be .*got :?"?([A-Za-z][\w-]*)"?/.exec(error);
  if (!match) return '';
  const f = match[1];
  const others = HISTORY_MODELS.filter((model) => model !== current && model.functions.includes(f)).map((model) => model.name);
  return others.length === 0 ? '' : ` (try --model ${others.join(' or --model ')})`;
}
