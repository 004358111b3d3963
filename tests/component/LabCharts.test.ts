// @vitest-environment happy-dom
// A lab's charts, drawn from a real run's metrics: one figure per chart spec, a line per series
// ending at the last second's value, and each chart serialises to standalone SVG for export.
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { findLab } from '../../src/labs/registry';
import LabCharts from '../../src/ui/charts/LabCharts.svelte';
import { serializeSvg } from '../../src/ui/export/stage-export';
import { SimulationService } from '../../src/worker/simulation-service';
import { defaultScenario } from '../../src/scenarios/catalog';

function echoFrame() {
  const service = new SimulationService();
  const loaded = service.load(defaultScenario('echo', 1));
  if (!loaded.ok) throw new Error('echo refused');
  return service.advanceTo(5_000);
}

describe('LabCharts', () => {
  it('draws every chart of the lab with one line per series from the frame\'s metrics', () => {
    const frame = echoFrame();
    const { container } = render(LabCharts, { props: { frame } });
    const charts = [...container.querySelectorAll('[data-testid="metric-chart"]')];
    const specs = findLab('echo')!.charts!;
    expect(charts.map((chart) => chart.getAttribute('data-chart'))).toEqual(specs.map((spec) => spec.id));
    const pings = container.querySelector('[data-chart="throughput"]')!;
    const sent = pings.querySelector('path[data-series="sent"]')!;
    expect(sent.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    // The legend's figure is the last second's value, straight from the engine's metric.
    const lastSent = frame.metrics.pings.at(-1)!.rate;
    expect(Number(sent.getAttribute('data-last'))).toBe(lastSent);
  });

  it('serialises a chart to standalone SVG with its lines', () => {
    const { container } = render(LabCharts, { props: { frame: echoFrame() } });
    const svg = container.querySelector<SVGSVGElement>('[data-chart="latency"] svg')!;
    const text = serializeSvg(svg, (element) => getComputedStyle(element), { width: 300, height: 110, background: '#ffffff' });
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect((text.match(/<path /g) ?? []).length).toBe(2);
  });

  it('draws nothing for a lab without charts', () => {
    const service = new SimulationService();
    const loaded = service.load(defaultScenario('raft', 1));
    if (!loaded.ok) throw new Error('raft refused');
    const { container } = render(LabCharts, { props: { frame: loaded.frame } });
    expect(container.querySelector('[data-testid="lab-charts"]')).toBeNull();
  });
});
