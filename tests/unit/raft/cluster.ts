// A tiny in-memory driver for tests: 3–5 Raft nodes, a message queue delivered in the order the
// test chooses, timers fired by hand, crash/restart, and every invariant run after every step.
import type { Effect, Invariant, Message, NodeSnapshot, Operation, Protocol } from '../../../src/engine/types';
import { replyOf, requestMessage, type ReplyResult } from '../../../src/protocols/client/messages';
import { currentLeader, raft, raftInvariants, type RaftLibrary } from '../../../src/protocols/raft';
import type { RaftPersisted, RaftState } from '../../../src/protocols/raft/types';
import { context, frozen } from './helpers';

export interface Envelope {
  from: string;
  to: string;
  message: Message;
}

interface Node {
  id: string;
  up: boolean;
  state: RaftState | null;
  disk: RaftPersisted | null;
  timers: Set<string>;
}

export class Cluster {
  readonly nodes: Node[] = [];
  queue: Envelope[] = [];
  /** Replies to clients (ClientReply messages), taken off the wire as the servers send them. */
  readonly replies: { to: string; requestId: number; result: ReplyResult }[] = [];
  readonly notes: string[] = [];
  readonly violations: string[] = [];
  readonly requests = new Map<number, Operation>();
  /** The invariants run after every step, and their ghosts (tests read how big they grow). */
  readonly invariants: readonly Invariant<RaftState, unknown>[];
  readonly ghosts: unknown[];
  /** Every message put on the wire, in order (tests look for InstallSnapshot). */
  readonly sent: Envelope[] = [];
  private readonly protocol: Protocol<RaftState, RaftPersisted>;
  private nextRequestId = 1;

  /** `library` replaces the key/value Raft (a test machine, a deliberately broken variant). */
  constructor(readonly size: number, readonly params: Record<string, unknown> = {}, library?: Pick<RaftLibrary<any>, 'protocol' | 'invariants'>) {
    this.protocol = (library?.protocol ?? raft) as Protocol<RaftState, RaftPersisted>;
    this.invariants = (library?.invariants ?? raftInvariants) as readonly Invariant<RaftState, any>[];
    this.ghosts = this.invariants.map((invariant) => invariant.initGhost());
    for (let i = 1; i <= size; i++) {
      const id = `n${i}`;
      this.nodes.push({ id, up: true, state: null, disk: null, timers: new Set() });
      this.apply(id, this.protocol.init(this.ctx(id)));
    }
  }

  ctx(id: string) {
    return context(id, this.size, this.params);
  }

  node(id: string): Node {
    const node = this.nodes.find((candidate) => candidate.id === id);
    if (node === undefined) throw new Error(`no node ${id}`);
    return node;
  }

  state(id: string): RaftState {
    const state = this.node(id).state;
    if (state === null) throw new Error(`${id} is down`);
    return state;
  }

  leader(): string | null {
    return currentLeader(this.snapshots());
  }

  snapshots(): NodeSnapshot<RaftState>[] {
    return this.nodes.map((node) => ({ id: node.id, up: node.up, state: node.up ? node.state : null }));
  }

  private apply(id: string, [state, effects]: [RaftState, Effect[]]): void {
    const node = this.node(id);
    node.state = frozen(state); // a handler that mutates its input state throws
    node.disk = structuredClone(this.protocol.persisted(state));
    for (const effect of effects) {
      const reply = replyOf(effect);
      if (reply !== null) this.replies.push(reply);
      else if (effect.kind === 'send') {
        this.queue.push({ from: id, to: effect.to, message: effect.message });
        this.sent.push({ from: id, to: effect.to, message: effect.message });
      }
      else if (effect.kind === 'set-timer') node.timers.add(effect.timer);
      else if (effect.kind === 'cancel-timer') node.timers.delete(effect.timer);
      else if (effect.kind === 'note') this.notes.push(effect.text);
      else throw new Error(`unexpected effect ${effect.kind} from ${id}`);
    }
    this.checkInvariants(id);
  }

  checkInvariants(changed: string | null): void {
    const snapshots = this.snapshots();
    this.invariants.forEach((invariant, i) => {
      const violation = invariant.check(snapshots, this.ghosts[i], changed);
      if (violation !== null) this.violations.push(`${invariant.name}: ${violation}`);
    });
  }

  /** Delivers the queued message at `index` (default: the oldest); dropped if the target is down. */
  deliver(index = 0): Envelope | undefined {
    const [envelope] = this.queue.splice(index, 1);
    if (envelope === undefined) return undefined;
    const node = this.node(envelope.to);
    if (node.up && node.state !== null) {
      this.apply(node.id, this.protocol.onMessage(node.state, envelope.from, envelope.message, this.ctx(node.id)));
    }
    return envelope;
  }

  /** Delivers in FIFO order until the queue is empty (bounded). */
  deliverAll(maxSteps = 10_000): number {
    let steps = 0;
    while (this.queue.length > 0 && steps < maxSteps) {
      this.deliver();
      steps++;
    }
    return steps;
  }

  /** Delivers the queue in FIFO order, new messages included, dropping those `keep` rejects. */
  deliverOnly(keep: (envelope: Envelope) => boolean, maxSteps = 10_000): void {
    for (let steps = 0; this.queue.length > 0 && steps < maxSteps; steps++) {
      if (keep(this.queue[0])) this.deliver();
      else this.queue.shift();
    }
  }

  fire(id: string, timer: string): void {
    const node = this.node(id);
    if (!node.up || node.state === null) return;
    this.apply(id, this.protocol.onTimer(node.state, timer, this.ctx(id)));
  }

  request(id: string, op: Operation, client = 'c1'): number {
    const requestId = this.nextRequestId++;
    this.requests.set(requestId, op);
    const node = this.node(id);
    // A client request is an ordinary message; raft.onMessage hands it to onRequest.
    if (node.up && node.state !== null) this.apply(id, this.protocol.onMessage(node.state, client, requestMessage(requestId, op), this.ctx(id)));
    return requestId;
  }

  crash(id: string): void {
    const node = this.node(id);
    node.up = false;
    node.state = null;
    node.timers.clear();
    this.checkInvariants(id);
  }

  restart(id: string): void {
    const node = this.node(id);
    if (node.up || node.disk === null) return;
    node.up = true;
    this.apply(id, this.protocol.recover(structuredClone(node.disk), this.ctx(id)));
  }

  /** Times out `id`, then delivers everything: with FIFO delivery it wins the election. */
  elect(id: string): void {
    this.fire(id, 'election');
    this.deliverAll();
  }
}
