// What the legend explains, generated from what the stage draws: the lab's message kinds (in the
// order that picks their colours), then the roles, clients, values, timer rings and log squares
// the frame actually shows, and the generic keys (lost messages, direction, cut links).
import type { NodeFrame } from '../../engine/frame';
import type { MessageKindSpec } from '../../labs/define-lab';
import { roleClass } from '../labels';

export type LegendEntry =
  | { key: `kind:${string}`; type: 'kind'; spec: MessageKindSpec; index: number }
  | { key: 'lost'; type: 'lost' }
  | { key: 'direction'; type: 'direction' }
  | { key: 'leader'; type: 'leader' }
  | { key: 'client'; type: 'client' }
  | { key: 'value'; type: 'value' }
  | { key: 'timer'; type: 'timer'; name: string }
  | { key: 'log'; type: 'log' }
  | { key: 'cut'; type: 'cut' };

export interface LegendInput {
  messageKinds: readonly MessageKindSpec[];
  /** The frame's actors; without them only the kinds and the generic keys are listed (and log
   * squares, unless `showLogCells` says otherwise). */
  nodes?: readonly Pick<NodeFrame, 'home' | 'view' | 'timers' | 'up'>[];
  /** The timer the stage draws as a ring. */
  ringTimer?: string;
  showLogCells?: boolean;
}

export function legendEntries(input: LegendInput): LegendEntry[] {
  const entries: LegendEntry[] = input.messageKinds.map((spec, index) => ({ key: `kind:${spec.kind}`, type: 'kind', spec, index }));
  entries.push({ key: 'lost', type: 'lost' }, { key: 'direction', type: 'direction' });
  const nodes = input.nodes;
  if (nodes) {
    if (nodes.some((node) => node.up && roleClass(node.view.role) === 'leader')) entries.push({ key: 'leader', type: 'leader' });
    if (nodes.some((node) => node.home !== null)) entries.push({ key: 'client', type: 'client' });
    if (nodes.some((node) => node.up && Boolean(node.view.badge))) entries.push({ key: 'value', type: 'value' });
    const ring = input.ringTimer;
    if (ring && nodes.some((node) => node.timers?.some((timer) => timer.name === ring))) entries.push({ key: 'timer', type: 'timer', name: ring });
  }
  const logs = input.showLogCells ?? (nodes ? nodes.some((node) => node.view.log !== undefined) : true);
  if (logs) entries.push({ key: 'log', type: 'log' });
  entries.push({ key: 'cut', type: 'cut' });
  return entries;
}
