// Which links are cut, as a matrix over actor positions: a message on a partitioned network asks
// one typed-array cell per link instead of building "from>to" keys. Derived from the network's
// cut record and the actor list, and rebuilt when either is replaced or grows (the record is
// replaced on every change, so identity tells).
import { linkKey, type NetworkState } from './network';
import type { NodeId } from './types';

export class CutMatrix {
  private cut: Record<string, true> | null = null;
  private actorCount = -1;
  private readonly position = new Map<NodeId, number>();
  /** The position of each actor's home (itself when it has none; -1 for a home not among the actors). */
  private homePosition = new Int32Array(0);
  private cells = new Uint8Array(0);

  /** Whether a message from one actor can reach another: their own link and, for actors that
   * sit beside another, the link between their homes. Unknown ids answer null. */
  canReach(network: NetworkState, actorIds: readonly NodeId[], home: Readonly<Record<NodeId, NodeId>>, from: NodeId, to: NodeId): boolean | null {
    if (network.cut !== this.cut || actorIds.length !== this.actorCount) this.rebuild(network, actorIds, home);
    const a = this.position.get(from);
    const b = this.position.get(to);
    if (a === undefined || b === undefined) return null;
    const n = this.actorCount;
    if (this.cells[a * n + b] === 1) return false;
    const homeA = this.homePosition[a];
    const homeB = this.homePosition[b];
    if (homeA < 0 || homeB < 0) return null;
    return this.cells[homeA * n + homeB] === 0;
  }

  private rebuild(network: NetworkState, actorIds: readonly NodeId[], home: Readonly<Record<NodeId, NodeId>>): void {
    const n = actorIds.length;
    this.cut = network.cut;
    this.actorCount = n;
    this.position.clear();
    actorIds.forEach((id, index) => this.position.set(id, index));
    this.homePosition = new Int32Array(n);
    this.cells = new Uint8Array(n * n);
    for (let a = 0; a < n; a++) {
      this.homePosition[a] = this.position.get(home[actorIds[a]] ?? actorIds[a]) ?? -1;
      for (let b = 0; b < n; b++) {
        if (a !== b && network.cut[linkKey(actorIds[a], actorIds[b])] === true) this.cells[a * n + b] = 1;
      }
    }
  }
}
