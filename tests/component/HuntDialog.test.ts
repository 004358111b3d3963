// @vitest-environment happy-dom
// The bug-hunt dialog: its form starts from the current lab (size, broken rules), its progress bar
// and tally follow the pool's answers batch by batch (the real hunt core, run in-process behind a
// fake worker), each finding links to its shrunk scenario paused just before the violation, and
// cancel, bad input and a failing worker each end in a state the dialog says.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { huntBatch, type HuntBatch, type HuntBatchAnswer } from '../../src/hunt/batch';
import type { LabDefinition } from '../../src/labs/define-lab';
import { labById } from '../../src/labs/registry';
import { decodeShareState } from '../../src/share';
import HuntDialog from '../../src/ui/hunt/HuntDialog.svelte';

/** Workers whose answers the test releases one batch at a time. */
function manualPool(answer: (batch: HuntBatch) => HuntBatchAnswer = huntBatch) {
  const waiting: (() => void)[] = [];
  const terminate = vi.fn();
  const connect = vi.fn(() => ({
    hunt: (batch: HuntBatch) => new Promise<HuntBatchAnswer>((resolve) => waiting.push(() => resolve(answer(batch)))),
    terminate,
  }));
  const release = async (count = 1) => {
    for (let i = 0; i < count; i++) {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      waiting.shift()!();
    }
  };
  return { connect, terminate, release };
}

function setup(pool = manualPool(), broken = ['vote-twice'], labId = 'raft', lab: LabDefinition = labById(labId)) {
  const onOpenFinding = vi.fn();
  const onClose = vi.fn();
  let clock = 0;
  render(HuntDialog, {
    props: { open: true, onClose, lab, nodes: 5, broken, connect: pool.connect, workers: 1, basePath: '/app/', onOpenFinding, now: () => (clock += 500) },
  });
  return { pool, onOpenFinding, onClose };
}

const progress = () => screen.getByTestId('hunt-progress');

