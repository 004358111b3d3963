// Every history model by name, for `checkLinearizability({ model })` and `cli check --model`.

import { counterModel } from './counter';
import { kvModel } from './kv';
import type { HistoryModel } from './model';
import { mutexModel } from './mutex';
import { queueModel } from './queue';
import { registerModel } from './register';
import { setModel } from './set';

export const HISTORY_MODELS: readonly HistoryModel[] = [registerModel, kvModel, setModel, counterModel, queueModel, mutexModel];

export const DEFAULT_MODEL = registerModel;

/** The model of that name, or undefined. */
export function findModel(name: string): HistoryModel | undefined {
  return HISTORY_MODELS.find((model) => model.name === name);
}

/** A model given by name or as itself (default: the register); an unknown name throws. */
export function resolveModel(model: string | HistoryModel | undefined): HistoryModel {
  if (model === undefined) return DEFAULT_MODEL;
  if (typeof model !== 'string') return model;
  const found = findModel(model);
  if (!found) throw new Error(`unknown history model ${JSON.stringify(model)} (models: ${HISTORY_MODELS.map((m) => m.name).join(', ')})`);
  return found;
}
