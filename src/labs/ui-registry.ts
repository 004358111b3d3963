// Every lab's page parts, by id: one line each. With registry.ts, the only importer of lab folders.
import type { Component } from 'svelte';
import type { Action } from '../engine/actions';
import type { Frame } from '../engine/frame';
import type { Tour } from '../ui/tour';
import { balancingUi } from './balancing/ui/index';
import { breakerUi } from './breaker/ui/index';
import { cachingUi } from './caching/ui/index';
import { capUi } from './cap/ui/index';
import { clocksUi } from './clocks/ui/index';
import { crdtUi } from './crdt/ui/index';
import { hashingUi } from './hashing/ui/index';
import { locksUi } from './locks/ui/index';
import { membershipUi } from './membership/ui/index';
import { messagingUi } from './messaging/ui/index';
import { overloadUi } from './overload/ui/index';
import { paxosUi } from './paxos/ui/index';
import { quorumUi } from './quorum/ui/index';
import { raftUi } from './raft/ui/index';
import { replicationUi } from './replication/ui/index';
import { retriesUi } from './retries/ui/index';
import { shardingUi } from './sharding/ui/index';
import { transactionsUi } from './transactions/ui/index';
import { trustUi } from './trust/ui/index';

/** What a lab adds to the page; every part is optional. */
export interface LabUi {
  /** The side column's panels; without one the page shows the node inspector. */
  side?: Component<{ frame: Frame; inject: (action: Action) => void }>;
  /** A panel as wide as the stage, under it (the CAP lab's client history). */
  wide?: Component<{ frame: Frame }>;
  /** A compact verdict on an embedded stage. */
  chip?: Component<{ frame: Frame }>;
  tour?: Tour;
}

const UIS: Record<string, LabUi> = { balancing: balancingUi, breaker: breakerUi, caching: cachingUi, raft: raftUi, cap: capUi, clocks: clocksUi, crdt: crdtUi, hashing: hashingUi, locks: locksUi, membership: membershipUi, messaging: messagingUi, overload: overloadUi, paxos: paxosUi, quorum: quorumUi, replication: replicationUi, transactions: transactionsUi, retries: retriesUi, sharding: shardingUi, trust: trustUi };

export function labUi(id: string): LabUi {
  return Object.hasOwn(UIS, id) ? UIS[id] : {};
}
