// Export: the stage as a standalone SVG (computed styles inlined, so it looks the same outside the
// page) or a PNG drawn from that SVG, and the run's data as JSON; each saved through a download link.
import type { Frame } from '../../engine/frame';
import type { Scenario } from '../../scenarios/scenario';

export type ExportKind = 'png' | 'svg' | 'history' | 'scenario';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The presentation properties the stage's CSS sets; enough to redraw it without the stylesheet. */
export const INLINED_PROPERTIES: readonly string[] = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'paint-order',
  'visibility', 'display',
];

export type StyleReader = (element: Element) => Pick<CSSStyleDeclaration, 'getPropertyValue'>;

export interface SerializeOptions {
  width: number;
  height: number;
  /** A background colour painted under the drawing (exports have no page behind them). */
  background?: string;
}

/** A copy of `svg` as standalone SVG text: styles inlined, size and namespace set, no script hooks. */
export function serializeSvg(svg: SVGSVGElement, readStyle: StyleReader, options: SerializeOptions): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [clone, ...Array.from(clone.querySelectorAll('*'))];
  originals.forEach((original, index) => inlineStyle(original, copies[index], readStyle));
  for (const copy of copies) {
    for (const name of ['class', 'tabindex', 'role', 'aria-describedby']) copy.removeAttribute(name);
  }
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(options.width));
  clone.setAttribute('height', String(options.height));
  if (options.background) {
    const rect = clone.ownerDocument.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', options.background);
    clone.insertBefore(rect, clone.firstChild);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function inlineStyle(original: Element, copy: Element | undefined, readStyle: StyleReader): void {
  if (!copy) return;
  const computed = readStyle(original);
  const declarations = INLINED_PROPERTIES.map((name) => [name, computed.getPropertyValue(name).trim()] as const)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}:${value}`);
  if (declarations.length > 0) copy.setAttribute('style', declarations.join(';'));
}

/** Draws SVG text onto a canvas at `scale` and returns it as a PNG blob. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The client history as the design's JSON format: Jepsen-style events in real-time order. */
export function historyJson(frame: Pick<Frame, 'history'>): string {
  return `${JSON.stringify(frame.history, null, 2)}\n`;
}

/** The scenario with its recorded actions, loadable again by import or the CLI. */
export function scenarioJson(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** `splitbrain-raft-seed7-at1234ms`: names that sort and say what they hold. */
export function exportName(frame: Pick<Frame, 'lab' | 'seed' | 'timeMs'>, what: string, extension: string): string {
  return `splitbrain-${frame.lab}-seed${frame.seed}-at${frame.timeMs}ms${what ? `-${what}` : ''}.${extension}`;
}

/** Saves a blob through a temporary `a[download]`. */
export function downloadBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
