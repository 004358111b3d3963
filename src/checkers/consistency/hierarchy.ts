// Jepsen's map of consistency models (after Viotti & Vukolić), as the checkers use it: each model
// and the weaker models it implies. Verdicts are combined along it so the map is sound by
// construction: a violated model makes every stronger one violated, a model that holds makes
// every weaker one hold, and a model is never green while a weaker one is red.

import type { Verdict } from '../linearizability';

/** Strongest first; every model comes before the models it implies. */
export const CONSISTENCY_MODELS = ['linearizable', 'sequential', 'causal', 'pram', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'] as const;

export type ConsistencyModel = (typeof CONSISTENCY_MODELS)[number];

/** Each model's immediate weaker models (the edges of the map, strongest at the top). */
export const WEAKER: Readonly<Record<ConsistencyModel, readonly ConsistencyModel[]>> = {
  linearizable: ['sequential'],
  sequential: ['causal'],
  causal: ['pram', 'writes-follow-reads'],
  pram: ['read-your-writes', 'monotonic-reads', 'monotonic-writes'],
  'writes-follow-reads': [],
  'read-your-writes': [],
  'monotonic-reads': [],
  'monotonic-writes': [],
};

/** Display names. */
export const MODEL_LABELS: Readonly<Record<ConsistencyModel, string>> = {
  linearizable: 'Linearizable',
  sequential: 'Sequential',
  causal: 'Causal',
  pram: 'PRAM',
  'writes-follow-reads': 'Writes follow reads',
  'read-your-writes': 'Read your writes',
  'monotonic-reads': 'Monotonic reads',
  'monotonic-writes': 'Monotonic writes',
};

/** A label inside a sentence: lower case, except an acronym (PRAM). */
export function modelInSentence(model: ConsistencyModel): string {
  const label = MODEL_LABELS[model];
  return label === label.toUpperCase() ? label : label.toLowerCase();
}

/** Every model weaker than `model` (transitively), nearest first. */
export function weakerThan(model: ConsistencyModel): ConsistencyModel[] {
  const out: ConsistencyModel[] = [];
  const queue = [...WEAKER[model]];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (out.includes(next)) continue;
    out.push(next);
    queue.push(...WEAKER[next]);
  }
  return out;
}

/** Every model stronger than `model` (transitively). */
export function strongerThan(model: ConsistencyModel): ConsistencyModel[] {
  return CONSISTENCY_MODELS.filter((m) => weakerThan(m).includes(model));
}

export interface Derived {
  holds: Verdict;
  /** The model whose verdict this one was read off, when not decided on its own. */
  impliedBy: ConsistencyModel | null;
}

/**
 * Combines raw verdicts along the map: every model stronger than a violated one is violated
 * (named after the weakest violated model below it); then every unknown model weaker than one
 * that holds holds. A raw `true` above a raw `false` (a checker bug) turns red, never green.
 */
export function enforceHierarchy(raw: Readonly<Record<ConsistencyModel, Verdict>>): Record<ConsistencyModel, Derived> {
  const out = Object.fromEntries(CONSISTENCY_MODELS.map((m) => [m, { holds: raw[m], impliedBy: null }])) as Record<ConsistencyModel, Derived>;
  // Weakest first, so a stronger model is named after the weakest violated model below it (whose
  // account is the most specific), even when it was found violated on its own too.
  for (const model of [...CONSISTENCY_MODELS].reverse()) {
    if (raw[model] !== false) continue;
    for (const stronger of strongerThan(model)) if (out[stronger].impliedBy === null) out[stronger] = { holds: false, impliedBy: model };
  }
  for (const model of CONSISTENCY_MODELS) {
    if (out[model].holds !== true) continue;
    for (const weaker of weakerThan(model)) if (out[weaker].holds === 'unknown') out[weaker] = { holds: true, impliedBy: out[model].impliedBy ?? model };
  }
  return out;
}