async function startHunt(from: string, to: string): Promise<void> {
  await fireEvent.input(screen.getByTestId('hunt-from'), { target: { value: from } });
  await fireEvent.input(screen.getByTestId('hunt-to'), { target: { value: to } });
  await fireEvent.click(screen.getByTestId('hunt-start'));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('HuntDialog', () => {
  it('starts from the current lab: its node count and the rules it breaks', () => {
    setup();
    expect(screen.getByRole('dialog', { name: 'Bug hunt' })).toBeTruthy();
    expect((screen.getByTestId('hunt-nodes') as HTMLInputElement).value).toBe('5');
    expect((screen.getByTestId('hunt-rule-vote-twice') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('hunt-rule-pre-vote') as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId('hunt-progress')).toBeNull();
    const checked = [...screen.getByTestId('hunt-invariants').querySelectorAll('[data-check]')].map((item) => item.getAttribute('data-check'));
    expect(checked).toEqual(['election-safety', 'leader-append-only', 'log-matching', 'leader-completeness', 'state-machine-safety']);
    expect(screen.getByTestId('hunt-invariants').textContent).toContain('Checked after every event:');
    // Each check with the sentence that says what it holds, for a class to read before it hunts.
    expect(screen.getByTestId('hunt-invariants').querySelector('[data-check="election-safety"]')?.textContent).toContain('At most one leader is elected in a given term.');
  });

  it('on a lab with run checks instead of invariants, lists them and can start', () => {
    setup(manualPool(), [], 'messaging');
    expect(screen.getByTestId('hunt-invariants').textContent).toContain('Checked on the run so far, every 50 ms:');
    expect([...screen.getByTestId('hunt-invariants').querySelectorAll('[data-check]')].map((item) => item.getAttribute('data-check'))).toEqual(['effect-applied-twice', 'message-lost']);
    expect(screen.getByTestId('hunt-invariants').querySelector('[data-check="message-lost"]')?.textContent).toContain('Every message the broker accepted is applied');
    expect(screen.queryByTestId('hunt-no-invariants')).toBeNull();
    expect((screen.getByTestId('hunt-start') as HTMLButtonElement).disabled).toBe(false);
  });

  it('on a lab that checks nothing a hunt could find, says so and does not start one', async () => {
    const pool = manualPool();
    // Every lab names something to hunt for now; a lab without its run checks stands in for one that does not.
    setup(pool, [], 'caching', { ...labById('caching'), runChecks: undefined });
    expect(screen.getByTestId('hunt-no-invariants').textContent).toContain('checks no invariant');
    expect((screen.getByTestId('hunt-start') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.submit(screen.getByTestId('hunt-form'));
    expect(pool.connect).not.toHaveBeenCalled();
    expect(screen.queryByTestId('hunt-progress')).toBeNull();
  });

  it('draws progress, seeds per second and the tally batch by batch, then links each finding', async () => {
    const { pool, onOpenFinding, onClose } = setup();
    await startHunt('1', '4');
    expect(progress().dataset).toMatchObject({ status: 'running', done: '0', total: '4', found: '0' });
    // Seed 1 breaks election safety with vote-twice (one seed per batch: 4 seeds, 1 worker).
    await pool.release();
    await vi.waitFor(() => expect(progress().dataset).toMatchObject({ done: '1', found: '1' }));
    expect(progress().getAttribute('aria-valuenow')).toBe('1');
    // The clock moves 500 ms per reading: one seed in half a second.
    expect(screen.getByTestId('hunt-stats').textContent!.replace(/\s+/g, ' ')).toContain('1 of 4 seeds, 2.0 seeds/s, 1 failing');
    expect(screen.getByTestId('hunt-tally').querySelector('[data-invariant="election-safety"]')?.getAttribute('data-count')).toBe('1');
    await pool.release(3);
    await vi.waitFor(() => expect(progress().dataset.status).toBe('done'));
    const found = Number(progress().dataset.found);
    const items = screen.getAllByTestId('hunt-finding');
    expect(items).toHaveLength(found);
    expect(items.map((item) => Number(item.dataset.seed))).toEqual([...items.map((item) => Number(item.dataset.seed))].sort((a, b) => a - b));
    const first = items[0];
    expect(first.querySelector('[data-testid="hunt-finding-message"]')?.textContent).toMatch(/two leaders in term \d+/);
    const link = first.querySelector('a')!;
    const href = link.getAttribute('href')!;
    expect(href.startsWith('/app/?v=1&lab=raft&s=')).toBe(true);
    const decoded = decodeShareState(href.slice('/app/?'.length));
    if (decoded.kind !== 'ok') throw new Error(`the link does not decode: ${JSON.stringify(decoded)}`);
    expect(decoded.state.cursorMs).toBe(Number(first.dataset.time) - 1);
    expect(decoded.state.scenario).toMatchObject({ lab: 'raft', seed: Number(first.dataset.seed), params: { bug: 'vote-twice' } });
    await fireEvent.click(link);
    expect(onClose).toHaveBeenCalled();
    expect(onOpenFinding).toHaveBeenCalledWith(decoded.state.scenario, decoded.state.cursorMs);
    expect(pool.terminate).toHaveBeenCalled();
  });

  it('says so when no seed fails', async () => {
    const { pool } = setup(manualPool(), []);
    await startHunt('1', '2');
    await pool.release(2);
    await vi.waitFor(() => expect(progress().dataset).toMatchObject({ status: 'done', done: '2', found: '0' }));
    expect(screen.getByTestId('hunt-none').textContent).toContain('No seed broke an invariant');
  });

  it('cancels: the workers stop and the form comes back', async () => {
    const { pool } = setup();
    await startHunt('1', '50');
    await fireEvent.click(screen.getByTestId('hunt-cancel'));
    expect(progress().dataset.status).toBe('cancelled');
    expect(pool.terminate).toHaveBeenCalled();
    expect(screen.getByTestId('hunt-start')).toBeTruthy();
    await pool.release();
    expect(progress().dataset.done).toBe('0');
  });

  it.each([
    [['9', '1'], /The last seed comes before the first/],
    [['x', '4'], /The first seed must be a whole number/],
  ])('refuses seeds %j without starting a worker', async ([from, to], message) => {
    const { pool } = setup();
    await startHunt(from, to);
    expect(screen.getByTestId('hunt-error').textContent).toMatch(message);
    expect(pool.connect).not.toHaveBeenCalled();
  });

  it('refuses a param the lab does not have, naming it', async () => {
    const { pool } = setup();
    await fireEvent.input(screen.getByTestId('hunt-params'), { target: { value: 'frobs=3' } });
    await fireEvent.click(screen.getByTestId('hunt-start'));
    expect(screen.getByTestId('hunt-error').textContent).toMatch(/"params\.frobs" is not a parameter of the raft lab/);
    expect(pool.connect).not.toHaveBeenCalled();
  });

  it('stops with the reason when a worker fails', async () => {
    const { pool } = setup(manualPool(() => ({ ok: false, error: 'a hunt worker stopped: out of memory' })));
    await startHunt('1', '3');
    await pool.release();
    await vi.waitFor(() => expect(progress().dataset.status).toBe('failed'));
    expect(screen.getByTestId('hunt-failure').textContent).toMatch(/out of memory/);
  });
});
