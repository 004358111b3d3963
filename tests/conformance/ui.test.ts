// @vitest-environment happy-dom
// Conformance, per registered lab: (8) its page parts render on a real frame (a SimulationService
// run of its default scenario with recorded actions): the UI registry's side, wide and chip
// panels and its tour show some text without throwing, and the Stage draws one glyph per actor.
import { cleanup, render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { afterEach, beforeAll, describe, it, vi } from 'vitest';
import type { Frame } from '../../src/engine/frame';
import { LABS } from '../../src/labs/registry';
import { labUi } from '../../src/labs/ui-registry';
import LabCharts from '../../src/ui/charts/LabCharts.svelte';
import Stage from '../../src/ui/stage/Stage.svelte';
import Tour from '../../src/ui/tour/Tour.svelte';
import { SimulationService } from '../../src/worker/simulation-service';
import { must, recordedScenario, RUN_MS, where } from './harness';

afterEach(() => cleanup());

/** Renders a part and returns its text; a throw names the lab and the part. */
function renderPart(label: string, component: Component<any>, props: Record<string, unknown>) {
  let view: ReturnType<typeof render>;
  try {
    view = render(component, { props });
  } catch (error) {
    throw new Error(`${label} threw while rendering: ${(error as Error).stack ?? error}`);
  }
  const container = view.container;
  const text = () => (container.textContent ?? '').replace(/\s+/g, ' ').trim();
  /** Gives the part other props, as the page does on every frame (a seek back, here). */
  const update = async (next: Record<string, unknown>) => {
    try {
      await view.rerender(next);
    } catch (error) {
      throw new Error(`${label} threw on a new frame: ${(error as Error).stack ?? error}`);
    }
    return text();
  };
  return { text: text(), container, update };
}

describe.each(LABS)('conformance: $id lab, page parts', (lab) => {
  const ui = labUi(lab.id);
  let frame: Frame;
  /** A frame after seeking back: parts must take frames that go back in time. */
  let earlier: Frame;

  beforeAll(() => {
    const service = new SimulationService();
    const loaded = service.load(recordedScenario(lab, 9));
    must(loaded.ok, `${where(lab, '8 page parts')} SimulationService.load refused the default scenario`);
    frame = service.advanceTo(RUN_MS);
    earlier = service.seek(Math.floor(RUN_MS / 3));
  });

  const parts = [
    ['side', ui.side, true],
    ['wide', ui.wide, false],
    ['chip', ui.chip, false],
  ] as const;
  // Only the parts a lab has get a test (a part it lacks is not a skipped check).
  for (const [name, component, takesInject] of parts) {
    if (!component) continue;
    it(`8. the UI registry's ${name} panel renders some text, and again on an earlier frame`, async () => {
      const inject = vi.fn();
      const props = (f: Frame) => (takesInject ? { frame: f, inject } : { frame: f });
      const { text, update } = renderPart(`${where(lab, `8 page parts`)} labUi('${lab.id}').${name}`, component!, props(frame));
      must(text !== '', `${where(lab, '8 page parts')} labUi('${lab.id}').${name} rendered no text for a frame at ${frame.timeMs} ms`);
      const again = await update(props(earlier));
      must(again !== '', `${where(lab, '8 page parts')} labUi('${lab.id}').${name} rendered no text for a frame at ${earlier.timeMs} ms after one at ${frame.timeMs} ms`);
    });
  }

  if (ui.tour) it('8. its tour renders step 1 with some text', async () => {
    const onInject = vi.fn();
    const { text, update } = renderPart(`${where(lab, '8 page parts')} the tour`, Tour, { tour: ui.tour, frame, onInject });
    must(text !== '', `${where(lab, '8 page parts')} the tour "${ui.tour!.title}" rendered no text`);
    must((await update({ tour: ui.tour, frame: earlier, onInject })) !== '', `${where(lab, '8 page parts')} the tour rendered no text on an earlier frame`);
    must(ui.tour!.steps.length > 0, `${where(lab, '8 page parts')} the tour "${ui.tour!.title}" has no steps`);
  });

  if (lab.charts && lab.charts.length > 0) it('8. every chart draws, and the default run records at least one of its metrics', () => {
    const { container } = renderPart(`${where(lab, '8 page parts')} the charts`, LabCharts, { frame });
    const drawn = [...container.querySelectorAll('[data-testid="metric-chart"]')].map((element) => element.getAttribute('data-chart'));
    must(drawn.length === lab.charts!.length, `${where(lab, '8 charts')} ${drawn.length} charts drawn of ${lab.charts!.length}: ${drawn.join(', ')}`);
    for (const chart of lab.charts!) {
      const recorded = chart.lines.some((line) => (frame.metrics[line.metric] ?? []).some((point) => point[line.stat] !== 0));
      must(recorded, `${where(lab, '8 charts')} the chart "${chart.id}" stayed flat at zero for ${RUN_MS} ms of the default scenario: are its metrics (${chart.lines.map((l) => l.metric).join(', ')}) recorded?`);
    }
  });

  it('8. the Stage draws one node glyph per actor of the frame', () => {
    const { container } = renderPart(`${where(lab, '8 page parts')} the Stage`, Stage, {
      frame,
      displayTimeMs: frame.timeMs,
      selectedId: null,
      nextWriteValue: 1,
      onSelect: vi.fn(),
      onInject: vi.fn(),
      stage: lab.stage,
      messageKinds: lab.messageKinds,
    });
    // A glyph is a `g.node` button tagged `node-<id>` (its log and badge have tags of their own).
    const drawn = [...container.querySelectorAll('g.node[role="button"][data-testid^="node-"]')].map((element) =>
      element.getAttribute('data-testid')!.slice('node-'.length),
    );
    const actors = frame.nodes.map((node) => node.id);
    const missing = actors.filter((id) => !drawn.includes(id));
    must(missing.length === 0, `${where(lab, '8 Stage')} the ${lab.stage.layout} layout draws no glyph for ${missing.join(', ')} (of ${actors.length} actors)`);
    must(drawn.length === actors.length, `${where(lab, '8 Stage')} ${drawn.length} node glyphs for ${actors.length} actors: ${drawn.join(', ')}`);
  });
});
