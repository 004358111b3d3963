// Words for what the page shows: accessible names of nodes and links, times, roles and event lines.
import type { NodeFrame, TraceEvent } from '../engine/frame';

export type RoleClass = 'leader' | 'follower' | 'candidate' | 'other';

/** Virtual milliseconds as seconds with millisecond precision: 1234 → "1.234 s". */
export function formatTimeMs(timeMs: number): string {
  return `${(timeMs / 1000).toFixed(3)} s`;
}

/** "leader" | "follower" | "candidate" for styling; anything else is "other". */
export function roleClass(role: string): RoleClass {
  const lower = role.toLowerCase();
  if (lower === 'leader' || lower === 'follower' || lower === 'candidate') return lower;
  return 'other';
}

export function nodeStatus(node: NodeFrame): 'up' | 'crashed' | 'paused' {
  if (!node.up) return 'crashed';
  return node.paused ? 'paused' : 'up';
}

/** `n3, leader, term 4`, `n4, follower, term 4, paused` or `n2, crashed`. */
export function nodeName(node: NodeFrame): string {
  if (!node.up) return `${node.id}, crashed`;
  const parts = [node.id, node.view.role.toLowerCase()];
  if (node.view.term !== undefined) parts.push(`term ${node.view.term}`);
  if (node.paused) parts.push('paused');
  return parts.join(', ');
}

/** `link n1–n2, up` or `link n1–n2, cut` (an en dash between the ends). */
export function linkName(a: string, b: string, up: boolean): string {
  return `link ${a}–${b}, ${up ? 'up' : 'cut'}`;
}

/** The event's own sentence, or a terse one made from its fields. */
export function eventText(event: TraceEvent): string {
  if (event.text) return event.text;
  const who = event.node ?? (event.from && event.to ? `${event.from}→${event.to}` : undefined);
  return [event.kind, who, event.tag].filter(Boolean).join(' ');
}

/** "1.234 s — n3 became leader for term 4". */
export function eventLine(event: TraceEvent): string {
  return `${formatTimeMs(event.timeMs)} — ${eventText(event)}`;
}

/** "commitIndex" → "commit index", "voted_for" → "voted for". */
export function humanise(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

export function formatValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** "Election safety broken at 0.212 s: two leaders in term 1: n2 and n5." — one sentence for a
 * violation where there is no room for the full alert (an embed). */
export function violationSentence(violation: { invariant: string; message: string; timeMs: number }): string {
  const name = humanise(violation.invariant.replace(/-/g, ' '));
  const capitalised = name.charAt(0).toUpperCase() + name.slice(1);
  const message = violation.message.replace(/[.\s]+$/, '');
  return `${capitalised} broken at ${formatTimeMs(violation.timeMs)}: ${message}.`;
}
