// The embedded lab's side of the postMessage API: validates what a host page sends and turns it
// into calls on the lab, and tells the host what happens (ready, leader elected, violation, time).
// The component only forwards frames here; this module owns the protocol.
import type { Action } from '../../engine/actions';
import type { Frame } from '../../engine/frame';
import type { Scenario } from '../../scenarios/scenario';
import { parseHostCommand, type HostCommand, type LabEvent } from '../../share';

/** Wall time between two `splitbrain:time` events while playing. */
export const TIME_EVENT_INTERVAL_MS = 250;

export interface HostHandlers {
  play(): void;
  pause(): void;
  seek(timeMs: number): void;
  inject(action: Action): void;
  load(scenario: Scenario): void;
}

export interface HostBridgeOptions {
  /** The window whose `message` events are commands (the lab's own window). */
  source: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Where events go: `window.parent`, or null when the lab is not embedded. Commands are
   * obeyed only from this window, so another frame or an opener cannot drive the lab. */
  target: { postMessage(message: unknown, targetOrigin: string): void } | null;
  /** Host origins allowed to send commands (`?origins=`); null accepts the parent's, whatever it is. */
  origins?: readonly string[] | null;
  /** The cluster size now running, for validating injected actions. */
  nodes: () => number;
  /** The lab now running, whose actions an injected action is checked against. */
  lab?: () => string;
  handlers: HostHandlers;
  now?: () => number;
  warn?: (...args: unknown[]) => void;
}

export type FrameCauseLike = 'load' | 'advance' | 'step' | 'inject' | 'seek';

export class HostBridge {
  #options: HostBridgeOptions;
  #now: () => number;
  #warn: (...args: unknown[]) => void;
  #leader: string | null = null;
  #violationsSeen = 0;
  #lastTimeEventMs = -Infinity;
  #listening = false;

  constructor(options: HostBridgeOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => Date.now());
    this.#warn = options.warn ?? ((...args) => console.warn(...args));
  }

  get embedded(): boolean {
    return this.#options.target !== null;
  }

  start(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#options.source.addEventListener('message', this.#onMessage);
  }

  stop(): void {
    this.#listening = false;
    this.#options.source.removeEventListener('message', this.#onMessage);
  }

  /** Handles one message event: only from the parent (and an allowed origin), only when embedded. */
  receiveEvent(event: Pick<MessageEvent, 'data' | 'source' | 'origin'>): HostCommand | null {
    const { target, origins } = this.#options;
    if (target === null || event.source !== (target as unknown)) return null;
    if (origins && !origins.includes(event.origin)) {
      if (isSplitbrainShaped(event.data)) this.#warn(`Splitbrain ignored a command from ${event.origin || 'an unknown origin'}: not among the embed's origins`);
      return null;
    }
    return this.receive(event.data);
  }

  /** Handles one message's data (already known to come from the host); exposed for tests. Never throws. */
  receive(data: unknown): HostCommand | null {
    if (!isSplitbrainShaped(data)) return null;
    const parsed = parseHostCommand(data, { nodes: this.#options.nodes(), lab: this.#options.lab?.() });
    if (!parsed.ok) {
      this.#warn(`Splitbrain ignored a message from the host page: ${parsed.reason}`);
      return null;
    }
    try {
      this.#dispatch(parsed.command);
    } catch (error) {
      this.#warn('Splitbrain could not carry out a host command:', error);
    }
    return parsed.command;
  }

  #onMessage = (event: Event): void => {
    this.receiveEvent(event as MessageEvent);
  };

  #dispatch(command: HostCommand): void {
    const { handlers } = this.#options;
    switch (command.type) {
      case 'splitbrain:play':
        return handlers.play();
      case 'splitbrain:pause':
        return handlers.pause();
      case 'splitbrain:seek':
        return handlers.seek(command.timeMs);
      case 'splitbrain:inject':
        return handlers.inject(command.action);
      case 'splitbrain:load':
        return handlers.load(command.scenario);
    }
  }

  /** After a successful load: the host may start sending commands. */
  ready(frame: Frame): void {
    this.#leader = frame.leader;
    this.#violationsSeen = frame.violations.length;
    this.#emit({ type: 'splitbrain:ready', lab: frame.lab });
    this.#emitTime(frame.timeMs);
  }

  /** Every frame the lab accepts goes through here. */
  onFrame(frame: Frame, cause: FrameCauseLike, playing: boolean): void {
    if (cause === 'load') {
      this.#leader = frame.leader;
      this.#violationsSeen = frame.violations.length;
      return;
    }
    this.#checkLeader(frame);
    this.#checkViolations(frame, cause);
    if (cause === 'seek' || cause === 'step') this.#emitTime(frame.timeMs);
    else if (cause !== 'advance') return;
    // While playing, at most every TIME_EVENT_INTERVAL_MS; the catch-up advance after a pause always.
    else if (!playing || this.#now() - this.#lastTimeEventMs >= TIME_EVENT_INTERVAL_MS) this.#emitTime(frame.timeMs);
  }

  #checkLeader(frame: Frame): void {
    const leader = frame.leader;
    if (leader === this.#leader) return;
    this.#leader = leader;
    if (leader === null) return;
    const term = frame.nodes.find((node) => node.id === leader)?.view.term ?? 0;
    this.#emit({ type: 'splitbrain:leader-elected', leader, term, timeMs: frame.timeMs });
  }

  #checkViolations(frame: Frame, cause: FrameCauseLike): void {
    const { violations } = frame;
    if (violations.length < this.#violationsSeen || cause === 'seek') {
      this.#violationsSeen = Math.min(this.#violationsSeen, violations.length);
    }
    for (const violation of violations.slice(this.#violationsSeen)) {
      const { invariant, message, timeMs, seed } = violation;
      this.#emit({ type: 'splitbrain:violation', invariant, message, timeMs, seed });
    }
    this.#violationsSeen = violations.length;
  }

  #emitTime(timeMs: number): void {
    this.#lastTimeEventMs = this.#now();
    this.#emit({ type: 'splitbrain:time', timeMs });
  }

  #emit(event: LabEvent): void {
    try {
      this.#options.target?.postMessage(event, '*');
    } catch (error) {
      this.#warn('Splitbrain could not post to the host page:', error);
    }
  }
}

/** Messages that are not meant for us (other widgets, devtools) pass silently; ours are checked. */
function isSplitbrainShaped(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return true;
  const type = Object.getOwnPropertyDescriptor(data, 'type')?.value;
  return typeof type !== 'string' || type.startsWith('splitbrain:');
}

/** The host window when the lab runs inside a frame, else null. */
export function parentWindow(self: Window): Window | null {
  try {
    return self.parent && self.parent !== self ? self.parent : null;
  } catch {
    return null;
  }
}
