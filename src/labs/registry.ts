// Every lab, by id: one line each. The only module (with ui-registry) that imports a lab folder.
import type { LabDefinition } from './define-lab';
import balancing from './balancing/lab';
import breaker from './breaker/lab';
import caching from './caching/lab';
import cap from './cap/lab';
import clocks from './clocks/lab';
import crdt from './crdt/lab';
import echo from './echo/lab';
import locks from './locks/lab';
import membership from './membership/lab';
import messaging from './messaging/lab';
import hashing from './hashing/lab';
import overload from './overload/lab';
import paxos from './paxos/lab';
import raft from './raft/lab';
import replication from './replication/lab';
import retries from './retries/lab';
import sharding from './sharding/lab';
import quorum from './quorum/lab';
import transactions from './transactions/lab';
import trust from './trust/lab';

// Menu order, by topic: consensus and consistency, coordination, data placement and membership,
// scaling, resilience, messaging, trust; the hidden worked example last.
export const LABS: readonly LabDefinition[] = [
  raft, cap, replication, quorum, clocks, crdt,
  paxos, transactions, locks,
  hashing, sharding, membership,
  balancing, caching,
  retries, overload, breaker,
  messaging, trust,
  echo,
];

export const LAB_IDS: readonly string[] = LABS.map((lab) => lab.id);

/** The lab a page opens with no link. */
export const DEFAULT_LAB_ID = LABS[0].id;

export function findLab(id: string): LabDefinition | undefined {
  return LABS.find((lab) => lab.id === id);
}

export function labById(id: string): LabDefinition {
  const lab = findLab(id);
  if (!lab) throw new Error(`unknown lab "${id}" (known: ${LAB_IDS.join(', ')})`);
  return lab;
}
