// Replication lag per follower, measured against the primary of the newest epoch: how many of its
// entries a follower has not received, and not yet applied (what its reads miss), and for how
// long the oldest missing entry has been waiting, in ms.
import type { NodeId, NodeSnapshot } from '../../engine/types';
import type { LogEntry, PrimaryBackupState } from '../../protocols/primary-backup';

export interface FollowerLag {
  node: NodeId;
  up: boolean;
  role: string;
  epoch: number | null;
  /** Entries of the primary's log this node has not received / not applied. */
  missingEntries: number;
  unappliedEntries: number;
  /** Since when the oldest entry it has not applied has been in the primary's log. */
  lagMs: number;
}

/** How many leading entries `log` shares with the primary's, looking no further than `upTo`. */
function sharedPrefix(primaryLog: readonly LogEntry[], log: readonly LogEntry[], upTo: number): number {
  // Logs that agree on an entry's epoch at an index agree on all before it: walk back to one.
  let i = Math.min(upTo, log.length, primaryLog.length);
  while (i > 0 && log[i - 1].epoch !== primaryLog[i - 1].epoch) i--;
  return i;
}

export function followerLag(servers: readonly NodeSnapshot<PrimaryBackupState>[], primary: NodeId | null, nowMs: number): FollowerLag[] {
  const leader = servers.find((s) => s.id === primary)?.state ?? null;
  return servers
    .filter((s) => s.id !== primary)
    .map((s) => {
      const state = s.up ? s.state : null;
      if (!state || !leader) return { node: s.id, up: s.up, role: state?.role ?? 'crashed', epoch: state?.epoch ?? null, missingEntries: 0, unappliedEntries: 0, lagMs: 0 };
      const received = sharedPrefix(leader.log, state.log, state.log.length);
      const applied = sharedPrefix(leader.log, state.log, state.appliedIndex);
      const unapplied = leader.log.length - applied;
      return {
        node: s.id, up: true, role: state.role, epoch: state.epoch,
        missingEntries: leader.log.length - received,
        unappliedEntries: unapplied,
        lagMs: unapplied > 0 ? Math.max(0, nowMs - leader.log[applied].atMs) : 0,
      };
    });
}
