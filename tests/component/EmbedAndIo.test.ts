// @vitest-environment happy-dom
// The embed's compact bar, the lab and theme selects, and the export/import controls and messages.
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LABS } from '../../src/labs/registry';
import LabSelector from '../../src/ui/controls/LabSelector.svelte';
import ThemeSelect from '../../src/ui/controls/ThemeSelect.svelte';
import EmbedBar from '../../src/ui/embed/EmbedBar.svelte';
import ExportImport from '../../src/ui/export/ExportImport.svelte';
import ImportMessages from '../../src/ui/export/ImportMessages.svelte';
import { choose, optionValues } from './listbox';

const bar = {
  playing: false,
  disabled: false,
  timeMs: 500,
  maxMs: 2000,
  traceHash: 'f00dcafe',
  openUrl: '/?v=1&lab=raft&s=x',
  onTogglePlay: vi.fn(),
  onStep: vi.fn(),
  onSeek: vi.fn(),
};

describe('EmbedBar', () => {
  it('shows play, step, the timeline and the trace hash with controls=all', async () => {
    const onTogglePlay = vi.fn();
    const onStep = vi.fn();
    render(EmbedBar, { props: { ...bar, controls: 'all', onTogglePlay, onStep } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Play' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Step to the next event' }));
    expect(onTogglePlay).toHaveBeenCalledOnce();
    expect(onStep).toHaveBeenCalledOnce();
    expect(screen.getByRole('slider', { name: 'Timeline' })).toBeTruthy();
    expect(screen.getByTestId('trace-hash').textContent).toBe('f00dcafe');
    expect(screen.getByRole('link', { name: /Open in Splitbrain/ }).getAttribute('href')).toBe('/?v=1&lab=raft&s=x');
  });

  it('keeps play and the timeline with controls=minimal, and nothing with none', () => {
    const minimal = render(EmbedBar, { props: { ...bar, controls: 'minimal', playing: true } });
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
    expect(screen.queryByTestId('step')).toBeNull();
    expect(screen.queryByTestId('trace-hash')).toBeNull();
    expect(screen.getByTestId('timeline')).toBeTruthy();
    minimal.unmount();
    render(EmbedBar, { props: { ...bar, controls: 'none' } });
    expect(screen.queryByTestId('embed-bar')).toBeNull();
  });
});

describe('pickers', () => {
  it('lists every registered lab but the hidden ones, and switches between them', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(LabSelector, { props: { lab: 'raft', onChange } });
    expect(screen.getByRole('button', { name: /^Lab/ }).textContent).toContain('Raft');
    const listed = await optionValues(user, 'lab-select');
    expect(listed).toEqual(LABS.filter((lab) => !lab.hidden).map((lab) => lab.id));
    expect(listed).toEqual(expect.arrayContaining(['raft', 'cap']));
    expect(listed).not.toContain('echo');
    await choose(user, 'lab-select', 'cap');
    expect(onChange).toHaveBeenCalledWith('cap');
  });

  it('chooses auto, light or dark', async () => {
    const onChange = vi.fn();
    render(ThemeSelect, { props: { value: 'auto', onChange } });
    const group = screen.getByRole('group', { name: 'Theme' });
    const radios = [...group.querySelectorAll('input')] as HTMLInputElement[];
    expect(radios.map((radio) => radio.value)).toEqual(['auto', 'light', 'dark']);
    expect(radios[0].checked).toBe(true);
    await fireEvent.click(screen.getByLabelText('Dark'));
    expect(onChange).toHaveBeenCalledWith('dark');
  });
});

describe('ExportImport', () => {
  it('asks for each export and passes a picked file on', async () => {
    const onExport = vi.fn();
    const onImport = vi.fn();
    render(ExportImport, { props: { onExport, onImport } });
    const user = userEvent.setup();
    for (const name of ['PNG', 'SVG', 'History', 'Scenario']) await user.click(screen.getByRole('button', { name }));
    expect(onExport.mock.calls.map((call) => call[0])).toEqual(['png', 'svg', 'history', 'scenario']);
    const file = new File(['{}'], 'run.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Import a scenario or history file'), file);
    expect(onImport).toHaveBeenCalledWith(file);
  });
});

describe('ImportMessages', () => {
  it('lists the problems of a refused file in an alert', async () => {
    const onDismiss = vi.fn();
    render(ImportMessages, { props: { issues: ['nodes: must be 3 to 9', 'actions.0.do: unknown action'], notice: null, onDismiss } });
    const alert = screen.getByRole('alert');
    expect(alert.dataset.testid).toBe('import-error');
    expect([...alert.querySelectorAll('li')].map((item) => item.textContent)).toEqual(['nodes: must be 3 to 9', 'actions.0.do: unknown action']);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it('shows a notice otherwise, and nothing when there is none', () => {
    const view = render(ImportMessages, { props: { issues: [], notice: 'Imported h.json: a history of 2 events.', onDismiss: vi.fn() } });
    expect(screen.getByTestId('import-notice').textContent).toContain('2 events');
    view.unmount();
    render(ImportMessages, { props: { issues: [], notice: null, onDismiss: vi.fn() } });
    expect(screen.queryByTestId('import-notice')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
