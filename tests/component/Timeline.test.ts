// @vitest-environment happy-dom
// The timeline slider: labelled, keyboard-operable, reaching the furthest time, seeking on input.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Timeline from '../../src/ui/controls/Timeline.svelte';

describe('Timeline', () => {
  it('is a range labelled "Timeline" from 0 to the furthest time, with a spoken value', () => {
    render(Timeline, { props: { timeMs: 1230, maxMs: 4005, onSeek: vi.fn() } });
    const slider = screen.getByRole('slider', { name: 'Timeline' }) as HTMLInputElement;
    expect(slider.dataset.testid).toBe('timeline');
    expect(slider.type).toBe('range');
    expect(slider.min).toBe('0');
    expect(slider.max).toBe('4010');
    expect(slider.step).toBe('10');
    expect(slider.value).toBe('1230');
    expect(slider.getAttribute('aria-valuetext')).toBe('1.230 s of 4.005 s');
  });

  it('grows with the time reached', async () => {
    const view = render(Timeline, { props: { timeMs: 100, maxMs: 100, onSeek: vi.fn() } });
    await view.rerender({ timeMs: 2500, maxMs: 2500 });
    expect((screen.getByTestId('timeline') as HTMLInputElement).max).toBe('2500');
  });

  it('seeks where it is moved', async () => {
    const onSeek = vi.fn();
    render(Timeline, { props: { timeMs: 1000, maxMs: 3000, onSeek } });
    const slider = screen.getByTestId('timeline') as HTMLInputElement;
    slider.value = '400';
    await fireEvent.input(slider);
    expect(onSeek).toHaveBeenCalledWith(400);
  });

  it('can hide its visible label but keeps the accessible one', () => {
    render(Timeline, { props: { timeMs: 0, maxMs: 0, showLabel: false, onSeek: vi.fn() } });
    expect(screen.getByRole('slider', { name: 'Timeline' })).toBeTruthy();
    expect(screen.getByText('Timeline').classList.contains('visually-hidden')).toBe(true);
  });
});
