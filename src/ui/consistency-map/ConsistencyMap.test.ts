// @vitest-environment happy-dom
// The consistency map lights each model by its verdict, and a violated model's sentence and
// operations are reachable from the keyboard (Tab to the model) as well as listed.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CONSISTENCY_MODELS, checkHistoryConsistency, type ConsistencyMapResult } from '../../checkers/index';
import type { HistoryEvent } from '../../engine/types';
import ConsistencyMap from './ConsistencyMap.svelte';

/** c1 writes 1 then 2; c2 reads 2, then 1: PRAM and above violated, the session guarantees hold. */
function backwardsHistory(): HistoryEvent[] {
  const steps: [number, 'read' | 'write', unknown][] = [[1, 'write', 1], [1, 'write', 2], [2, 'read', 2], [2, 'read', 1]];
  return steps.flatMap(([p, f, value], i) => [
    { process: p, type: 'invoke' as const, f, key: 'x', value: f === 'read' ? null : value, client: `c${p}`, time: i * 100 },
    { process: p, type: 'ok' as const, f, key: 'x', value, client: `c${p}`, time: i * 100 + 50 },
  ]);
}

function result(): ConsistencyMapResult {
  const checked = checkHistoryConsistency(backwardsHistory(), { replicas: { n1: { x: 2 }, n2: { x: 1 } } });
  if (!checked.ok) throw new Error('bad history');
  return checked.map;
}

describe('ConsistencyMap', () => {
  it('lights each model by its verdict: red above PRAM, green below, grey when unknown', () => {
    const map = result();
    map.models['writes-follow-reads'] = { holds: 'unknown', sentence: 'Undecided within the budget of search steps.', operations: [], impliedBy: null };
    render(ConsistencyMap, { props: { map } });
    const state = (model: string) => screen.getByTestId(`model-${model}`).getAttribute('data-state');
    expect(CONSISTENCY_MODELS.map(state)).toEqual(['violated', 'violated', 'violated', 'violated', 'holds', 'holds', 'holds', 'unknown']);
    expect(state('convergence')).toBe('violated');
    expect(screen.getByTestId('model-pram').getAttribute('aria-label')).toBe('PRAM: violated');
    expect(screen.getByTestId('model-read-your-writes').getAttribute('aria-label')).toBe('Read your writes: holds');
    expect(screen.getByTestId('model-pram').getAttribute('class')).toContain('violated');
  });

  it('draws every model grey before anything is checked', () => {
    render(ConsistencyMap, { props: { map: null } });
    for (const model of CONSISTENCY_MODELS) expect(screen.getByTestId(`model-${model}`).getAttribute('data-state')).toBe('unknown');
    expect(screen.queryByTestId('model-convergence')).toBeNull();
    expect(screen.queryByTestId('consistency-violations')).toBeNull();
  });

  it('shows a violated model’s sentence and operations when focused from the keyboard', async () => {
    const user = userEvent.setup();
    render(ConsistencyMap, { props: { map: result() } });
    const pram = screen.getByTestId('model-pram');
    const sentence = 'c2 read x=2 at 0.2 s, then read x=1 at 0.3 s, though c1 made its write x=1 before its write x=2.';
    for (let i = 0; i < 8 && document.activeElement !== pram; i++) await user.tab();
    expect(document.activeElement).toBe(pram);
    const detail = screen.getByTestId('consistency-detail');
    expect(detail.textContent).toContain('PRAM: violated.');
    expect(detail.textContent).toContain(sentence);
    expect(within(detail).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['c2 read x=2 (ok)', 'c2 read x=1 (ok)', 'c1 write x=1 (ok)', 'c1 write x=2 (ok)']);
    expect(pram.getAttribute('aria-describedby')).toBe(detail.id);
    // Enter pins it: the detail stays after focus moves on.
    await user.keyboard('{Enter}');
    expect(pram.getAttribute('aria-pressed')).toBe('true');
    await user.tab();
    expect(document.activeElement).not.toBe(pram);
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    pram.blur();
    expect(screen.getByTestId('consistency-detail').textContent).toContain(sentence);
  });

  it('lists every violated model with its sentence', () => {
    render(ConsistencyMap, { props: { map: result() } });
    const items = within(screen.getByTestId('consistency-violations')).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-model'))).toEqual(['linearizable', 'sequential', 'causal', 'pram', 'convergence']);
    expect(items[2].textContent).toMatch(/^Causal: Not PRAM, so not causal either: c2 read x=2/);
    expect(items[4].textContent).toMatch(/Replicas differ on one key/);
  });
});
