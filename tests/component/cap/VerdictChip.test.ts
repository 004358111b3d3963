// @vitest-environment happy-dom
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import VerdictChip from '../../../src/labs/cap/ui/VerdictChip.svelte';
import { checks } from './cap-fixtures';

describe('VerdictChip (the CAP verdict in an embed)', () => {
  it('shows the mode, a violation and the availability', () => {
    render(VerdictChip, { checks: checks({ linearizable: false, mode: 'ap', availability: { ok: 9, total: 10, windowMs: 5000 } }) });
    const chip = screen.getByTestId('embed-verdict');
    expect(chip.getAttribute('data-verdict')).toBe('violated');
    expect(chip.textContent).toContain('AP');
    expect(chip.textContent).toContain('✗ Not linearizable');
    expect(chip.textContent).toContain('90% ok');
  });

  it('says linearizable, and leaves out availability before any operation completed', () => {
    render(VerdictChip, { checks: checks({ linearizable: true, mode: 'cp', availability: { ok: 0, total: 0, windowMs: 5000 } }) });
    const chip = screen.getByTestId('embed-verdict');
    expect(chip.getAttribute('data-verdict')).toBe('linearizable');
    expect(chip.textContent).toContain('✓ Linearizable');
    expect(chip.textContent).not.toContain('% ok');
  });
});
