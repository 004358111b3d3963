// Views of a frame that several panels need: the servers (the first role's actors), and the
// actors that sit beside a server (clients), as a history view lays them out.
import type { Frame, NodeFrame } from '../engine/frame';

/** An actor that sits beside a node: a client and where it is attached. */
export interface AttachedActor {
  id: string;
  attachedTo: string;
}

/** The first role's actors (the servers); frames list them first. */
export function serversOf(frame: Pick<Frame, 'nodes'>): NodeFrame[] {
  const role = frame.nodes[0]?.role;
  return frame.nodes.filter((node) => node.role === role);
}

/** Every actor with a home (clients beside their node), in frame order. */
export function attachedActors(frame: Pick<Frame, 'nodes'>): AttachedActor[] {
  return frame.nodes.filter((node) => node.home !== null).map((node) => ({ id: node.id, attachedTo: node.home as string }));
}
