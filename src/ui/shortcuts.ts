// Which key does what, and when a key belongs to a form field or widget instead of the page. The
// keys follow a presenter's remote: PageDown/→ next, PageUp/← previous, B or . blanks the screen.

export type Command =
  | 'toggle-play'
  | 'step'
  | 'forward'
  | 'back'
  | 'kill-leader'
  | 'heal-all'
  | 'toggle-present'
  | 'toggle-help'
  | 'blank'
  | 'close';

/** How far ] goes forward and ← / PageUp / [ go back in virtual time. */
export const NUDGE_MS = 100;

export interface Shortcut {
  keys: string[];
  command: Command;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space'], command: 'toggle-play', description: 'Play or pause' },
  { keys: ['→', 'PageDown'], command: 'step', description: 'Step to the next event (clicker: next)' },
  { keys: ['←', 'PageUp', '['], command: 'back', description: `Go back ${NUDGE_MS} ms (clicker: previous)` },
  { keys: [']'], command: 'forward', description: `Go forward ${NUDGE_MS} ms` },
  { keys: ['k'], command: 'kill-leader', description: 'Kill the current leader' },
  { keys: ['h'], command: 'heal-all', description: 'Heal every link' },
  { keys: ['p'], command: 'toggle-present', description: 'Presentation mode on or off' },
  { keys: ['b', '.'], command: 'blank', description: 'Blank the screen, and back (clicker: blank)' },
  { keys: ['?'], command: 'toggle-help', description: 'Show or hide this list' },
  { keys: ['Esc'], command: 'close', description: 'Close this list or the node menu' },
];

/** The parts of a KeyboardEvent this module reads, so tests can pass plain objects. */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

interface ElementLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
}

/** Inputs that take no typing: a slider's keys go to the page (it must not eat PageDown, → or Space). */
const KEYLESS_INPUTS = new Set(['range', 'checkbox', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/** Widgets that read the arrow, Space and Enter keys themselves (a listbox, a menu, radio buttons). */
const KEYED_ROLES = new Set(['listbox', 'option', 'menu', 'menuitem', 'menuitemradio', 'radio', 'radiogroup', 'combobox', 'textbox']);

function elementOf(target: EventTarget | null | undefined): ElementLike | null {
  const element = target as ElementLike | null | undefined;
  return element && typeof element.tagName === 'string' ? element : null;
}

/** Typing into these (or working a keyed widget) never triggers a shortcut. */
export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  const element = elementOf(target);
  if (!element) return false;
  const tag = element.tagName!.toUpperCase();
  if (tag === 'INPUT') return !KEYLESS_INPUTS.has((element.type ?? element.getAttribute?.('type') ?? 'text').toLowerCase());
  if (tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable === true) return true;
  return KEYED_ROLES.has(element.getAttribute?.('role') ?? '');
}

/** Space already activates buttons, links and checkboxes that have the keyboard's focus. */
function isActivatable(target: EventTarget | null | undefined): boolean {
  const element = elementOf(target);
  if (!element) return false;
  const tag = element.tagName!.toUpperCase();
  if (tag === 'INPUT') return (element.type ?? element.getAttribute?.('type') ?? '').toLowerCase() === 'checkbox';
  return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || element.getAttribute?.('role') === 'button';
}

export function commandForKey(event: KeyLike): Command | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'close';
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case ' ':
    case 'Spacebar':
      return isActivatable(event.target) ? null : 'toggle-play';
    case '.':
    case 'b':
    case 'B':
      return 'blank';
    case 'ArrowRight':
    case 'PageDown':
      return 'step';
    case ']':
      return 'forward';
    case '[':
    case 'ArrowLeft':
    case 'PageUp':
      return 'back';
    case 'p':
    case 'P':
      return 'toggle-present';
    case 'k':
    case 'K':
      return 'kill-leader';
    case 'h':
    case 'H':
      return 'heal-all';
    case '?':
      return 'toggle-help';
    default:
      return null;
  }
}
