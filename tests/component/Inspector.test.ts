// @vitest-environment happy-dom
// The inspector: an empty state, then everything about one node.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Inspector from '../../src/ui/Inspector.svelte';
import { makeNode } from './fixtures';

describe('Inspector', () => {
  it('asks for a selection when none is made', () => {
    render(Inspector, { props: { node: null } });
    expect(screen.getByText('Select a node to inspect it')).toBeTruthy();
  });

  it('shows a node’s status, role, term, vote, commit index, state and log', () => {
    render(Inspector, { props: { node: makeNode('n3', { role: 'leader', term: 4 }) } });
    expect(screen.getByTestId('inspector-id').textContent).toBe('n3');
    expect(screen.getByTestId('inspector-status').textContent).toBe('up');
    expect(screen.getByTestId('inspector-role').textContent).toBe('leader');
    expect(screen.getByTestId('inspector-term').textContent).toBe('4');
    expect(screen.getByTestId('inspector-commit-index').textContent).toBe('1');
    expect(screen.getByText('voted for')).toBeTruthy();
    expect(screen.getByTestId('inspector-detail-votedFor').textContent).toBe('n1');
    expect(screen.getByTestId('inspector-detail-state').textContent).toBe('x=1');
    const rows = within(screen.getByTestId('inspector-log')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toContain('x←2');
    expect(rows[1].textContent).toContain('no');
  });

  it('says when a node is crashed or paused', () => {
    const { rerender } = render(Inspector, { props: { node: makeNode('n2', { up: false }) } });
    expect(screen.getByTestId('inspector-status').textContent).toBe('crashed');
    rerender({ node: makeNode('n2', { paused: true, pausedUntilMs: 3200 }) });
    expect(screen.getByTestId('inspector-status').textContent).toBe('paused until 3.200 s');
  });

  it('handles an empty log', () => {
    const node = makeNode('n1');
    node.view.log = [];
    render(Inspector, { props: { node } });
    expect(screen.getByText('The log is empty.')).toBeTruthy();
  });
});
