// Which links the stage draws: every pair of servers (mesh), only the pairs busy now or in the
// last second plus the cut ones (active, so 64 members never draw 2,016 lines), or only the cut
// ones (none). An actor with a home uses its home's links.
import type { InFlightMessage, LinkFrame, TraceEvent } from '../../engine/frame';
import type { LinkDrawing } from '../../labs/define-lab';
import type { StageActor } from './layouts/types';

export interface LinkPair {
  /** "a|b" with a before b in actor order: stable across frames for keyed drawing. */
  key: string;
  a: string;
  b: string;
  /** False when either direction is cut. */
  up: boolean;
}

/** How far back (virtual ms) traffic still keeps a link drawn in `active` mode. */
export const ACTIVE_WINDOW_MS = 1000;

export function linkKey(a: string, b: string): string {
  return `${a}|${b}`;
}

export interface LinkInput {
  actors: readonly StageActor[];
  drawing: LinkDrawing;
  /** The frame's cut directed links. */
  links: readonly LinkFrame[];
  messages: readonly Pick<InFlightMessage, 'from' | 'to'>[];
  /** Recent sends, deliveries and drops, oldest first. */
  traffic: readonly Pick<TraceEvent, 'kind' | 'timeMs' | 'from' | 'to'>[];
  timeMs: number;
  windowMs?: number;
}

/** Maps an endpoint to the actor whose links it uses (its home, or itself). */
function linkOwners(actors: readonly StageActor[]): Map<string, string> {
  const ids = new Set(actors.map((actor) => actor.id));
  return new Map(actors.map((actor) => [actor.id, actor.home && ids.has(actor.home) ? actor.home : actor.id]));
}

/** Collects unordered pairs in actor order, each once. */
class PairSet {
  readonly #rank: Map<string, number>;
  readonly #owners: Map<string, string>;
  readonly pairs = new Map<string, { a: string; b: string }>();

  constructor(actors: readonly StageActor[]) {
    this.#rank = new Map(actors.map((actor, i) => [actor.id, i]));
    this.#owners = linkOwners(actors);
  }

  add(from: string | undefined, to: string | undefined): void {
    const x = from === undefined ? undefined : this.#owners.get(from);
    const y = to === undefined ? undefined : this.#owners.get(to);
    if (x === undefined || y === undefined || x === y) return;
    const [a, b] = this.#rank.get(x)! < this.#rank.get(y)! ? [x, y] : [y, x];
    this.pairs.set(linkKey(a, b), { a, b });
  }

  sorted(): { key: string; a: string; b: string }[] {
    const rank = (id: string) => this.#rank.get(id)!;
    return [...this.pairs]
      .map(([key, pair]) => ({ key, ...pair }))
      .sort((p, q) => rank(p.a) - rank(q.a) || rank(p.b) - rank(q.b));
  }
}

/** The unordered pairs cut in at least one direction. */
export function cutPairKeys(actors: readonly StageActor[], links: readonly LinkFrame[]): Set<string> {
  const cut = new PairSet(actors);
  for (const link of links) if (!link.up) cut.add(link.from, link.to);
  return new Set(cut.pairs.keys());
}

function addMesh(pairs: PairSet, actors: readonly StageActor[]): void {
  const firstRole = actors[0]?.role;
  const members = actors.filter((actor) => actor.role === firstRole && actor.home === null);
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) pairs.add(members[i].id, members[j].id);
  }
}

/** Pairs carrying a message now or that carried one within the window before `timeMs`. */
function addActive(pairs: PairSet, input: LinkInput): void {
  for (const message of input.messages) pairs.add(message.from, message.to);
  const since = input.timeMs - (input.windowMs ?? ACTIVE_WINDOW_MS);
  // Traffic is oldest first: walk back from the newest and stop at the window's start.
  for (let i = input.traffic.length - 1; i >= 0; i--) {
    const event = input.traffic[i];
    if (event.timeMs < since) break;
    if (event.timeMs <= input.timeMs) pairs.add(event.from, event.to);
  }
}

export function drawnLinks(input: LinkInput): LinkPair[] {
  const pairs = new PairSet(input.actors);
  if (input.drawing === 'mesh') addMesh(pairs, input.actors);
  if (input.drawing === 'active') addActive(pairs, input);
  const cut = cutPairKeys(input.actors, input.links);
  for (const key of cut) {
    const [a, b] = key.split('|');
    pairs.add(a, b);
  }
  return pairs.sorted().map((pair) => ({ ...pair, up: !cut.has(pair.key) }));
}
