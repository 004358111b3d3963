// The page's export buttons: turn the stage or a JSON text into a file download.
import type { Frame } from '../../engine/frame';
import { STAGE_HEIGHT, STAGE_WIDTH } from '../stage/layout';
import { downloadBlob, exportName, serializeSvg, svgToPng } from './stage-export';

export function exportText(text: string, frame: Frame, what: string): void {
  downloadBlob(new Blob([text], { type: 'application/json' }), exportName(frame, what, 'json'));
}

export async function exportStage(svg: SVGSVGElement | null, frame: Frame, kind: 'png' | 'svg'): Promise<void> {
  if (!svg) throw new Error('the stage is not on the page');
  const background = getComputedStyle(document.body).backgroundColor || '#ffffff';
  const text = serializeSvg(svg, (element) => getComputedStyle(element), { width: STAGE_WIDTH, height: STAGE_HEIGHT, background });
  if (kind === 'svg') {
    downloadBlob(new Blob([text], { type: 'image/svg+xml' }), exportName(frame, 'stage', 'svg'));
    return;
  }
  downloadBlob(await svgToPng(text, STAGE_WIDTH, STAGE_HEIGHT), exportName(frame, 'stage', 'png'));
}
