// The bug-hunt form, read into a hunt request: every field checked, each problem a sentence that
// names the field. Planning the first seed validates the run itself (params, node count).
import type { LabDefinition } from '../../labs/define-lab';
import { plannedScenario } from '../../hunt/hunt';
import { parseParamPairs } from '../../hunt/params';
import { MAX_TIME_MS } from '../../scenarios/validate';
import type { HuntRequest } from './hunt-run.svelte';

/** The most seeds one hunt on the page runs (the CLI takes up to a million). */
export const MAX_PAGE_SEEDS = 100_000;

export interface HuntForm {
  fromSeed: string;
  toSeed: string;
  faults: 'random' | 'none';
  untilSeconds: string;
  nodes: string;
  /** Ids of the lab's rules to break. */
  rules: string[];
  /** More params, `key=value` separated by spaces or new lines. */
  params: string;
}

export function defaultForm(lab: LabDefinition, nodes: number, broken: readonly string[]): HuntForm {
  return { fromSeed: '1', toSeed: '200', faults: 'random', untilSeconds: '10', nodes: String(nodes), rules: [...broken], params: '' };
}

export type FormResult = { ok: true; request: HuntRequest } | { ok: false; error: string };

export function readForm(form: HuntForm, lab: LabDefinition): FormResult {
  try {
    const fromSeed = whole(form.fromSeed, 'The first seed', 0xffffffff);
    const toSeed = whole(form.toSeed, 'The last seed', 0xffffffff);
    if (toSeed < fromSeed) throw new Error('The last seed comes before the first');
    if (toSeed - fromSeed + 1 > MAX_PAGE_SEEDS) throw new Error(`A hunt on the page runs at most ${MAX_PAGE_SEEDS.toLocaleString('en')} seeds (the CLI runs more)`);
    const untilMs = Math.round(positive(form.untilSeconds, 'The run length') * 1000);
    if (untilMs > MAX_TIME_MS) throw new Error('The run length is at most 24 h (86400 s)');
    const nodes = whole(form.nodes, 'The node count', 64);
    const params: Record<string, unknown> = parseParamPairs(form.params.split(/\s+/).filter((pair) => pair !== ''));
    for (const rule of lab.rules ?? []) if (form.rules.includes(rule.id)) params[rule.param] = rule.value;
    const plan = { lab: lab.id, untilMs, faults: form.faults, nodes, params };
    plannedScenario({ ...plan, seed: fromSeed });
    return { ok: true, request: { plan, fromSeed, toSeed } };
  } catch (error) {
    return { ok: false, error: (error instanceof Error ? error.message : String(error)).replace('--param takes', 'A param takes') };
  }
}

function whole(text: string, name: string, max: number): number {
  if (!/^\d{1,10}$/.test(text.trim()) || Number(text) > max) throw new Error(`${name} must be a whole number from 0 to ${max}, not "${text.slice(0, 20)}"`);
  return Number(text);
}

function positive(text: string, name: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number of seconds above 0, not "${text.slice(0, 20)}"`);
  return value;
}
